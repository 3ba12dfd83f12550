/**
 * The benchmark's knobs, from the environment. BENCH_SCALE: national (default), small (a tenth of
 * the catalogue, same per-request shape: every customer still has 40 subscriptions of ~200
 * findings each), eu (10x the municipalities, 5x the products and suppliers).
 */
const SCALES = {
  small: { customersFactor: 1, products: 1_000, suppliers: 500 },
  national: { customersFactor: 1, products: 10_000, suppliers: 5_000 },
  eu: { customersFactor: 10, products: 50_000, suppliers: 25_000 },
};

function int(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number (got "${raw}")`);
  return n;
}

/** A whole number >= 1, or null when unset. */
function positive(name) {
  const n = int(name, null);
  if (n === 0) throw new Error(`${name} must be at least 1`);
  return n;
}

/** The data set of a scale: the catalogue's size and the per-customer shape every scale shares. */
export function scaleSettings(scaleName, variable = 'BENCH_SCALE') {
  const scale = SCALES[scaleName];
  if (!scale)
    throw new Error(`${variable} must be one of ${Object.keys(SCALES).join(', ')} (got "${scaleName}")`);
  return {
    ...scale,
    subscriptionsPerCustomer: 40,
    requirements: 200,
    assessors: 20,
    /** Share of products with a second, in-progress assessment (the rows S4 writes to). */
    inProgressShare: 0.03,
  };
}

export function benchConfig(env = process.env) {
  const scaleName = env.BENCH_SCALE || 'national';
  const scale = scaleSettings(scaleName);
  // The other scales S1 and S2 are measured at too, so the report shows whether cost grows with data.
  const also =
    env.BENCH_ALSO_SCALES === undefined
      ? Object.keys(SCALES).filter((name) => name !== scaleName)
      : env.BENCH_ALSO_SCALES.split(',')
          .map((name) => name.trim())
          .filter((name) => name && name !== 'none' && name !== scaleName);
  for (const name of also) scaleSettings(name, 'BENCH_ALSO_SCALES');
  return {
    scaleName,
    scale,
    alsoScales: also,
    seed: int('BENCH_SEED', 20261128),
    databaseUrl: env.BENCH_DATABASE_URL || undefined,
    durationSec: int('BENCH_DURATION', 15),
    warmupSec: int('BENCH_WARMUP', 2),
    rounds: int('BENCH_ROUNDS', 3),
    connections: int('BENCH_CONNECTIONS', 8),
    /**
     * S4 writers. Unset: found by a ramp before the rounds (the highest sustained write rate);
     * BENCH_S4_CONNECTIONS=n skips the ramp and runs the S4 rounds at n.
     */
    s4Connections: positive('BENCH_S4_CONNECTIONS'),
    s4Ramp: {
      /** Concurrent writers per step, after one warm-up. */
      levels: [1, 2, 4, 8, 16, 32],
      stepSec: 3,
      /** Stop when a step adds less than this share of writes/s to the previous one. */
      minGain: 0.05,
      /** Stop (and do not choose the step) when its p99 passes this. */
      maxP99Ms: 1000,
    },
    /** Writers running beside S1 in S6. */
    mixedWriters: int('BENCH_MIXED_WRITERS', 2),
    incidentReports: int('BENCH_INCIDENTS', 3),
    /** Run only these scenarios (comma-separated, e.g. S1,S2); all by default. */
    only: (env.BENCH_ONLY || '')
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
    profile: env.BENCH_PROFILE !== '0',
    /** Where the raw .cpuprofile files are kept for a closer look (default: deleted with the run). */
    profileDir: env.BENCH_PROFILE_DIR || undefined,
    ignoreMismatch: env.BENCH_IGNORE_MISMATCH === '1',
  };
}
