import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tier } from '../baselines/dto/tier.enum.js';
import type { Actor } from '../common/actor.js';
import { likeContains } from '../common/database/keyset.js';
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

  async search(_actor: Actor, query: DirectoryQuery): Promise<DirectoryPage> {
    const now = this.clock.now();
    const text = query.text?.trim() ?? '';
    const search = text ? likeContains(toSearchName(text)) : null;
    const orgNumber = /^\d{6}-?\d{4}$/.test(text)
      ? `${text.replace('-', '').slice(0, 6)}-${text.slice(-4)}`
      : null;
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
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
    );
    return {
      products: rows.map((row) => productFromReadRow(row, now)),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
    };
  }
}
