import { auditHash, checkEntry, GENESIS_HASH, type ChainedEntry } from './audit-chain.js';

function chain(n: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      seq: String(i),
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorSubject: `user-${i}`,
      actorOrganizationId: null,
      action: 'thing.changed',
      entityType: 'Thing',
      entityId: `id-${i}`,
    };
    const hash = auditHash(prev, fields);
    entries.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return entries;
}

function firstBad(entries: ChainedEntry[]): string | null {
  let cursor = { seq: 0n, hash: GENESIS_HASH };
  for (const entry of entries) {
    const result = checkEntry(cursor, entry);
    if (!result.ok) return result.badSeq;
    cursor = result.next;
  }
  return null;
}

describe('audit hash chain', () => {
  it('accepts an intact chain', () => {
    expect(firstBad(chain(5))).toBeNull();
  });

  it('names an edited entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], action: 'thing.forged' };
    expect(firstBad(entries)).toBe('3');
  });

  it('names the gap where an entry was deleted', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(firstBad(entries)).toBe('2');
  });

  it('names the first of two swapped entries', () => {
    const entries = chain(5);
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(firstBad(entries)).toBe('2');
  });

  it('detects a hash recomputed without relinking the successor', () => {
    const entries = chain(4);
    const forged = { ...entries[1], entityId: 'other' };
    entries[1] = { ...forged, hash: auditHash(forged.prevHash, forged) };
    expect(firstBad(entries)).toBe('3');
  });

  it('depends on every field', () => {
    const base = chain(1)[0];
    const variants = [
      { ...base, seq: '2' },
      { ...base, at: new Date(base.at.getTime() + 1) },
      { ...base, actorSubject: 'x' },
      { ...base, actorOrganizationId: '00000000-0000-0000-0000-000000000000' },
      { ...base, action: 'x' },
      { ...base, entityType: 'x' },
      { ...base, entityId: 'x' },
    ];
    for (const v of variants) expect(auditHash(GENESIS_HASH, v)).not.toBe(base.hash);
  });
});
