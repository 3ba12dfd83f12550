import type { Tier } from '../baselines/dto/tier.enum.js';
import { toGlobalId } from '../common/graphql/global-id.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import type { Organization } from '../organizations/dto/organization.model.js';
import { ORGANIZATION_LOADER } from '../organizations/organization.mapper.js';
import type { ProductStatus } from '../status/dto/product-status.model.js';
import { PRODUCT_STATUS_LOADER, productStatusFromRow } from '../status/status-from-row.js';
import { statusColumns, statusJoins } from '../status/status-sql.js';
import { SUPPLIER_COLUMNS, supplierFromRow } from '../subscriptions/product-subscription.mapper.js';
import type { DataCategory } from './dto/data-category.enum.js';
import { Product, type ProductAlongside } from './dto/product.model.js';
import type { ProductEntity } from './product.entity.js';

export const PRODUCT_TYPE = 'Product';

export function productId(uuid: string): string {
  return toGlobalId(PRODUCT_TYPE, uuid);
}

export function toProduct(entity: ProductEntity): Product {
  const model = new Product();
  model.id = productId(entity.id);
  model.uuid = entity.id;
  model.supplierUuid = entity.supplierId;
  model.name = entity.name;
  model.description = entity.description;
  model.dataCategories = entity.dataCategories;
  model.tier = entity.tier;
  model.hostingCountries = entity.hostingCountries;
  return model;
}

/** Columns a flat SQL row must carry for `productFromRow` (select them with this alias prefix). */
export function productColumns(alias: string, prefix = 'p_'): string {
  return ['id', 'supplier_id', 'name', 'description', 'data_categories', 'tier', 'hosting_countries']
    .map((column) => `${alias}.${column} AS ${prefix}${column}`)
    .join(', ');
}

/** A product from a flat row of a hand-written query (hot paths skip entity hydration). */
export function productFromRow(row: Record<string, unknown>, prefix = 'p_'): Product {
  const model = new Product();
  model.uuid = row[`${prefix}id`] as string;
  model.id = productId(model.uuid);
  model.supplierUuid = row[`${prefix}supplier_id`] as string;
  model.name = row[`${prefix}name`] as string;
  model.description = (row[`${prefix}description`] as string | null) ?? null;
  model.dataCategories = row[`${prefix}data_categories`] as DataCategory[];
  model.tier = row[`${prefix}tier`] as Tier;
  model.hostingCountries = row[`${prefix}hosting_countries`] as string[];
  return model;
}

/**
 * product(id): the product with its supplier (columns o_, as supplierFromRow reads them) and its
 * status read model, as mySubscriptions selects them, in one statement. $1 the product.
 */
export const PRODUCT_READ_SQL = `SELECT ${productColumns('p')}, ${SUPPLIER_COLUMNS},
    ${statusColumns('p')}
  FROM product p
  JOIN organization o ON o.id = p.supplier_id
  ${statusJoins('p')}
 WHERE p.id = $1`;

/**
 * A product from a row carrying its supplier's columns (o_) and, unless `now` is null, its status
 * columns (computed at `now` when first asked for): PRODUCT_READ_SQL, mySubscriptions, the directory.
 */
export function productFromReadRow(row: Record<string, unknown>, now: Date | null): Product {
  const product = productFromRow(row);
  product.alongside = productAlongside(
    supplierFromRow(row),
    now && (() => productStatusFromRow(row, product.tier, now, product.uuid)),
  );
  return product;
}

function productAlongside(supplier: Organization, status: (() => ProductStatus) | null): ProductAlongside {
  if (!status) return { supplier };
  let computed: ProductStatus | undefined;
  return { supplier, status: () => (computed ??= status()) };
}

/**
 * Primes the request's loaders behind Product.supplier and Product.status with what the products'
 * statement selected alongside them (the status only when a resolver asks for it). For the query
 * resolvers of the hot paths; products without such values are left to the loaders.
 */
export function primeProductLoaders(loaders: RequestLoaders, products: Iterable<Product>): void {
  for (const product of products) {
    const alongside = product.alongside;
    if (!alongside) continue;
    loaders.prime(ORGANIZATION_LOADER, product.supplierUuid, alongside.supplier);
    if (alongside.status) loaders.primeLazy(PRODUCT_STATUS_LOADER, product.uuid, alongside.status);
  }
}
