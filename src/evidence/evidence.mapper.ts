import { toGlobalId } from '../common/graphql/global-id.js';
import { Evidence } from './dto/evidence.model.js';
import { type Confidentiality, EvidenceStatus, type StoredEvidenceStatus } from './dto/evidence.enum.js';

export const EVIDENCE_TYPE = 'Evidence';

export const evidenceId = (uuid: string): string => toGlobalId(EVIDENCE_TYPE, uuid);

/** The columns `toEvidence` reads, from `evidence` aliased as `alias`. */
export function evidenceColumns(alias = 'e'): string {
  return [
    'id',
    'product_id AS "productId"',
    'supplier_id AS "supplierId"',
    'title',
    'description',
    'confidentiality',
    'status',
    'rejection_reason AS "rejectionReason"',
    'file_name AS "fileName"',
    'media_type AS "mediaType"',
    'size_bytes AS "sizeBytes"',
    'sha256',
    'content_scanned AS "contentScanned"',
    'valid_from AS "validFrom"',
    'valid_until AS "validUntil"',
    'uploaded_at AS "uploadedAt"',
    'created_at AS "createdAt"',
    'created_at::text AS "createdAtText"',
  ]
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

export interface EvidenceRow {
  id: string;
  productId: string;
  supplierId: string;
  title: string;
  description: string | null;
  confidentiality: Confidentiality;
  status: StoredEvidenceStatus;
  rejectionReason: string | null;
  fileName: string;
  mediaType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  contentScanned: boolean | null;
  validFrom: Date | null;
  validUntil: Date | null;
  uploadedAt: Date | null;
  createdAt: Date;
  /** Full-precision timestamp for cursors. */
  createdAtText: string;
}

/** Available evidence past its validUntil reads as EXPIRED: computed on every read, never stored. */
export function effectiveStatus(
  status: StoredEvidenceStatus,
  validUntil: Date | null,
  now: Date = new Date(),
): EvidenceStatus {
  if (status === EvidenceStatus.AVAILABLE && validUntil && validUntil.getTime() < now.getTime()) {
    return EvidenceStatus.EXPIRED;
  }
  return status;
}

export function toEvidence(row: EvidenceRow, now: Date = new Date()): Evidence {
  const model = new Evidence();
  model.id = evidenceId(row.id);
  model.uuid = row.id;
  model.productUuid = row.productId;
  model.supplierUuid = row.supplierId;
  model.title = row.title;
  model.description = row.description;
  model.confidentiality = row.confidentiality;
  model.status = effectiveStatus(row.status, row.validUntil, now);
  model.rejectionReason = row.rejectionReason;
  model.fileName = row.fileName;
  model.mediaType = row.mediaType;
  model.sizeBytes = row.sizeBytes;
  model.sha256 = row.sha256 ? row.sha256.trim() : null;
  model.contentScanned = row.contentScanned;
  model.validFrom = row.validFrom;
  model.validUntil = row.validUntil;
  model.uploadedAt = row.uploadedAt;
  model.createdAt = row.createdAt;
  return model;
}
