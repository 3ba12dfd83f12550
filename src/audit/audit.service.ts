import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { keysetConnection } from '../common/database/keyset.js';
import { preparedWrite } from '../common/database/prepared-query.js';
import { CommitParticipant, type TransactionParticipant } from '../common/database/transaction-hooks.js';
import type { WriteContext } from '../common/database/unit-of-work.js';
import type { ConnectionShape } from '../common/graphql/connection.js';
import { pageRequest } from '../common/graphql/cursor.js';
import { toGlobalId } from '../common/graphql/global-id.js';
import { APPEND_ENTRIES, type ChainCursor, checkEntry, GENESIS_HASH } from './audit-chain.js';
import { AuditEntryEntity, AuditHeadEntity } from './audit-entry.entity.js';
import { AuditCheckpointEntity } from './audit-checkpoint.entity.js';
import {
  type AuditCheckpoint,
  AuditEntry,
  type AuditLogArgs,
  type AuditVerification,
} from './dto/audit.model.js';
import type { ConnectionArgs } from '../common/graphql/connection.js';

export const AUDIT_ENTRY_TYPE = 'AuditEntry';
const VERIFY_BATCH = 5000;
/** Last of the participants: the head row's lock is held from here to the commit, so briefly. */
const AUDIT_COMMIT_ORDER = 30;

function toAuditEntry(entity: AuditEntryEntity): AuditEntry {
  const model = new AuditEntry();
  model.id = toGlobalId(AUDIT_ENTRY_TYPE, entity.seq);
  model.at = entity.at;
  model.actorSubject = entity.actorSubject;
  model.actorOrganizationUuid = entity.actorOrganizationId;
  model.action = entity.action;
  model.entityType = entity.entityType;
  model.entityId = entity.entityId;
  model.hash = entity.hash;
  return model;
}

/**
 * The audit trail: every write's entries are appended in its own transaction, just before commit,
 * chained by hash. Appends serialise on the single head row, so the chain never forks or gaps;
 * the lock is taken at the very end of the transaction to keep it short.
 */
@Injectable()
@CommitParticipant({ order: AUDIT_COMMIT_ORDER })
export class AuditService implements TransactionParticipant {
  constructor(
    @InjectRepository(AuditEntryEntity) private readonly entries: Repository<AuditEntryEntity>,
    @InjectRepository(AuditCheckpointEntity)
    private readonly checkpointRows: Repository<AuditCheckpointEntity>,
  ) {}

  /**
   * Appends the write's entries in ONE statement: lock the head, chain the entries (the hash of
   * audit-chain.ts, computed in SQL over the same canonical JSON; audit-chain.spec.ts and the
   * verifier hold the two to each other), insert them and move the head.
   */
  async beforeCommit(tx: WriteContext): Promise<void> {
    if (tx.audits.length === 0) return;
    const at = new Date();
    await preparedWrite(tx.em, APPEND_ENTRIES, [
      tx.audits.map((a) => a.action),
      tx.audits.map((a) => a.entityType),
      tx.audits.map((a) => a.entityId),
      at.toISOString(),
      tx.actor.subject,
      tx.actor.organizationId,
      at,
    ]);
  }

  async list(_actor: Actor, args: AuditLogArgs): Promise<ConnectionShape<AuditEntry>> {
    const qb = this.entries.createQueryBuilder('a');
    if (args.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: args.entityId });
    return keysetConnection(
      qb,
      [{ column: 'a.seq', value: (a) => a.seq }],
      'DESC',
      pageRequest(args, ['int']),
      toAuditEntry,
    );
  }

  async checkpoints(_actor: Actor, args: ConnectionArgs): Promise<ConnectionShape<AuditCheckpoint>> {
    const qb = this.checkpointRows.createQueryBuilder('c');
    return keysetConnection(
      qb,
      [{ column: 'c.tree_size', value: (c) => c.treeSize }],
      'DESC',
      pageRequest(args, ['int']),
      (c) => ({
        treeSize: Number(c.treeSize),
        rootHash: c.rootHash,
        headHash: c.headHash,
        signedAt: c.signedAt,
        keyId: c.keyId,
        signature: c.signature,
        publicKey: c.publicKey,
      }),
    );
  }

  /**
   * Recomputes the whole chain, oldest first, and names the first entry that does not match. One
   * snapshot (REPEATABLE READ, read only) for every batch and the head: writes that append while
   * it reads are not half-seen as a head ahead of the entries.
   */
  async verify(_actor: Actor): Promise<AuditVerification> {
    return this.entries.manager.transaction('REPEATABLE READ', async (em) => {
      await em.query('SET TRANSACTION READ ONLY');
      let cursor: ChainCursor = { seq: 0n, hash: GENESIS_HASH };
      let checked = 0;
      for (;;) {
        const batch = await em
          .getRepository(AuditEntryEntity)
          .createQueryBuilder('a')
          .where('a.seq > :after', { after: cursor.seq.toString() })
          .orderBy('a.seq', 'ASC')
          .limit(VERIFY_BATCH)
          .getMany();
        for (const entry of batch) {
          const result = checkEntry(cursor, entry);
          if (!result.ok) return this.invalid(checked, result.badSeq);
          cursor = result.next;
          checked += 1;
        }
        if (batch.length < VERIFY_BATCH) break;
      }
      const head = await em.getRepository(AuditHeadEntity).findOneByOrFail({ id: 1 });
      if (BigInt(head.seq) !== cursor.seq || head.hash !== cursor.hash) {
        return this.invalid(checked, (cursor.seq + 1n).toString());
      }
      return { valid: true, entriesChecked: checked, firstInvalidEntryId: null };
    });
  }

  private invalid(checked: number, seq: string): AuditVerification {
    return { valid: false, entriesChecked: checked, firstInvalidEntryId: toGlobalId(AUDIT_ENTRY_TYPE, seq) };
  }
}
