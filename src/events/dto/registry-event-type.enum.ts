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
  valuesMap: {
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
