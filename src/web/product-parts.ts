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

/**
 * A product read with its supplier and status alongside (ProductDirectory, product(id),
 * mySubscriptions): the pages show what that one statement selected.
 */
export function productParts(product: Product): ProductParts {
  const alongside = product.alongside;
  if (!alongside) throw new Error(`product ${product.uuid} was read without its supplier and status`);
  const rawStatus = alongside.status?.() ?? null;
  return {
    product,
    supplier: alongside.supplier,
    rawStatus,
    status: rawStatus ? displayedStatus(rawStatus) : null,
  };
}
