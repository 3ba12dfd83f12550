import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { type ConnectionShape, toConnection } from '../common/graphql/connection.js';
import { encodeCursor, type PageRequest } from '../common/graphql/cursor.js';
import type { Product } from './dto/product.model.js';
import { productColumns, productFromRow } from './product.mapper.js';

/** Per-request batch loaders behind Product.subprocessors and Organization.products. */
@Injectable()
export class ProductLoaders {
  constructor(private readonly dataSource: DataSource) {}

  /** Each product's direct sub-processors, by name, for a whole request in one query. */
  subprocessorsLoader(_actor: Actor): DataLoader<string, Product[]> {
    return new DataLoader(async (uuids: readonly string[]) => {
      const rows = await this.dataSource.query<Record<string, unknown>[]>(
        `SELECT e.product_id AS parent_id, ${productColumns('p')}
           FROM product_subprocessor e JOIN product p ON p.id = e.subprocessor_id
          WHERE e.product_id = ANY($1::uuid[])
          ORDER BY p.search_name, p.id`,
        [uuids],
      );
      const byParent = new Map<string, Product[]>();
      for (const row of rows) {
        const parent = row.parent_id as string;
        byParent.set(parent, [...(byParent.get(parent) ?? []), productFromRow(row)]);
      }
      return uuids.map((uuid) => byParent.get(uuid) ?? []);
    });
  }

  /**
   * One page of several suppliers' products (Organization.products for a list of organisations)
   * in one query: the same page arguments apply to every supplier of the batch.
   */
  supplierProductsLoader(_actor: Actor, page: PageRequest): DataLoader<string, ConnectionShape<Product>> {
    return new DataLoader(async (supplierUuids: readonly string[]) => {
      const [afterName, afterId] = page.after ?? [null, null];
      const rows = await this.dataSource.query<Record<string, unknown>[]>(
        `SELECT * FROM (
           SELECT x.*, row_number() OVER (PARTITION BY x.p_supplier_id ORDER BY x.search_name, x.p_id) AS rn
             FROM (SELECT ${productColumns('p')}, p.search_name,
                          count(*) OVER (PARTITION BY p.supplier_id)::int AS total
                     FROM product p WHERE p.supplier_id = ANY($1::uuid[])) x
            WHERE $2::text IS NULL OR (x.search_name, x.p_id) > ($2::text, $3::uuid)
         ) y
         WHERE y.rn <= $4
         ORDER BY y.p_supplier_id, y.search_name, y.p_id`,
        [supplierUuids, afterName, afterId, page.first + 1],
      );
      const bySupplier = new Map<string, Record<string, unknown>[]>();
      for (const row of rows) {
        const supplier = row.p_supplier_id as string;
        bySupplier.set(supplier, [...(bySupplier.get(supplier) ?? []), row]);
      }
      return supplierUuids.map((uuid) => {
        const own = bySupplier.get(uuid) ?? [];
        return toConnection(
          own,
          page,
          own.length > 0 ? (own[0].total as number) : 0,
          (row) => encodeCursor([row.search_name as string, row.p_id as string]),
          (row) => productFromRow(row),
        );
      });
    });
  }
}
