import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tier } from '../baselines/dto/tier.enum.js';
import type { Actor } from '../common/actor.js';
import { likeContains } from '../common/database/keyset.js';
import { dateOf, type JsonRow, sqlSection, type SqlSection } from '../common/database/sql-sections.js';
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

/**
 * Product listings for pages and exports (the web portal, the public registry): one statement per
 * page with each product's supplier and status preloaded and the total counted alongside. Every
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
    return sqlSection(
      `SELECT ${productColumns('p')}, ${SUPPLIER_COLUMNS}, ${statusColumns('p')}, count(*) OVER () AS total
         FROM product p
         JOIN organization o ON o.id = p.supplier_id
         ${statusJoins('p')}
        WHERE ($1::text IS NULL OR p.search_name LIKE $1 ESCAPE '\\' OR o.search_name LIKE $1 ESCAPE '\\'
               OR o.org_number = $2::text)
          AND ($3::text IS NULL OR p.tier::text = $3::text)
          AND ($4::text IS NULL OR ${statusStateSql('$5::timestamptz')} = $4::text)
          AND ($6::uuid IS NULL OR p.supplier_id = $6::uuid)
        ORDER BY p.search_name, p.id
        LIMIT $7 OFFSET $8`,
      [
        search,
        orgNumber,
        query.tier ?? null,
        query.state ?? null,
        now,
        query.supplierUuid ?? null,
        query.pageSize,
        (query.page - 1) * query.pageSize,
      ],
      (rows) => ({
        products: rows.map((row) =>
          productFromReadRow({ ...row, o_created_at: dateOf(row.o_created_at) }, now),
        ),
        total: rows.length > 0 ? Number(rows[0].total) : 0,
      }),
    );
  }

  /** How many products are in each state now (the agency's overview), by the status module's SQL rule. */
  stateCountsSection(_actor: Actor): SqlSection<Map<ComplianceState, number>> {
    return sqlSection(
      `SELECT ${statusStateSql('$1::timestamptz')} AS state, count(*)::int AS n
         FROM product p ${statusJoins('p')} GROUP BY 1`,
      [this.clock.now()],
      (rows) => new Map(rows.map((row) => [row.state as ComplianceState, Number(row.n)])),
    );
  }
}
