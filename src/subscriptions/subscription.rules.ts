import { BadUserInputError } from '../common/errors/domain-error.js';
import type { DataCategory } from '../products/dto/data-category.enum.js';
import { normaliseCategories } from '../products/product.rules.js';

/**
 * What a subscriber entrusts to a product: by default (omitted) everything the product
 * processes; otherwise a non-empty subset of the product's categories, NO_PERSONAL_DATA alone.
 */
export function subscribedCategories(
  requested: readonly DataCategory[] | null | undefined,
  productCategories: readonly DataCategory[],
  field: string,
): DataCategory[] {
  if (requested == null) return [...productCategories];
  const categories = normaliseCategories(requested, field);
  const outside = categories.filter((category) => !productCategories.includes(category));
  if (outside.length > 0) {
    throw BadUserInputError.field(
      field,
      `the product does not process ${outside.join(', ')} (it processes ${productCategories.join(', ')})`,
    );
  }
  return categories;
}
