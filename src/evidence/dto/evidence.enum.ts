import { registerEnumType } from '@nestjs/graphql';

/** Who may see a piece of evidence at all, metadata included. */
export enum Confidentiality {
  PUBLIC = 'PUBLIC',
  SUBSCRIBERS = 'SUBSCRIBERS',
  AGENCY_ONLY = 'AGENCY_ONLY',
}

registerEnumType(Confidentiality, {
  name: 'Confidentiality',
  description:
    'Who may see a piece of evidence at all, its metadata included; others get NOT_FOUND or do not see it listed.',
  valuesMap: {
    PUBLIC: { description: 'Anyone signed in may read the content.' },
    SUBSCRIBERS: {
      description: 'The agency, assessors and organisations subscribed to the product (and its supplier).',
    },
    AGENCY_ONLY: { description: 'The agency and assessors only (and the supplier that provided it).' },
  },
});

export enum EvidenceStatus {
  AWAITING_UPLOAD = 'AWAITING_UPLOAD',
  AVAILABLE = 'AVAILABLE',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(EvidenceStatus, {
  name: 'EvidenceStatus',
  description: 'Where a piece of evidence is, from announced to usable to expired.',
  valuesMap: {
    AWAITING_UPLOAD: { description: 'Announced with createEvidence; the file has not been uploaded yet.' },
    AVAILABLE: { description: 'Uploaded, checked and within its validity.' },
    REJECTED: {
      description:
        'The upload was refused, e.g. it held personal identity numbers; rejectionReason says why.',
    },
    EXPIRED: { description: 'Available, but validUntil has passed (computed when read).' },
  },
});

/** What the database holds; EXPIRED is computed from validUntil when read. */
export type StoredEvidenceStatus = Exclude<EvidenceStatus, EvidenceStatus.EXPIRED>;
