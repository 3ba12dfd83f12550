import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { sqlSection, type SqlSection } from '../common/database/sql-sections.js';
import { type ConnectionShape, toConnection } from '../common/graphql/connection.js';
import { encodeCursor, pageRequest } from '../common/graphql/cursor.js';
import { BadUserInputError } from '../common/errors/domain-error.js';
import { isUuid } from '../common/graphql/global-id.js';
import type { DataCategory } from '../products/dto/data-category.enum.js';
import { CategoryConcentration, SupplierConcentration } from './dto/concentration.model.js';
import type { SupplierConcentrationArgs } from './dto/incidents.args.js';
import { CONCENTRATION_SQL, type ConcentrationRow } from './concentration.sql.js';

/** A supplier of the agency's overview: how many municipalities and regions rely on it, and their share. */
export interface TopSupplier {
  readonly supplierName: string;
  readonly dependents: number;
  readonly share: number;
}

/**
 * Agency: which suppliers would take down the most municipalities and regions if they failed
 * (the next single point of failure). Computed on demand from subscriptions and the sub-processor
 * graph; the operation's policy restricts it to the agency.
 */
@Injectable()
export class ConcentrationService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    _actor: Actor,
    args: SupplierConcentrationArgs,
  ): Promise<ConnectionShape<SupplierConcentration>> {
    const page = pageRequest(args, ['int', 'uuid']);
    const [afterCount, afterId] = page.after ?? [null, null];
    if (page.after && (typeof afterCount !== 'number' || typeof afterId !== 'string' || !isUuid(afterId))) {
      throw BadUserInputError.field('after', 'is not a cursor returned by this connection');
    }
    const rows = await this.dataSource.query<ConcentrationRow[]>(CONCENTRATION_SQL, [
      afterCount,
      afterId,
      page.first + 1,
    ]);
    const total = rows.length > 0 ? rows[0].total : page.after ? await this.countSuppliers() : 0;
    return toConnection(
      rows,
      page,
      total,
      (row) => encodeCursor([row.dependents, row.supplier_id]),
      toConcentration,
    );
  }

  /**
   * The `first` suppliers most relied on with their names, as a section of a page's one statement
   * (readSections); the agency's overview. Same query and order as list().
   */
  topSection(_actor: Actor, first: number): SqlSection<TopSupplier[]> {
    return sqlSection(
      `SELECT c.supplier_id, o.name AS supplier_name, c.dependents, c.share
         FROM (${CONCENTRATION_SQL}) c JOIN organization o ON o.id = c.supplier_id
        ORDER BY c.dependents DESC, c.supplier_id DESC`,
      [null, null, first],
      (rows) =>
        rows.map((row) => ({
          supplierName: row.supplier_name as string,
          dependents: Number(row.dependents),
          share: Number(row.share),
        })),
    );
  }

  private async countSuppliers(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM organization WHERE kind = 'SUPPLIER'`,
    );
    return row.n;
  }
}

function toConcentration(row: ConcentrationRow): SupplierConcentration {
  const model = new SupplierConcentration();
  model.supplierUuid = row.supplier_id;
  model.dependents = row.dependents;
  model.municipalities = row.municipalities;
  model.regions = row.regions;
  model.directDependents = row.direct_dependents;
  model.share = Number(row.share);
  model.byDataCategory = row.by_category.map((entry) => {
    const category = new CategoryConcentration();
    category.dataCategory = entry.dataCategory as DataCategory;
    category.dependents = entry.dependents;
    category.share = entry.dependents / Number(row.customers);
    return category;
  });
  return model;
}
