import {
  AttestationEntity,
  AttestationEvidenceEntity,
  AttestationRevisionEntity,
} from '../../attestations/attestation.entity.js';
import { AssessmentEntity } from '../../assessments/assessment.entity.js';
import { FindingEntity, FindingEvidenceEntity, RemediationEntity } from '../../assessments/finding.entity.js';
import { AuditCheckpointEntity } from '../../audit/audit-checkpoint.entity.js';
import { AuditEntryEntity, AuditHeadEntity } from '../../audit/audit-entry.entity.js';
import { EvidenceEntity, EvidenceRequirementEntity } from '../../evidence/evidence.entity.js';
import { BaselineEntity } from '../../baselines/baseline.entity.js';
import { RequirementEntity } from '../../baselines/requirement.entity.js';
import { IncidentEntity, IncidentProductEntity } from '../../incidents/incident.entity.js';
import { IdempotencyKeyEntity } from '../../idempotency/idempotency-key.entity.js';
import { OrganizationEntity } from '../../organizations/organization.entity.js';
import { RegistryEventEntity, RegistryEventRecipientEntity } from '../../events/registry-event.entity.js';
import { ScheduledEventMarkEntity } from '../../events/scheduler/scheduled-event-mark.entity.js';
import { WebhookDeliveryEntity, WebhookEntity } from '../../events/webhooks/webhook.entity.js';
import { ProductEntity, ProductSubprocessorEntity } from '../../products/product.entity.js';
import { ProductSubscriptionEntity } from '../../subscriptions/product-subscription.entity.js';
import { ProductBaselineStatusEntity, ProductStatusEntity } from '../../status/status.entity.js';
import { ProductChainStatusEntity } from '../../status/chain-status.entity.js';

/** Every TypeORM entity; the migration drift check compares these with the migrations. */
export const ENTITIES = [
  OrganizationEntity,
  AuditEntryEntity,
  AuditHeadEntity,
  AuditCheckpointEntity,
  IdempotencyKeyEntity,
  BaselineEntity,
  RequirementEntity,
  RegistryEventEntity,
  RegistryEventRecipientEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
  ScheduledEventMarkEntity,
  ProductEntity,
  ProductSubprocessorEntity,
  ProductSubscriptionEntity,
  EvidenceEntity,
  EvidenceRequirementEntity,
  AttestationEntity,
  AttestationEvidenceEntity,
  AttestationRevisionEntity,
  IncidentEntity,
  IncidentProductEntity,
  AssessmentEntity,
  FindingEntity,
  FindingEvidenceEntity,
  RemediationEntity,
  ProductStatusEntity,
  ProductBaselineStatusEntity,
  ProductChainStatusEntity,
];
