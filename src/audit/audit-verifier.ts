import { verify as verifySignature, createPublicKey } from 'node:crypto';
import { isoInstant } from '../common/time/human-time.js';
import { type ChainCursor, checkEntry, GENESIS_HASH, type ChainedEntry } from './audit-chain.js';
import { type CheckpointBody, checkpointMessage, keyIdOf } from './audit-signing-key.js';
import { MerkleFrontier } from './merkle.js';

export type SqlQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** A checkpoint as published by `auditCheckpoints` and saved outside the database. */
export interface SavedCheckpoint extends CheckpointBody {
  readonly keyId: string;
  readonly signature: string;
  readonly publicKey: string;
}

export interface AuditReport {
  readonly ok: boolean;
  readonly entries: number;
  /** The first entry that does not check (by sequence number), when any. */
  readonly firstInvalidSeq: string | null;
  readonly problems: string[];
  readonly checkpointsChecked: number;
}

const BATCH = 5000;

/**
 * Checkpoints are signed with `signedAt` as the API writes it (to the second); older ones with
 * milliseconds. The instant is what counts, so either writing of it verifies.
 */
function signedAtWritings(signedAt: string): string[] {
  const at = new Date(signedAt);
  return Number.isNaN(at.getTime()) ? [signedAt] : [...new Set([signedAt, isoInstant(at), at.toISOString()])];
}

export function signatureValid(checkpoint: SavedCheckpoint): boolean {
  try {
    const key = createPublicKey(checkpoint.publicKey);
    const signature = Buffer.from(checkpoint.signature, 'base64');
    return (
      keyIdOf(key) === checkpoint.keyId &&
      signedAtWritings(checkpoint.signedAt).some((signedAt) =>
        verifySignature(null, checkpointMessage({ ...checkpoint, signedAt }), key, signature),
      )
    );
  } catch {
    return false;
  }
}

function rowToEntry(row: Record<string, unknown>): ChainedEntry {
  return {
    seq: String(row.seq),
    at: new Date(row.at as string | Date),
    actorSubject: row.actor_subject as string,
    actorOrganizationId: (row.actor_organization_id as string | null) ?? null,
    action: row.action as string,
    entityType: row.entity_type as string,
    entityId: row.entity_id as string,
    prevHash: row.prev_hash as string,
    hash: row.hash as string,
  };
}

/**
 * Checks the audit trail as a whole: the hash chain entry by entry, the head row, every signed
 * checkpoint stored with it, and optionally a checkpoint saved elsewhere (the only defence against
 * a truncated tail, a chain rewritten from some entry on, or an older copy restored).
 * A failure names the first entry that cannot be trusted: exactly, for chain breaks; for damage
 * only a checkpoint can see, the first entry after the last checkpoint that still verifies.
 */
export async function verifyAuditTrail(
  query: SqlQuery,
  options: { saved?: SavedCheckpoint; trustedKeyId?: string } = {},
): Promise<AuditReport> {
  const problems: string[] = [];
  let firstInvalid: bigint | null = null;
  const flag = (seq: bigint, problem: string): void => {
    problems.push(problem);
    if (firstInvalid === null || seq < firstInvalid) firstInvalid = seq;
  };

  const checkpoints = (
    await query(
      `SELECT tree_size, root_hash, head_hash, signed_at, key_id, signature, public_key
       FROM audit_checkpoint ORDER BY tree_size`,
    )
  ).map((r): SavedCheckpoint => ({
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash as string,
    headHash: r.head_hash as string,
    signedAt: new Date(r.signed_at as string).toISOString(),
    keyId: r.key_id as string,
    signature: r.signature as string,
    publicKey: r.public_key as string,
  }));
  const targets = [...checkpoints];
  if (options.saved) targets.push(options.saved);
  targets.sort((a, b) => a.treeSize - b.treeSize);

  let cursor: ChainCursor = { seq: 0n, hash: GENESIS_HASH };
  let chainBroken = false;
  let lastGoodCheckpoint = 0n;
  const frontier = new MerkleFrontier();
  let next = 0;
  const compare = (): void => {
    while (next < targets.length && targets[next].treeSize === frontier.size) {
      const target = targets[next++];
      const label = target === options.saved ? 'the saved checkpoint' : `checkpoint ${target.treeSize}`;
      if (!signatureValid(target)) flag(BigInt(target.treeSize), `${label}: signature does not verify`);
      else if (options.trustedKeyId && target.keyId !== options.trustedKeyId) {
        flag(
          BigInt(target.treeSize),
          `${label}: signed by key ${target.keyId}, not the trusted ${options.trustedKeyId}`,
        );
      } else if (target.rootHash !== frontier.root() || target.headHash !== cursor.hash) {
        const problem = `${label}: the entries up to ${target.treeSize} no longer match its Merkle root`;
        // After a chain break the mismatch is its consequence; the break already names the entry.
        if (chainBroken) problems.push(problem);
        else flag(lastGoodCheckpoint + 1n, problem);
      } else lastGoodCheckpoint = BigInt(target.treeSize);
    }
  };
  compare();

  let after = 0n;
  for (;;) {
    const rows = await query(`SELECT * FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`, [
      after.toString(),
    ]);
    for (const row of rows) {
      const entry = rowToEntry(row);
      if (!chainBroken) {
        const result = checkEntry(cursor, entry);
        if (!result.ok) {
          chainBroken = true;
          flag(BigInt(result.badSeq), `entry ${result.badSeq}: the hash chain breaks here`);
        }
      }
      cursor = { seq: BigInt(entry.seq), hash: entry.hash };
      frontier.append(entry.hash);
      compare();
      after = BigInt(entry.seq);
    }
    if (rows.length < BATCH) break;
  }

  const [head] = await query(`SELECT seq, hash FROM audit_head WHERE id = 1`);
  if (head && (BigInt(String(head.seq)) !== cursor.seq || head.hash !== cursor.hash)) {
    flag(cursor.seq + 1n, `the head row says ${String(head.seq)} entries, the table holds ${cursor.seq}`);
  }
  for (const missing of targets.slice(next)) {
    const label = missing === options.saved ? 'the saved checkpoint' : `checkpoint ${missing.treeSize}`;
    flag(
      cursor.seq + 1n,
      `${label} covers ${missing.treeSize} entries but only ${frontier.size} exist (truncated or restored from an older copy)`,
    );
  }
  const firstInvalidSeq: bigint | null = firstInvalid;
  return {
    ok: problems.length === 0,
    entries: frontier.size,
    firstInvalidSeq: firstInvalidSeq === null ? null : String(firstInvalidSeq),
    problems,
    checkpointsChecked: checkpoints.length,
  };
}
