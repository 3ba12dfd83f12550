import { registerEnumType } from '@nestjs/graphql';

export enum RegistryEventType {
  BASELINE_PUBLISHED = 'BASELINE_PUBLISHED',
  ASSESSMENT_COMPLETED = 'ASSESSMENT_COMPLETED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  EVIDENCE_EXPIRING = 'EVIDENCE_EXPIRING',
  EVIDENCE_EXPIRED = 'EVIDENCE_EXPIRED',
  INCIDENT_REPORTED = 'INCIDENT_REPORTED',
  INCIDENT_UPDATED = 'INCIDENT_UPDATED',
  REMEDIATION_OVERDUE = 'REMEDIATION_OVERDUE',
  CUSTOMER_STATUS_CHANGED = 'CUSTOMER_STATUS_CHANGED',
  REASSESSMENT_DUE = 'REASSESSMENT_DUE',
}

export const REGISTRY_EVENT_TYPES: readonly RegistryEventType[] = Object.values(RegistryEventType);

registerEnumType(RegistryEventType, {
  name: 'RegistryEventType',
  description: 'What happened in the registry; each organisation receives the events that concern it.',
  valuesMap: {
    ASSESSMENT_COMPLETED: {
      description: "An assessment of a product was completed; to its supplier and the product's subscribers.",
    },
    EVIDENCE_EXPIRED: {
      description:
        "Evidence passed its validUntil; to the product's supplier, and its subscribers unless the evidence is AGENCY_ONLY.",
    },
    INCIDENT_REPORTED: {
      description:
        'A supplier reported an incident; to the supplier and every exposed organisation (direct or through sub-processors).',
    },
    INCIDENT_UPDATED: {
      description: 'An open incident changed or was resolved; to the same organisations as the report.',
    },
    REMEDIATION_OVERDUE: {
      description:
        "A remediation passed its due date while open; to the product's supplier and its subscribers.",
    },
    BASELINE_PUBLISHED: { description: 'A baseline became current; reaches every organisation.' },
    STATUS_CHANGED: { description: "A product's computed state changed; the message names old and new." },
    EVIDENCE_EXPIRING: { description: 'Evidence expires in 30 or 7 days.' },
    CUSTOMER_STATUS_CHANGED: {
      description:
        "The product's supplier or the agency confirmed or declined that the subscriber is a customer; addressed to the subscriber.",
    },
    REASSESSMENT_DUE: {
      description:
        'A new baseline version needs a product reassessed; names the added and changed requirements. To its supplier.',
    },
  },
});
