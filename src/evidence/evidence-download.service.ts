import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.constants.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { isUuid } from '../common/graphql/global-id.js';
import type { Evidence } from './dto/evidence.model.js';
import { DownloadSigner } from './download-signer.js';
import { EVIDENCE_TYPE } from './evidence.mapper.js';
import { EVIDENCE_LIMITS } from './evidence.rules.js';
import { EvidenceService } from './evidence.service.js';
import { EVIDENCE_STORAGE, type StorageBackend } from './storage/storage-backend.js';

/** Download URLs for those who may see a piece of evidence, and the audited download itself. */
@Injectable()
export class EvidenceDownloadService {
  private readonly signer: DownloadSigner;

  constructor(
    private readonly evidence: EvidenceService,
    private readonly unitOfWork: UnitOfWork,
    @Inject(EVIDENCE_STORAGE) private readonly storage: StorageBackend,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.signer = new DownloadSigner(config.auth.jwtSecret, EVIDENCE_LIMITS.downloadTtlMs);
  }

  /** A 5-minute URL bound to the caller, for evidence it can see that has stored content; else null. */
  downloadUrl(actor: Actor, evidence: Evidence): string | null {
    if (!evidence.sha256) return null;
    const { expires, signature } = this.signer.sign(evidence.uuid, actor);
    return `${this.config.publicUrl}/evidence/files/${evidence.uuid}?expires=${expires}&signature=${signature}`;
  }

  /**
   * Checks the signature and, again, that the caller may see the evidence (a subscription may have
   * ended since the URL was issued), records the download in the audit trail, and opens the bytes.
   */
  async open(
    actor: Actor,
    uuid: string,
    expires: number,
    signature: string,
  ): Promise<{ evidence: Evidence; sha256: string; content: Readable }> {
    if (!isUuid(uuid) || !this.signer.verify(uuid, actor, expires, signature)) {
      throw new NotFoundError('Evidence file');
    }
    const evidence = await this.evidence.findVisible(actor, uuid);
    const sha256 = evidence?.sha256;
    if (!evidence || !sha256) throw new NotFoundError('Evidence file');
    await this.unitOfWork.run(actor, async (tx) => {
      tx.audit('evidence.downloaded', EVIDENCE_TYPE, evidence.id);
    });
    return { evidence, sha256, content: await this.storage.get(sha256) };
  }
}
