import { toGlobalId } from '../common/graphql/global-id.js';
import type { OrganizationKind } from '../common/actor.js';
import { Organization } from '../organizations/dto/organization.model.js';
import { organizationId } from '../organizations/organization.mapper.js';
import type { DataCategory } from '../products/dto/data-category.enum.js';
import type { Product } from '../products/dto/product.model.js';
import type { CustomerStatus } from './dto/customer-status.enum.js';
import { ProductSubscription } from './dto/product-subscription.model.js';

export const PRODUCT_SUBSCRIPTION_TYPE = 'ProductSubscription';

export function productSubscriptionId(uuid: string): string {
  return toGlobalId(PRODUCT_SUBSCRIPTION_TYPE, uuid);
}

export interface SubscriptionFields {
  readonly id: string;
  readonly subscriberId: string;
  readonly dataCategories: DataCategory[];
  readonly createdAt: Date;
  readonly customerStatus: CustomerStatus;
  readonly decidedAt: Date | null;
  readonly declineReason: string | null;
}

export function toProductSubscription(row: SubscriptionFields, product: Product): ProductSubscription {
  const model = new ProductSubscription();
  model.id = productSubscriptionId(row.id);
  model.uuid = row.id;
  model.subscriberUuid = row.subscriberId;
  model.product = product;
  model.dataCategories = row.dataCategories;
  model.createdAt = row.createdAt;
  model.customerStatus = row.customerStatus;
  model.decidedAt = row.decidedAt;
  model.declineReason = row.declineReason;
  return model;
}

/** The supplying organisation's columns (alias `o`), as supplierFromRow reads them. */
export const SUPPLIER_COLUMNS = `o.id AS o_id, o.kind AS o_kind, o.name AS o_name, o.org_number AS o_org_number,
  o.municipality_code AS o_municipality_code, o.county_code AS o_county_code,
  o.created_at AS o_created_at`;

/** The supplier of a flat hot-path row (columns prefixed `o_`), as OrganizationsService.loader answers it. */
export function supplierFromRow(row: Record<string, unknown>): Organization {
  const model = new Organization();
  model.uuid = row.o_id as string;
  model.id = organizationId(model.uuid);
  model.kind = row.o_kind as OrganizationKind;
  model.name = row.o_name as string;
  model.orgNumber = (row.o_org_number as string | null) ?? null;
  model.municipalityCode = (row.o_municipality_code as string | null) ?? null;
  model.countyCode = (row.o_county_code as string | null) ?? null;
  model.registeredAt = row.o_created_at as Date;
  return model;
}
