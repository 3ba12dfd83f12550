import type { Tier } from '../baselines/dto/tier.enum.js';
import { preloadLazy } from '../common/graphql/preloaded-fields.js';
import type { Product } from '../products/dto/product.model.js';
import { computeState, computeStatusReasons } from './compute-status.js';
import { ProductStatus } from './dto/product-status.model.js';
import { statusBaselineUuid, statusFacts, type StatusRow } from './status-sql.js';

/** Defines `field` as computed on first read, then kept. */
function lazy<T extends object>(target: T, field: keyof T & string, compute: () => unknown): void {
  Object.defineProperty(target, field, {
    configurable: true,
    enumerable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, field, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
}

/**
 * Product.status from a row carrying STATUS_COLUMNS, at `now`. The state and counts are decided
 * at once; the reasons only when a client reads them (a dashboard of 40 products usually does
 * not), and the judged baseline through its resolver.
 */
export function productStatusFromRow(row: StatusRow, tier: Tier, now: Date): ProductStatus {
  const facts = statusFacts(row, tier);
  const computed = computeState(facts, now);
  const status = Object.assign(new ProductStatus(), computed, { baselineUuid: statusBaselineUuid(row) });
  lazy(status, 'reasons', () => computeStatusReasons(facts, now, computed.state));
  return status;
}

/**
 * Hot paths that already select STATUS_COLUMNS with their products (mySubscriptions, product)
 * preload Product.status from the row, so it costs no statement and no resolver call.
 */
export function preloadStatus(product: Product, row: StatusRow, now: Date): void {
  preloadLazy(product, 'status', () => productStatusFromRow(row, product.tier, now));
}
