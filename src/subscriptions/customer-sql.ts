/*
 * Who counts as a customer of a product, as SQL conditions on `product_subscription` (aliased by
 * the caller). The one place the customer relationship is decided for every resource that
 * depends on it: evidence visibility, incident visibility and exposure, event audiences, counts.
 *
 *   PENDING    declared use, not yet confirmed by the supplier or the agency: sees what every
 *              public body sees, plus incidents reported after it subscribed that expose it
 *   CONFIRMED  a customer: SUBSCRIBERS evidence and the whole incident history too
 *   DECLINED   not a customer (nor is a removed subscription): no customer access at all
 */

/** A confirmed customer (SUBSCRIBERS evidence, incidents reported before it subscribed). */
export function confirmedCustomerSql(s: string): string {
  return `${s}.customer_status = 'CONFIRMED'`;
}

/** A subscription that is not declined: pending or confirmed (public-level notices). */
export function activeSubscriptionSql(s: string): string {
  return `${s}.customer_status IN ('PENDING', 'CONFIRMED')`;
}

/**
 * Whether subscription `s` exposes its subscriber to an incident reported at `reportedAt` (an SQL
 * expression): a confirmed customer always, a pending one for incidents reported once it had
 * subscribed (a breach notice never waits for paperwork), a declined one never.
 */
export function exposedBySubscriptionSql(s: string, reportedAt: string): string {
  return `(${s}.customer_status = 'CONFIRMED' OR (${s}.customer_status = 'PENDING' AND ${s}.created_at <= ${reportedAt}))`;
}
