import { createHash } from 'node:crypto';

/**
 * Deterministic randomness for the data set: the same seed gives the same registry, run after run,
 * so two runs (or two machines) measure the same data.
 */

/** mulberry32: small, fast, good enough for test data (not for anything secret). */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/** A uuid derived from a name (md5, as the SQL side derives its ids: md5(text)::uuid). */

export function nameUuid(name) {
  const hex = createHash('md5').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A Swedish organisation number NNNNNN-NNNN with a valid Luhn check digit, from a serial. */
export function orgNumber(prefix, serial) {
  const nine = `${prefix}${String(serial).padStart(9 - prefix.length, '0')}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  const ten = nine + String(check);
  return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}
