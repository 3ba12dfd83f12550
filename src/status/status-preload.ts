import type { Product } from '../products/dto/product.model.js';
import type { StatusRow } from './status-sql.js';

/*
 * Hot paths that already select STATUS_COLUMNS with their products (mySubscriptions) leave the
 * row here, so Product.status costs no statement. A WeakMap keeps the Product model untouched and
 * lets the row go with the request.
 */
const preloaded = new WeakMap<Product, StatusRow>();

export function preloadStatus(product: Product, row: StatusRow): void {
  preloaded.set(product, row);
}

export function preloadedStatus(product: Product): StatusRow | undefined {
  return preloaded.get(product);
}
