import { columns, int, type SqlRow, text } from '../common/database/sql-columns.js';
import {
  PRODUCT_ROW,
  productColumns,
  productFromReadRow,
  productHeadColumns,
  productHeadFromReadRow,
} from '../products/product.mapper.js';
import { type ProductLookahead, withLookahead } from '../products/product-preloads.js';
import { statusColumns, type StatusDetail, statusJoins } from '../status/status-sql.js';
import type { ProductSubscription } from './dto/product-subscription.model.js';
import {
  SUBSCRIPTION_HEAD_ROW,
  SUBSCRIPTION_ROW,
  SUPPLIER_COLUMNS,
  SUPPLIER_HEAD_COLUMNS,
  toProductSubscription,
  toProductSubscriptionHead,
} from './product-subscription.mapper.js';

/**
 * What mine() reads for a request: whole subscriptions, products and suppliers, or their heads
 * (headModel) when the selection asks nothing else of them (mineReadOf); and as much of the
 * status as its selection asks for (statusDetailOf).
 */
export interface MineRead {
  readonly heads: boolean;
  readonly statusDetail: StatusDetail;
}

export const WHOLE_READ: MineRead = { heads: false, statusDetail: 'full' };

/** What mySubscriptions' statement selects beside the subscription, product, supplier and status. */
const MINE_ROW = columns('', () => ({
  /** The keyset: the product's search name, then the subscription id. */
  pSearchName: text('p.search_name'),
  /** Counted before the cursor filter. */
  total: int('count(*) OVER ()::int'),
}));
const searchNameOf = MINE_ROW.reader('pSearchName');
const totalOf = MINE_ROW.reader('total');
const subscriptionIdOf = SUBSCRIPTION_ROW.reader('id');

const PRODUCT_ID = PRODUCT_ROW.name('id');
const SUPPLIER_ID = PRODUCT_ROW.name('supplierId');

/** mySubscriptions: one page with each product, its supplier and status, and the total. */
const mineBaseSql = ({ heads, statusDetail }: MineRead) => `SELECT * FROM (
   SELECT ${
     heads
       ? `${SUBSCRIPTION_HEAD_ROW.sql('s')}, ${productHeadColumns('p')}, ${SUPPLIER_HEAD_COLUMNS}`
       : `${SUBSCRIPTION_ROW.sql('s')}, ${productColumns('p')}, ${SUPPLIER_COLUMNS}`
   }, ${MINE_ROW.sql('')},
          ${statusColumns('p', statusDetail)}
     FROM product_subscription s
     JOIN product p ON p.id = s.product_id
     JOIN organization o ON o.id = p.supplier_id
     ${statusJoins('p')}
    WHERE s.subscriber_id = $1
 ) x
 WHERE $2::text IS NULL OR (x.p_search_name, x.s_id) > ($2::text, $3::uuid)
 ORDER BY x.p_search_name, x.s_id
 LIMIT $4`;

/** Whole models and status: for pages, which read everything. */
export const MINE_SQL = mineBaseSql(WHOLE_READ);

/**
 * mine()'s statement for `read`, with what the request's lookahead reads for each product (its
 * parameters from $5) joined after the LIMIT, so only the page's products pay for it. One text
 * per read and lookahead, built once (its prepared statement keeps its name).
 */
const texts = new Map<string, (lookahead: ProductLookahead | null) => string>();
export function mineSql(read: MineRead, lookahead: ProductLookahead | null): string {
  const key = `${read.heads}:${read.statusDetail}`;
  let text = texts.get(key);
  if (!text) {
    const base = mineBaseSql(read);
    text = withLookahead((lookahead) =>
      lookahead
        ? `SELECT m.*${lookahead.columns}
  FROM (${base}) m
  ${lookahead.joins({ id: `m.${PRODUCT_ID}`, supplierId: `m.${SUPPLIER_ID}` }, 5)}
 ORDER BY m.${MINE_ROW.name('pSearchName')}, m.${SUBSCRIPTION_ROW.name('id')}`
        : base,
    );
    texts.set(key, text);
  }
  return text(lookahead);
}

/** A row of mineSql: the keyset and the total typed, the rest for the mappers. */
export interface MineRow {
  readonly pSearchName: string;
  readonly subscriptionId: string;
  readonly total: number;
  readonly row: SqlRow;
}

export const mineRow = (row: SqlRow): MineRow => ({
  pSearchName: searchNameOf(row),
  subscriptionId: subscriptionIdOf(row),
  total: totalOf(row),
  row,
});

/** A subscription of mine() with its product, the product's supplier and status alongside. */
export function fromMineRow({ row }: MineRow, now: Date, read: MineRead): ProductSubscription {
  // The status read model rides along in the same statement (status module).
  return read.heads
    ? toProductSubscriptionHead(
        SUBSCRIPTION_HEAD_ROW.read(row),
        productHeadFromReadRow(row, now, read.statusDetail),
      )
    : toProductSubscription(SUBSCRIPTION_ROW.read(row), productFromReadRow(row, now, read.statusDetail));
}
