import { preloadedValue } from '../common/graphql/preloaded-fields.js';
import type { Organization } from '../organizations/dto/organization.model.js';
import type { Product } from '../products/dto/product.model.js';
import type { ProductStatus } from '../status/dto/product-status.model.js';
import { type DisplayedStatus, displayedStatus } from './status-display.js';

export interface ProductParts {
  readonly product: Product;
  readonly supplier: Organization;
  readonly status: DisplayedStatus | null;
  readonly rawStatus: ProductStatus | null;
}

/** A product read by a service that preloaded its supplier and status (ProductDirectory, product(id)). */
export function productParts(product: Product): ProductParts {
  const supplier = preloadedValue(product, 'supplier')?.value as Organization;
  const rawStatus = (preloadedValue(product, 'status')?.value as ProductStatus | undefined) ?? null;
  return { product, supplier, rawStatus, status: rawStatus ? displayedStatus(rawStatus) : null };
}
