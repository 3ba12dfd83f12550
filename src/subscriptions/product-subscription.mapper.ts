import {
  columns,
  type Decoded,
  epoch,
  type SqlRow,
  text,
  textArray,
} from '../common/database/sql-columns.js';
import { toGlobalId } from '../common/graphql/global-id.js';
import type { OrganizationKind } from '../common/actor.js';
import type { Organization } from '../organizations/dto/organization.model.js';
import { headModel } from '../common/models/head-model.js';
import { toOrganization, toOrganizationHead } from '../organizations/organization.mapper.js';
import type { DataCategory } from '../products/dto/data-category.enum.js';
import type { Product } from '../products/dto/product.model.js';
import type { CustomerStatus } from './dto/customer-status.enum.js';
import { ProductSubscription } from './dto/product-subscription.model.js';

export const PRODUCT_SUBSCRIPTION_TYPE = 'ProductSubscription';

export function productSubscriptionId(uuid: string): string {
  return toGlobalId(PRODUCT_SUBSCRIPTION_TYPE, uuid);
}

/** A subscription row of hand-written SQL (alias `s`, selected as s_id, ...); the entity has the same fields. */
export const SUBSCRIPTION_ROW = columns('s_', (s) => ({
  id: text(`${s}.id`),
  subscriberId: text(`${s}.subscriber_id`),
  dataCategories: textArray<DataCategory>(`${s}.data_categories`),
  createdAt: epoch(`${s}.created_at`),
  customerStatus: text<CustomerStatus>(`${s}.customer_status`),
  decidedAt: epoch(`${s}.decided_at`).orNull(),
  declineReason: text(`${s}.decline_reason`).orNull(),
}));

export type SubscriptionFields = Decoded<typeof SUBSCRIPTION_ROW>;

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

/**
 * The supplier on a hot path's flat row (alias `o`, selected as o_id, ...), as
 * OrganizationsService.loader answers it; OrganizationEntity has the same fields.
 */
export const SUPPLIER_ROW = columns('o_', (o) => ({
  id: text(`${o}.id`),
  kind: text<OrganizationKind>(`${o}.kind`),
  name: text(`${o}.name`),
  orgNumber: text(`${o}.org_number`).orNull(),
  municipalityCode: text(`${o}.municipality_code`).orNull(),
  countyCode: text(`${o}.county_code`).orNull(),
  createdAt: epoch(`${o}.created_at`),
}));

/** SUPPLIER_ROW's columns for the alias `o`, as supplierFromRow reads them. */
export const SUPPLIER_COLUMNS = SUPPLIER_ROW.sql('o');

export function supplierFromRow(row: SqlRow): Organization {
  return toOrganization(SUPPLIER_ROW.read(row));
}

/**
 * What a lean page (mySubscriptions' head statement) reads of a subscription and its product's
 * supplier, and the ProductSubscription fields such a head answers (see headModel).
 */
export const SUBSCRIPTION_HEAD_ROW = columns('s_', (s) => ({
  id: text(`${s}.id`),
  subscriberId: text(`${s}.subscriber_id`),
}));
export const SUBSCRIPTION_HEAD_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'product',
  'subscriber',
]);
const SUPPLIER_HEAD_ROW = columns('o_', (o) => ({ id: text(`${o}.id`), name: text(`${o}.name`) }));
export const SUPPLIER_HEAD_COLUMNS = SUPPLIER_HEAD_ROW.sql('o');

const ProductSubscriptionHead = headModel(ProductSubscription, [
  'dataCategories',
  'createdAt',
  'customerStatus',
  'decidedAt',
  'declineReason',
]);

export function toProductSubscriptionHead(
  row: Decoded<typeof SUBSCRIPTION_HEAD_ROW>,
  product: Product,
): ProductSubscription {
  const model = new ProductSubscriptionHead();
  model.id = productSubscriptionId(row.id);
  model.uuid = row.id;
  model.subscriberUuid = row.subscriberId;
  model.product = product;
  return model;
}

/** The supplier of a row carrying SUPPLIER_HEAD_COLUMNS, as a head. */
export function supplierHeadFromRow(row: SqlRow): Organization {
  const supplier = SUPPLIER_HEAD_ROW.read(row);
  return toOrganizationHead(supplier.id, supplier.name);
}
