import { type Actor, isAgency, OrganizationKind } from '../common/actor.js';
import { confirmedCustomerSql } from '../subscriptions/customer-sql.js';

/*
 * Who may see a piece of evidence at all (metadata included); everyone else is told it does not
 * exist. The supplier that provided it always sees it. Otherwise, by confidentiality:
 *   PUBLIC       any signed-in organisation
 *   SUBSCRIBERS  the agency, assessment bodies, and CONFIRMED customers of the product (a pending,
 *                declined or former subscriber does not see it; customer-sql.ts)
 *   AGENCY_ONLY  the agency and assessment bodies
 * Evidence that is not (yet) available (awaiting upload, rejected) is the supplier's, the agency's
 * and the assessors' business only: it has no content and its rejection reason is internal.
 */

/** The agency and assessment bodies see every piece of evidence. */
export function seesAllEvidence(actor: Actor): boolean {
  return isAgency(actor) || actor.organizationKind === OrganizationKind.ASSESSOR;
}

/**
 * The visibility rule as a SQL condition on `evidence` aliased `alias`; `$org` and `$all` are the
 * positions of the caller's organisation uuid and of `seesAllEvidence(actor)` among the parameters.
 */
export function visibleEvidenceSql(alias: string, org: number, all: number): string {
  return `($${all}::boolean OR ${alias}.supplier_id = $${org}::uuid OR (
    ${alias}.status = 'AVAILABLE' AND (
      ${alias}.confidentiality = 'PUBLIC' OR (
        ${alias}.confidentiality = 'SUBSCRIBERS' AND EXISTS (
          SELECT 1 FROM product_subscription s
          WHERE s.product_id = ${alias}.product_id AND s.subscriber_id = $${org}::uuid
            AND ${confirmedCustomerSql('s')})))))`;
}
