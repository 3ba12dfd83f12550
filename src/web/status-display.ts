import type { ComplianceState } from '../products/dto/compliance-state.enum.js';
import type { ProductStatus } from '../status/dto/product-status.model.js';

export interface DisplayedStatus {
  readonly state: ComplianceState;
  readonly reasons: readonly string[];
  readonly validUntil: Date | null;
}

/**
 * The one place the portal (pages, JSON, CSV) reads a product's state and reasons from its status.
 * MERGE NOTE: when ProductStatus.effectiveState (the chain-aware state) lands, switch this to
 * `status.effectiveState` and its reasons; every page and export follows.
 */
export function displayedStatus(status: ProductStatus): DisplayedStatus {
  return { state: status.state, reasons: status.reasons, validUntil: status.validUntil };
}
