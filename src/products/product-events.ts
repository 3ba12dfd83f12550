import { TransactionEvent } from '../common/database/transaction-hooks.js';
import type { TierChange } from './subprocessor-graph.js';

/**
 * Published in the writing transaction (`tx.publish`) when products' effective tiers changed
 * (their own or through the sub-processor graph); handled by `@OnTransactionEvent(TierChanged)`,
 * e.g. the status, whose counts cover the requirements of the tier.
 */
export class TierChanged extends TransactionEvent {
  constructor(readonly changes: readonly TierChange[]) {
    super();
  }
}

/**
 * Published in the writing transaction when a product's sub-processors or name changed; e.g. the
 * status recomputes the supply chain it shows.
 */
export class SupplyChainChanged extends TransactionEvent {
  constructor(readonly productUuids: readonly string[]) {
    super();
  }
}
