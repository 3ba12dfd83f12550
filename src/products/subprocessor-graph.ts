import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Tier } from '../baselines/dto/tier.enum.js';
import { shortestPath } from './cycle.js';
import { tierFromRankSql, tierRankSql } from './tier-rule.js';

/**
 * Key of the transaction-level advisory lock every write to the sub-processor graph or to a
 * tier input takes first. Serialising them all is what makes the cycle check sound (two
 * concurrent updates A -> B and B -> A would each see no cycle) and keeps stored tiers equal to
 * the rule; product writes are rare, so one registry-wide lock costs nothing noticeable.
 */
export const PRODUCT_GRAPH_LOCK = 4_711_000_001;

export interface TierChange {
  readonly uuid: string;
  readonly tier: Tier;
}

/** Upwards from `$1` (uuid[]): the products themselves and every product relying on them. */
const DEPENDENTS_CTE = `dependents(id) AS (
    SELECT unnest($1::uuid[])
    UNION
    SELECT e.product_id FROM product_subprocessor e JOIN dependents d ON e.subprocessor_id = d.id
  )`;

/**
 * SQL over the product -> sub-processor graph. Every recursive query uses UNION (not UNION ALL),
 * so it terminates even if a cycle ever got in.
 */
@Injectable()
export class SubprocessorGraph {
  constructor(private readonly dataSource: DataSource) {}

  async lock(em: EntityManager): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [PRODUCT_GRAPH_LOCK]);
  }

  /**
   * Whether giving `productUuid` the sub-processors `subprocessorUuids` closes a cycle; if so the
   * path from one of them back to the product (the product last). Its own current edges are not
   * followed: they are about to be replaced.
   */
  async findCycle(em: EntityManager, productUuid: string, subprocessorUuids: readonly string[]) {
    if (subprocessorUuids.includes(productUuid)) return [productUuid];
    if (subprocessorUuids.length === 0) return null;
    const edges = await em.query<{ product_id: string; subprocessor_id: string }[]>(
      `WITH RECURSIVE reach(node) AS (
         SELECT unnest($2::uuid[])
         UNION
         SELECT e.subprocessor_id FROM reach r
           JOIN product_subprocessor e ON e.product_id = r.node
          WHERE r.node <> $1
       )
       SELECT e.product_id, e.subprocessor_id FROM product_subprocessor e
        WHERE e.product_id IN (SELECT node FROM reach) AND e.product_id <> $1
          AND EXISTS (SELECT 1 FROM reach WHERE node = $1)`,
      [productUuid, subprocessorUuids],
    );
    if (edges.length === 0) return null;
    const graph = new Map<string, string[]>();
    for (const edge of edges) {
      graph.set(edge.product_id, [...(graph.get(edge.product_id) ?? []), edge.subprocessor_id]);
    }
    return shortestPath(graph, subprocessorUuids, productUuid);
  }

  async replaceEdges(em: EntityManager, productUuid: string, subprocessorUuids: readonly string[]) {
    await em.query('DELETE FROM product_subprocessor WHERE product_id = $1', [productUuid]);
    if (subprocessorUuids.length === 0) return;
    await em.query(
      `INSERT INTO product_subprocessor (product_id, subprocessor_id)
       SELECT $1, unnest($2::uuid[])`,
      [productUuid, subprocessorUuids],
    );
  }

  /**
   * Rewrites the effective tier of `rootUuids` and of every product relying on them, in one
   * statement: each gets the highest category tier or raise found in itself and everything below
   * it. Returns the products whose tier changed.
   */
  async recomputeTiers(em: EntityManager, rootUuids: readonly string[]): Promise<TierChange[]> {
    // TypeORM answers UPDATE ... RETURNING as [rows, rowCount].
    const [rows] = await em.query<[{ id: string; tier: Tier }[], number]>(
      `WITH RECURSIVE ${DEPENDENTS_CTE},
       reach(root, node) AS (
         SELECT id, id FROM dependents
         UNION
         SELECT r.root, e.subprocessor_id FROM reach r JOIN product_subprocessor e ON e.product_id = r.node
       ),
       computed AS (
         SELECT r.root AS id,
                max(greatest(${tierRankSql('p.category_tier')}, ${tierRankSql('p.raised_tier')})) AS rank
           FROM reach r JOIN product p ON p.id = r.node
          GROUP BY r.root
       )
       UPDATE product p SET tier = ${tierFromRankSql('c.rank')}
         FROM computed c
        WHERE p.id = c.id AND p.tier <> ${tierFromRankSql('c.rank')}
       RETURNING p.id, p.tier`,
      [rootUuids],
    );
    return rows.map((row) => ({ uuid: row.id, tier: row.tier }));
  }

  /** The tier without the agency's raise: own categories and direct sub-processors' effective tiers. */
  async derivedTier(em: EntityManager, productUuid: string): Promise<Tier> {
    const [row] = await em.query<{ tier: Tier }[]>(
      `SELECT ${tierFromRankSql(`greatest(${tierRankSql('p.category_tier')}, coalesce(
                (SELECT max(${tierRankSql('s.tier')}) FROM product_subprocessor e
                   JOIN product s ON s.id = e.subprocessor_id WHERE e.product_id = p.id), 0))`)} AS tier
         FROM product p WHERE p.id = $1`,
      [productUuid],
    );
    return row.tier;
  }

  /** Every product `productUuid` relies on, directly or through a chain (not itself). */
  async subprocessorsInChain(productUuid: string, em: EntityManager = this.dataSource.manager) {
    const rows = await em.query<{ id: string }[]>(
      `WITH RECURSIVE below(id) AS (
         SELECT subprocessor_id FROM product_subprocessor WHERE product_id = $1
         UNION
         SELECT e.subprocessor_id FROM below b JOIN product_subprocessor e ON e.product_id = b.id
       )
       SELECT id FROM below WHERE id <> $1`,
      [productUuid],
    );
    return rows.map((row) => row.id);
  }

  /** Every product relying on `productUuid`, directly or through a chain (not itself). */
  async dependentsInChain(productUuid: string, em: EntityManager = this.dataSource.manager) {
    const rows = await em.query<{ id: string }[]>(
      `WITH RECURSIVE ${DEPENDENTS_CTE} SELECT id FROM dependents WHERE id <> ALL($1::uuid[])`,
      [[productUuid]],
    );
    return rows.map((row) => row.id);
  }

  /**
   * The suppliers of the product and of everything it relies on (e.g. for the assessor
   * independence rule: none of them may assess the product).
   */
  async suppliersInChain(productUuid: string, em: EntityManager = this.dataSource.manager) {
    const rows = await em.query<{ supplier_id: string }[]>(
      `WITH RECURSIVE below(id) AS (
         SELECT $1::uuid
         UNION
         SELECT e.subprocessor_id FROM below b JOIN product_subprocessor e ON e.product_id = b.id
       )
       SELECT DISTINCT p.supplier_id FROM below b JOIN product p ON p.id = b.id`,
      [productUuid],
    );
    return rows.map((row) => row.supplier_id);
  }
}
