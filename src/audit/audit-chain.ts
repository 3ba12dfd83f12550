import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  readonly seq: string;
  readonly at: Date;
  readonly actorSubject: string;
  readonly actorOrganizationId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
}

export interface ChainedEntry extends ChainedFields {
  readonly prevHash: string;
  readonly hash: string;
}

/** SHA-256 over the previous hash and a canonical encoding of the entry's fields. */
export function auditHash(prevHash: string, entry: ChainedFields): string {
  const canonical = JSON.stringify([
    prevHash,
    entry.seq,
    entry.at.toISOString(),
    entry.actorSubject,
    entry.actorOrganizationId,
    entry.action,
    entry.entityType,
    entry.entityId,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export interface ChainCursor {
  seq: bigint;
  hash: string;
}

export type ChainCheck = { ok: true; next: ChainCursor } | { ok: false; badSeq: string };

/**
 * Checks one entry against the state after its predecessor: the next sequence number, the link
 * to the previous hash, and its own recomputed hash. An edited, deleted or swapped row fails here.
 */
export function checkEntry(previous: ChainCursor, entry: ChainedEntry): ChainCheck {
  const expectedSeq = previous.seq + 1n;
  if (BigInt(entry.seq) !== expectedSeq) return { ok: false, badSeq: expectedSeq.toString() };
  if (entry.prevHash !== previous.hash || auditHash(previous.hash, entry) !== entry.hash) {
    return { ok: false, badSeq: entry.seq };
  }
  return { ok: true, next: { seq: expectedSeq, hash: entry.hash } };
}
