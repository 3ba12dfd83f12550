import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { sign } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.constants.js';
import { isoInstant } from '../common/time/human-time.js';
import { AuditCheckpointEntity } from './audit-checkpoint.entity.js';
import { type AuditSigningKey, checkpointMessage, loadAuditSigningKey } from './audit-signing-key.js';
import { MerkleFrontier } from './merkle.js';

/** A checkpoint is due after this many new entries, or after this long with any new entry. */
export const CHECKPOINT_EVERY_ENTRIES = 1000;
export const CHECKPOINT_EVERY_MS = 5 * 60 * 1000;
const POLL_MS = 15_000;
const BATCH = 5000;
/** pg_advisory_xact_lock key: one checkpoint writer at a time across instances. */
const LOCK_KEY = 914_201;

/**
 * Signs RFC 9162 tree heads over the audit chain. A hash chain alone cannot show that its tail
 * was cut off or that the whole database was restored from an older copy; a signed checkpoint
 * kept elsewhere (see `npm run audit:verify -- --save`) can.
 */
@Injectable()
export class AuditCheckpointService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditCheckpointService.name);
  readonly key: AuditSigningKey;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = loadAuditSigningKey(config.auditSigningKey, config.dataDir);
  }

  onApplicationBootstrap(): void {
    if (!this.config.backgroundJobs) return;
    this.timer = setInterval(() => {
      this.checkpointIfDue().catch((error: unknown) =>
        this.logger.error(`audit checkpoint failed: ${String(error)}`),
      );
    }, POLL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async checkpointIfDue(now = new Date()): Promise<AuditCheckpointEntity | null> {
    const [state] = await this.dataSource.query<
      { head: string; last: string | null; last_at: Date | null }[]
    >(
      `SELECT h.seq AS head, c.tree_size AS last, c.signed_at AS last_at
         FROM audit_head h
         LEFT JOIN LATERAL (SELECT tree_size, signed_at FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1) c ON true
        WHERE h.id = 1`,
    );
    const pending = Number(state.head) - Number(state.last ?? 0);
    const age = state.last_at ? now.getTime() - new Date(state.last_at).getTime() : Infinity;
    if (pending >= CHECKPOINT_EVERY_ENTRIES || (pending > 0 && age >= CHECKPOINT_EVERY_MS))
      return this.checkpoint(now);
    return null;
  }

  /** Signs a tree head over every entry so far; null when nothing is new since the last one. */
  async checkpoint(now = new Date()): Promise<AuditCheckpointEntity | null> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const last = await em
        .getRepository(AuditCheckpointEntity)
        .findOne({ where: {}, order: { treeSize: 'DESC' } });
      const [head] = await em.query<{ seq: string; hash: string }[]>(
        'SELECT seq, hash FROM audit_head WHERE id = 1',
      );
      if (last && last.treeSize === head.seq) return null;
      if (!last && head.seq === '0') return null;
      const frontier = new MerkleFrontier(last?.frontier);
      let after = last?.treeSize ?? '0';
      for (;;) {
        const rows = await em.query<{ seq: string; hash: string }[]>(
          `SELECT seq, hash FROM audit_entry WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT ${BATCH}`,
          [after, head.seq],
        );
        for (const row of rows) frontier.append(row.hash);
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1].seq;
      }
      if (String(frontier.size) !== head.seq) {
        throw new Error(`audit entries up to ${head.seq} are incomplete (${frontier.size} found)`);
      }
      // To the second, so the signed text is exactly the signedAt the API publishes.
      const signedAt = new Date(Math.floor(now.getTime() / 1000) * 1000);
      const body = {
        treeSize: frontier.size,
        rootHash: frontier.root(),
        headHash: head.hash,
        signedAt: isoInstant(signedAt),
      };
      const checkpoint = em.getRepository(AuditCheckpointEntity).create({
        treeSize: String(body.treeSize),
        rootHash: body.rootHash,
        headHash: body.headHash,
        frontier: frontier.state(),
        signedAt,
        keyId: this.key.keyId,
        publicKey: this.key.publicKeyPem,
        signature: sign(null, checkpointMessage(body), this.key.privateKey).toString('base64'),
      });
      return em.getRepository(AuditCheckpointEntity).save(checkpoint);
    });
  }
}
