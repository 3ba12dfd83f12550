import type { Tier } from '../baselines/dto/tier.enum.js';
import { columns, type Decoded, json, type SqlRow, text } from '../common/database/sql-columns.js';
import type { ComplianceState } from '../products/dto/compliance-state.enum.js';
import { activeSubscriptionSql } from '../subscriptions/customer-sql.js';
import { statusColumns, statusJoins, type StatusRow } from './status-sql.js';

/*
 * The rows StatusService reads about the products it refreshes or loads: each product with its
 * status columns, its subscribers when STATUS_CHANGED needs an audience, and the chain read
 * model's stored own state when the refresh decides whether to propagate.
 */

/** The product a status row is about (alias `p`). */
const PRODUCT_OF_ROW = columns('p_', (p) => ({
  id: text(`${p}.id`),
  tier: text<Tier>(`${p}.tier`),
  name: text(`${p}.name`),
  supplierId: text(`${p}.supplier_id`),
}));

/** The product's subscribers, when the events need them. */
const AUDIENCE_OF_ROW = columns('', (p) => ({
  subscribers: json<string[]>(
    `array(SELECT s.subscriber_id FROM product_subscription s WHERE s.product_id = ${p}.id AND ${activeSubscriptionSql('s')})`,
  ),
}));

/** product_chain_status.own_state, read by the one-statement refresh only. */
const STORED_OF_ROW = columns('sch_', () => ({ ownState: text<ComplianceState>('sch.own_state').orNull() }));

export type ProductStatusRow = Decoded<typeof PRODUCT_OF_ROW> &
  Partial<Decoded<typeof AUDIENCE_OF_ROW> & Decoded<typeof STORED_OF_ROW>> & {
    /** The row itself, carrying statusColumns. */
    status: StatusRow;
  };

export function productStatusRow(
  row: SqlRow,
  withAudience: boolean,
  withStoredState: boolean,
): ProductStatusRow {
  return {
    ...PRODUCT_OF_ROW.read(row),
    ...(withAudience ? AUDIENCE_OF_ROW.read(row) : {}),
    ...(withStoredState ? STORED_OF_ROW.read(row) : {}),
    status: row,
  };
}

/** The status rows of the products $1 (see productStatusRow). */
export function productStatusRowsSql(withAudience: boolean, withStoredState = false): string {
  const audience = withAudience ? `, ${AUDIENCE_OF_ROW.sql('p')}` : '';
  const stored = withStoredState ? `, ${STORED_OF_ROW.sql('sch')}` : '';
  return `SELECT ${PRODUCT_OF_ROW.sql('p')}${audience}${stored},
         ${statusColumns('p')}
       FROM product p ${statusJoins('p')}
       WHERE p.id = ANY($1::uuid[])`;
}
