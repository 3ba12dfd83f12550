import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tier } from '../baselines/dto/tier.enum.js';
import type { Actor } from '../common/actor.js';
import { likeContains } from '../common/database/keyset.js';
import { columns, int, text } from '../common/database/sql-columns.js';
import { type JsonRow, sqlSection, type SqlSection } from '../common/database/sql-sections.js';
import { Clock } from '../events/clock.js';
import { toSearchName } from '../organizations/search-name.js';
import { statusColumns, statusJoins, statusStateSql } from '../status/status-sql.js';
import { SUPPLIER_COLUMNS } from '../subscriptions/product-subscription.mapper.js';
import type { ComplianceState } from './dto/compliance-state.enum.js';
import type { Product } from './dto/product.model.js';
import { productColumns, productFromReadRow } from './product.mapper.js';

export interface DirectoryQuery {
  /** Part of a product's or supplier's name, or a supplier's organisation number. */
  readonly text?: string;
  readonly tier?: Tier;
  readonly state?: ComplianceState;
  readonly supplierUuid?: string;
  /** 1-based page of `pageSize` products, by name. */
  readonly page: number;
  readonly pageSize: number;
}

export interface DirectoryPage {
  readonly products: Product[];
  readonly total: number;
}

/** What a directory page selects beside each product, its supplier and status. */
const DIRECTORY_ROW = columns('', () => ({
  total: int('(SELECT count(*) FROM matched)'),
}));

/** The agency's overview: products per state at $1. */
const STATE_COUNT_ROW = columns('', () => ({
  state: text<ComplianceState>(statusStateSql('$1::timestamptz')),
  n: int('count(*)::int'),
}));

/**
 * Product listings for pages and exports (the web portal, the public registry): one statement per
 * page with each product's supplier and status alongside it and the total counted beside. Every
 * caller may see every product (as products(…) in the API); the state rule is the status
 * module's SQL (statusStateSql), the same the API's ProductFilter.state uses.
 */
@Injectable()
export class ProductDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async search(actor: Actor, query: DirectoryQuery): Promise<DirectoryPage> {
    const section = this.searchSection(actor, query);
    return section.map(await this.dataSource.query<JsonRow[]>(section.sql, [...section.params]));
  }

  /** search() as a section of a page's one statement (readSections). */
  searchSection(_actor: Actor, query: DirectoryQuery): SqlSection<DirectoryPage> {
    const now = this.clock.now();
    const text = query.text?.trim() ?? '';
    const search = text ? likeContains(toSearchName(text)) : null;
    const orgNumber = /^\d{6}-?\d{4}$/.test(text)
      ? `${text.replace('-', '').slice(0, 6)}-${text.slice(-4)}`
      : null;
    // The page's products are chosen first (and counted) without their status columns, which are
    // then computed for the page only; a state filter needs the status rules for every candidate.
    const params: unknown[] = [
      search,
      orgNumber,
      query.tier ?? null,
      query.supplierUuid ?? null,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    ];
    let byState = '';
    if (query.state) {
      params.push(query.state, now);
      byState = `AND ${statusStateSql('$8::timestamptz')} = $7::text`;
    }
    return sqlSection(
      `WITH matched AS (
         SELECT p.id, p.search_name
           FROM product p
           JOIN organization o ON o.id = p.supplier_id
           ${query.state ? statusJoins('p') : ''}
          WHERE ($1::text IS NULL OR p.search_name LIKE $1 ESCAPE '\\' OR o.search_name LIKE $1 ESCAPE '\\'
                 OR o.org_number = $2::text)
            AND ($3::text IS NULL OR p.tier::text = $3::text)
            AND ($4::uuid IS NULL OR p.supplier_id = $4::uuid)
            ${byState}
       ),
       shown AS (SELECT id, search_name FROM matched ORDER BY search_name, id LIMIT $5 OFFSET $6)
       SELECT ${productColumns('p')}, ${SUPPLIER_COLUMNS}, ${statusColumns('p')},
              ${DIRECTORY_ROW.sql('')}
         FROM shown
         JOIN product p ON p.id = shown.id
         JOIN organization o ON o.id = p.supplier_id
         ${statusJoins('p')}
        ORDER BY shown.search_name, shown.id`,
      params,
      // JSON rows: the declarations' decoders read its ISO timestamps as Dates.
      (rows) => ({
        products: rows.map((row) => productFromReadRow(row, now)),
        total: rows.length > 0 ? DIRECTORY_ROW.read(rows[0]).total : 0,
      }),
    );
  }

  /** How many products are in each state now (the agency's overview), by the status module's SQL rule. */
  stateCountsSection(_actor: Actor): SqlSection<Map<ComplianceState, number>> {
    return sqlSection(
      `SELECT ${STATE_COUNT_ROW.sql('')} FROM product p ${statusJoins('p')} GROUP BY 1`,
      [this.clock.now()],
      (rows) =>
        new Map(
          rows.map((row) => {
            const { state, n } = STATE_COUNT_ROW.read(row);
            return [state, n];
          }),
        ),
    );
  }
}
