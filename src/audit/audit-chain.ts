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

/** JSON.stringify of one string (or null) in SQL: to_json escapes exactly as JSON.stringify does. */
const json = (value: string): string => `coalesce(to_json(${value})::text, 'null')`;

/**
 * The append of a write's entries as one statement, hashing as auditHash does. $1, $2, $3: the
 * entries' actions, entity types and entity ids (in order); $4 the time as toISOString() gives it
 * and $7 the same instant; $5 the actor's subject; $6 its organisation (or null).
 */
export const APPEND_ENTRIES = `
WITH RECURSIVE head AS (
  SELECT seq, hash::text AS hash FROM audit_head WHERE id = 1 FOR UPDATE
),
items AS (
  SELECT x.i, x.action, x.entity_type, x.entity_id
    FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS x(action, entity_type, entity_id, i)
),
chain AS (
  SELECT 0::bigint AS i, h.seq, h.hash, NULL::text AS prev_hash,
         NULL::text AS action, NULL::text AS entity_type, NULL::text AS entity_id
    FROM head h
  UNION ALL
  SELECT x.i, c.seq + 1,
         encode(sha256(convert_to('[' || ${[
           'c.hash',
           '(c.seq + 1)::text',
           '$4::text',
           '$5::text',
           '$6::text',
           'x.action',
           'x.entity_type',
           'x.entity_id',
         ]
           .map(json)
           .join(` || ',' || `)} || ']', 'UTF8')), 'hex'),
         c.hash, x.action, x.entity_type, x.entity_id
    FROM chain c JOIN items x ON x.i = c.i + 1
),
appended AS (
  INSERT INTO audit_entry (seq, at, actor_subject, actor_organization_id, action, entity_type, entity_id, prev_hash, hash)
  SELECT seq, $7::timestamptz, $5, $6::uuid, action, entity_type, entity_id, prev_hash, hash FROM chain WHERE i > 0
)
UPDATE audit_head h SET seq = last.seq, hash = last.hash
  FROM (SELECT seq, hash FROM chain ORDER BY i DESC LIMIT 1) last
 WHERE h.id = 1`;

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
