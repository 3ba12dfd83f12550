import type { Tier } from '../baselines/dto/tier.enum.js';
import { loaderName } from '../common/graphql/request-context.js';
import { computeState, computeStatusReasons } from './compute-status.js';
import { ProductStatus } from './dto/product-status.model.js';
import { chainStateReason, effectiveState, LOWERING_RANK } from './chain-rule.js';
import { chainOf, statusBaselineUuid, type StatusDetail, statusFacts, type StatusRow } from './status-sql.js';
import { API_REASON_LANGUAGE, reasonTexts } from './status-reason.js';

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
 * Product.status from a row carrying STATUS_COLUMNS, at `now`. The state, effective state and
 * counts are decided at once; the reasons only when a client reads them (a dashboard of 40
 * products usually does not), and the judged baseline through its resolver. The effective state
 * takes the own state at `now` and the chain as last propagated. Open incidents on the product or
 * its chain are counted and named per caller by the resolvers (product-status-chain.resolver.ts).
 */
export function productStatusFromRow(
  row: StatusRow,
  tier: Tier,
  now: Date,
  productUuid: string,
  detail: StatusDetail = 'full',
): ProductStatus {
  const facts = statusFacts(row, tier);
  const computed = computeState(facts, now);
  const chain = chainOf(row);
  const status = Object.assign(new ProductStatus(), computed, {
    baselineUuid: statusBaselineUuid(row),
    productUuid,
    effectiveState: effectiveState(computed.state, chain.chainState),
    chainLinks: chain.links,
    incidentRefs: chain.incidents,
    detail,
  });
  // Without its reasons' material there are no reasons to compute (wholeStatus refuses them).
  if (detail === 'state') return status;
  lazy(status, 'ownReasons', () => {
    // Incidents are named one by one, with their paths, for the callers who may see them.
    const own = computeStatusReasons({ ...facts, openIncidents: 0 }, now, computed.state);
    const names = new Map(chain.links.map((link) => [link.id, link.name]));
    const lowering = chain.links
      .filter((link) => LOWERING_RANK[link.state])
      .map((link) =>
        chainStateReason(
          link.path.map((uuid, i) => (i === 0 ? '' : (names.get(uuid) ?? uuid))),
          link.state,
        ),
      );
    return [...own, ...lowering];
  });
  lazy(status, 'reasons', () => reasonTexts(status.ownReasons, API_REASON_LANGUAGE));
  return status;
}

/**
 * The status, if it was read with its reasons' material: a status read with statusColumns(...,
 * 'state') has no cited evidence nor chain links, so giving its reasons or links would be a
 * mistake in the statement's choice (statusDetailOf). It fails loudly instead of answering
 * reasons without the evidence or a chain without its links.
 */
export function wholeStatus(status: ProductStatus): ProductStatus {
  if (status.detail === 'state')
    throw new Error(`the status of ${status.productUuid} was read without its reasons (statusDetailOf)`);
  return status;
}

/**
 * Product.status per product uuid (StatusService.loader). Hot paths that select STATUS_COLUMNS
 * with their products prime it with productStatusFromRow, so Product.status costs no statement.
 */
export const PRODUCT_STATUS_LOADER = loaderName<string, ProductStatus | null>('productStatus');
