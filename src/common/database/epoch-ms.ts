/**
 * A timestamp column as whole epoch milliseconds, truncated as the pg driver truncates
 * microseconds. For values packed into JSON on hot paths: `new Date(ms)` is the same Date the
 * driver would have parsed from the column, at a fraction of the cost.
 */
export const epochMs = (column: string): string =>
  `(extract(epoch FROM date_trunc('milliseconds', ${column})) * 1000)::bigint`;
