import type { ComplianceState } from '../products/dto/compliance-state.enum.js';
import type { ProductStatus } from '../status/dto/product-status.model.js';
import type { StatusReason } from '../status/status-reason.js';

export interface DisplayedStatus {
  readonly state: ComplianceState;
  /** As data: views write them in the page's language (reasonText), exports in the API's. */
  readonly reasons: readonly StatusReason[];
  readonly validUntil: Date | null;
}

/**
 * The one place the portal (pages, JSON, CSV) reads a product's state and reasons from its status:
 * the effective state (the product's own state lowered by a SUSPENDED, EXPIRED or NON_COMPLIANT
 * product up its supply chain) with the reasons every visitor may read. Reasons about incidents
 * are never part of it: they are resolved per caller by the API (ProductStatus.reasons there) and
 * shown on signed-in pages from the incident services.
 */
export function displayedStatus(status: ProductStatus): DisplayedStatus {
  return { state: status.effectiveState, reasons: status.ownReasons, validUntil: status.validUntil };
}
