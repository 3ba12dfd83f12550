import type { Tier } from '../baselines/dto/tier.enum.js';
import { columns, type Decoded, type SqlRow, text, textArray } from '../common/database/sql-columns.js';
import { toGlobalId } from '../common/graphql/global-id.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import type { Organization } from '../organizations/dto/organization.model.js';
import { ORGANIZATION_LOADER } from '../organizations/organization.mapper.js';
import type { ProductStatus } from '../status/dto/product-status.model.js';
import { PRODUCT_STATUS_LOADER, productStatusFromRow } from '../status/status-from-row.js';
import { statusColumns, type StatusDetail, statusJoins } from '../status/status-sql.js';
import { headModel } from '../common/models/head-model.js';
import {
  SUPPLIER_COLUMNS,
  supplierFromRow,
  supplierHeadFromRow,
} from '../subscriptions/product-subscription.mapper.js';
import type { DataCategory } from './dto/data-category.enum.js';
import { Product, type ProductAlongside } from './dto/product.model.js';
import { type ProductLookahead, withLookahead } from './product-preloads.js';

export const PRODUCT_TYPE = 'Product';

export function productId(uuid: string): string {
  return toGlobalId(PRODUCT_TYPE, uuid);
}

/**
 * A product row of hand-written SQL (hot paths skip entity hydration): what the columns are and
 * what they become, in one declaration. ProductEntity has the same fields, so toProduct takes both.
 */
export const PRODUCT_ROW = columns('p_', (p) => ({
  id: text(`${p}.id`),
  supplierId: text(`${p}.supplier_id`),
  name: text(`${p}.name`),
  description: text(`${p}.description`).orNull(),
  dataCategories: textArray<DataCategory>(`${p}.data_categories`),
  tier: text<Tier>(`${p}.tier`),
  hostingCountries: textArray(`${p}.hosting_countries`),
}));

export type ProductRow = Decoded<typeof PRODUCT_ROW>;

export function toProduct(row: ProductRow): Product {
  const model = new Product();
  model.id = productId(row.id);
  model.uuid = row.id;
  model.supplierUuid = row.supplierId;
  model.name = row.name;
  model.description = row.description;
  model.dataCategories = row.dataCategories;
  model.tier = row.tier;
  model.hostingCountries = row.hostingCountries;
  return model;
}

/** PRODUCT_ROW's columns for the product alias `alias` (selected as p_id, p_name, ...). */
export function productColumns(alias: string): string {
  return PRODUCT_ROW.sql(alias);
}

/** A product from a flat row carrying productColumns. */
export function productFromRow(row: SqlRow): Product {
  return toProduct(PRODUCT_ROW.read(row));
}

/**
 * product(id): the product with its supplier (columns o_, as supplierFromRow reads them) and its
 * status read model, as mySubscriptions selects them, and what the request's lookahead adds (its
 * parameters from $2), in one statement. $1 the product.
 */
const productReadSqlWith = (detail: StatusDetail) =>
  withLookahead(
    (lookahead) => `SELECT ${productColumns('p')}, ${SUPPLIER_COLUMNS},
    ${statusColumns('p', detail)}${lookahead?.columns ?? ''}
  FROM product p
  JOIN organization o ON o.id = p.supplier_id
  ${statusJoins('p')}${lookahead ? `\n  ${lookahead.joins({ id: 'p.id', supplierId: 'p.supplier_id' }, 2)}` : ''}
 WHERE p.id = $1`,
  );
const PRODUCT_READ_SQL = { full: productReadSqlWith('full'), state: productReadSqlWith('state') } as const;

/** productReadSql's text for a lookahead and as much of the status as its readers ask for. */
export const productReadSql = (lookahead: ProductLookahead | null, detail: StatusDetail = 'full'): string =>
  PRODUCT_READ_SQL[detail](lookahead);

/**
 * A product from a row carrying its supplier's columns (o_) and, unless `now` is null, its status
 * columns (computed at `now` when first asked for): PRODUCT_READ_SQL, mySubscriptions, the directory.
 */
export function productFromReadRow(row: SqlRow, now: Date | null, detail: StatusDetail = 'full'): Product {
  const product = productFromRow(row);
  product.alongside = productAlongside(
    supplierFromRow(row),
    now && (() => productStatusFromRow(row, product.tier, now, product.uuid, detail)),
    detail,
    false,
  );
  return product;
}

/** What a lean page reads of a product (its supplier: SUPPLIER_HEAD_COLUMNS), beside its status. */
const PRODUCT_HEAD_ROW = columns('p_', (p) => ({
  id: text(`${p}.id`),
  supplierId: text(`${p}.supplier_id`),
  name: text(`${p}.name`),
  tier: text<Tier>(`${p}.tier`),
}));

/** The Product fields a head answers: none of these resolvers reads what a head leaves out. */
export const PRODUCT_HEAD_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'name',
  'tier',
  'supplier',
  'status',
  'assessments',
]);

export function productHeadColumns(alias: string): string {
  return PRODUCT_HEAD_ROW.sql(alias);
}

const ProductHead = headModel(Product, ['description', 'dataCategories', 'hostingCountries']);

/**
 * productFromReadRow for a row carrying productHeadColumns and SUPPLIER_HEAD_COLUMNS: a head of
 * the product and of its supplier (headModel), with its status (as much as `detail` says).
 */
export function productHeadFromReadRow(row: SqlRow, now: Date, detail: StatusDetail): Product {
  const head = PRODUCT_HEAD_ROW.read(row);
  const product = new ProductHead();
  product.id = productId(head.id);
  product.uuid = head.id;
  product.supplierUuid = head.supplierId;
  product.name = head.name;
  product.tier = head.tier;
  product.alongside = productAlongside(
    supplierHeadFromRow(row),
    () => productStatusFromRow(row, head.tier, now, head.id, detail),
    detail,
    true,
  );
  return product;
}

function productAlongside(
  supplier: Organization,
  status: (() => ProductStatus) | null,
  statusDetail: StatusDetail,
  supplierHead: boolean,
): ProductAlongside {
  if (!status) return { supplier, supplierHead };
  let computed: ProductStatus | undefined;
  return { supplier, supplierHead, status: () => (computed ??= status()), statusDetail };
}

/**
 * Primes the request's loaders behind Product.supplier and Product.status with what the products'
 * statement selected alongside them (the status only when a resolver asks for it, and only a
 * whole one: a status read for the state alone, or a supplier's head, serves its own product's
 * field, not other readers of the same product or organisation in the request). For the query
 * resolvers of the hot paths; products without such values are left to the loaders.
 */
export function primeProductLoaders(loaders: RequestLoaders, products: Iterable<Product>): void {
  for (const product of products) {
    const alongside = product.alongside;
    if (!alongside) continue;
    if (!alongside.supplierHead) loaders.prime(ORGANIZATION_LOADER, product.supplierUuid, alongside.supplier);
    if (alongside.status && alongside.statusDetail === 'full')
      loaders.primeLazy(PRODUCT_STATUS_LOADER, product.uuid, alongside.status);
  }
}
