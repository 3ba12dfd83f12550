import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.constants.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { ConflictError, DomainError, NotFoundError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { EvidenceStatus, type StoredEvidenceStatus } from './dto/evidence.enum.js';
import type { Evidence } from './dto/evidence.model.js';
import {
  EVIDENCE_TYPE,
  evidenceColumns,
  evidenceId,
  type EvidenceRow,
  toEvidence,
} from './evidence.mapper.js';
import { hashToken } from './evidence.service.js';
import { EVIDENCE_STORAGE, type StorageBackend } from './storage/storage-backend.js';
import { EvidenceInspector } from './upload/evidence-inspector.js';
import { Quarantine, type QuarantinedFile, UploadTooLargeError } from './upload/quarantine.js';

/** Quarantine files older than this belong to no running upload. */
const STALE_QUARANTINE_MS = 60 * 60_000;
const SWEEP_INTERVAL_MS = 15 * 60_000;

/** Why an upload ended without a stored file, as the HTTP route answers it. */
export class UploadRefusal extends Error {
  constructor(
    readonly status: 410 | 413 | 422,
    readonly code: string,
    message: string,
    readonly evidence?: Evidence,
  ) {
    super(message);
  }
}

interface UploadTarget {
  id: string;
  status: StoredEvidenceStatus;
  uploadOrganizationId: string;
  uploadExpiresAt: Date;
  uploadStartedAt: Date | null;
  fileName: string;
}

/**
 * The second step of the upload flow: the PUT of the bytes to a one-time URL. The URL is claimed
 * first (one PUT at a time, never twice), the bytes stream into quarantine with a size cap and a
 * SHA-256, the inspector decides, and the bytes either move to storage or are deleted. The
 * evidence then becomes AVAILABLE or REJECTED in one transaction with its audit entry.
 */
@Injectable()
export class EvidenceUploadService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(EvidenceUploadService.name);
  private readonly quarantine: Quarantine;
  private readonly inspector = new EvidenceInspector();
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    @Inject(EVIDENCE_STORAGE) private readonly storage: StorageBackend,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.quarantine = new Quarantine(join(config.dataDir, 'quarantine'));
  }

  async onModuleInit(): Promise<void> {
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private async sweep(): Promise<void> {
    const removed = await this.quarantine.sweep(STALE_QUARANTINE_MS).catch(() => 0);
    if (removed > 0) this.logger.warn(`removed ${removed} stale quarantine file(s)`);
  }

  async receive(
    actor: Actor,
    token: string,
    body: Readable,
    declaredLength: number | undefined,
  ): Promise<Evidence> {
    const target = await this.claim(actor, token);
    const maxBytes = this.config.evidenceMaxBytes;
    if (declaredLength !== undefined && declaredLength > maxBytes) {
      body.resume();
      throw await this.tooLarge(actor, target.id, maxBytes);
    }
    let file: QuarantinedFile;
    try {
      file = await this.quarantine.receive(target.id, body, maxBytes);
    } catch (error) {
      if (error instanceof UploadTooLargeError) throw await this.tooLarge(actor, target.id, maxBytes);
      // The client went away mid-transfer: nothing is kept and the URL may be used again.
      await this.dataSource.query(`UPDATE evidence SET upload_started_at = NULL WHERE id = $1`, [target.id]);
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'The upload was interrupted; nothing was kept');
    }
    try {
      const verdict = await this.inspector.inspect(file, target.fileName);
      if (!verdict.accepted) {
        await this.quarantine.discard(file.path);
        const evidence = await this.reject(actor, target.id, verdict.reason);
        throw new UploadRefusal(422, 'REJECTED', verdict.reason, evidence);
      }
      await this.storage.put(file.sha256, file.path);
      return await this.unitOfWork.run(actor, async (tx) => {
        await tx.em.query(
          `UPDATE evidence SET status = 'AVAILABLE', sha256 = $2, size_bytes = $3, media_type = $4,
             content_scanned = $5, uploaded_at = now(), updated_at = now() WHERE id = $1`,
          [target.id, file.sha256, file.sizeBytes, verdict.mediaType, verdict.contentScanned],
        );
        tx.audit('evidence.uploaded', EVIDENCE_TYPE, evidenceId(target.id));
        return this.load(tx.em.query.bind(tx.em), target.id);
      });
    } finally {
      await this.quarantine.discard(file.path);
    }
  }

  /**
   * Finds the evidence of an upload token and claims it for this PUT. Another organisation's URL
   * does not exist for the caller; a used one is a conflict; an expired one is gone.
   */
  private async claim(actor: Actor, token: string): Promise<UploadTarget> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError('Upload URL');
    const [target] = await this.dataSource.query<UploadTarget[]>(
      `SELECT id, status, upload_organization_id AS "uploadOrganizationId", upload_expires_at AS "uploadExpiresAt",
              upload_started_at AS "uploadStartedAt", file_name AS "fileName"
       FROM evidence WHERE upload_token_hash = $1`,
      [hashToken(token)],
    );
    if (!target || target.uploadOrganizationId !== actor.organizationId)
      throw new NotFoundError('Upload URL');
    if (target.status !== EvidenceStatus.AWAITING_UPLOAD || target.uploadStartedAt) {
      throw new ConflictError('This upload URL has already been used');
    }
    if (target.uploadExpiresAt.getTime() < Date.now()) {
      throw new UploadRefusal(
        410,
        'UPLOAD_URL_EXPIRED',
        'This upload URL has expired; record the evidence again',
      );
    }
    const claimed = await this.dataSource.query<[unknown[], number]>(
      `UPDATE evidence SET upload_started_at = now()
       WHERE id = $1 AND status = 'AWAITING_UPLOAD' AND upload_started_at IS NULL AND upload_expires_at >= now()`,
      [target.id],
    );
    if (claimed[1] !== 1) throw new ConflictError('This upload URL has already been used');
    return target;
  }

  private async tooLarge(actor: Actor, id: string, maxBytes: number): Promise<UploadRefusal> {
    const reason = `The file is larger than the limit of ${maxBytes} bytes; nothing was kept.`;
    return new UploadRefusal(413, 'PAYLOAD_TOO_LARGE', reason, await this.reject(actor, id, reason));
  }

  private reject(actor: Actor, id: string, reason: string): Promise<Evidence> {
    return this.unitOfWork.run(actor, async (tx) => {
      await tx.em.query(
        `UPDATE evidence SET status = 'REJECTED', rejection_reason = $2, updated_at = now() WHERE id = $1`,
        [id, reason.slice(0, 1000)],
      );
      tx.audit('evidence.rejected', EVIDENCE_TYPE, evidenceId(id));
      return this.load(tx.em.query.bind(tx.em), id);
    });
  }

  private async load(
    query: (sql: string, params: unknown[]) => Promise<EvidenceRow[]>,
    id: string,
  ): Promise<Evidence> {
    const [row] = await query(`SELECT ${evidenceColumns('e')} FROM evidence e WHERE e.id = $1`, [id]);
    return toEvidence(row);
  }
}
