import { AuditCheckpointEntity } from '../../audit/audit-checkpoint.entity.js';
import { AuditEntryEntity, AuditHeadEntity } from '../../audit/audit-entry.entity.js';
import { IdempotencyKeyEntity } from '../idempotency/idempotency-key.entity.js';
import { OrganizationEntity } from '../../organizations/organization.entity.js';
import { ProductEntity, ProductSubprocessorEntity } from '../../products/product.entity.js';
import { ProductSubscriptionEntity } from '../../subscriptions/product-subscription.entity.js';

/** Every TypeORM entity; the migration drift check compares these with the migrations. */
export const ENTITIES = [
  OrganizationEntity,
  AuditEntryEntity,
  AuditHeadEntity,
  AuditCheckpointEntity,
  IdempotencyKeyEntity,
  ProductEntity,
  ProductSubprocessorEntity,
  ProductSubscriptionEntity,
];
