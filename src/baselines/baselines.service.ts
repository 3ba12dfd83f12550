import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { type Actor, OrganizationKind } from '../common/actor.js';
import { dateOf, sqlSection, type SqlSection } from '../common/database/sql-sections.js';
import { BadUserInputError, NotFoundError } from '../common/errors/domain-error.js';
import { type ConnectionShape, toConnection } from '../common/graphql/connection.js';
import { encodeCursor, BY_TIME, pageRequest } from '../common/graphql/cursor.js';
import { fromGlobalId, isUuid } from '../common/graphql/global-id.js';
import { NodeType } from '../common/graphql/node-type.js';
import {
  BASELINE_COLUMNS,
  BASELINE_TYPE,
  type BaselineRow,
  REQUIREMENT_COLUMNS,
  REQUIREMENT_TYPE,
  type RequirementRow,
  toBaseline,
  toRequirement,
} from './baseline.mapper.js';
import { diffRequirements } from './baseline-diff.js';
import type { BaselineDiff } from './dto/baseline-diff.model.js';
import type { Baseline } from './dto/baseline.model.js';
import type { BaselineRequirementsArgs, BaselinesArgs } from './dto/baselines.args.js';
import type { Requirement } from './dto/requirement.model.js';
import type { Tier } from './dto/tier.enum.js';

/** Kinds that see drafts: the agency writes them, assessment bodies prepare for them. */
const DRAFT_READERS: readonly OrganizationKind[] = [OrganizationKind.AGENCY, OrganizationKind.ASSESSOR];

export function seesDrafts(actor: Actor): boolean {
  return DRAFT_READERS.includes(actor.organizationKind);
}

/** SQL condition on `b` (a baseline) for what the caller may see. */
function visibleTo(actor: Actor): string {
  return seesDrafts(actor) ? 'TRUE' : `b.status <> 'DRAFT'`;
}

type PageRow = RequirementRow & { total: string; parent: string };

/**
 * Reading baselines and requirements, for this module's resolvers and for other modules (evidence,
 * assessments, products), which reference requirements by uuid. Drafts exist only for the agency and
 * assessors: for anyone else they are not found and left out of lists. Reads are plain SQL returning
 * flat rows, batched per request.
 */
@Injectable()
export class BaselinesService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The newest `first` baselines the caller may see, as a section of a page's one statement
   * (readSections); the same visibility and order as list().
   */
  listSection(actor: Actor, first: number): SqlSection<Baseline[]> {
    return sqlSection(
      `SELECT ${BASELINE_COLUMNS} FROM baseline b WHERE ${visibleTo(actor)}
        ORDER BY b.created_at DESC, b.id DESC LIMIT $1`,
      [first],
      (rows) =>
        rows.map((row) =>
          toBaseline({
            ...(row as unknown as BaselineRow),
            published_at: dateOf(row.published_at),
            retired_at: dateOf(row.retired_at),
            transition_ends_at: dateOf(row.transition_ends_at),
            created_at: dateOf(row.created_at) as Date,
            updated_at: dateOf(row.updated_at) as Date,
          }),
        ),
    );
  }

  async list(actor: Actor, args: BaselinesArgs): Promise<ConnectionShape<Baseline>> {
    const page = pageRequest(args, BY_TIME);
    const params: unknown[] = [args.key ?? null, args.status ?? null];
    const filter = `${visibleTo(actor)} AND ($1::varchar IS NULL OR b.key = $1) AND ($2::varchar IS NULL OR b.status = $2)`;
    let after = '';
    if (page.after) {
      const [at, id] = page.after;
      if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at)) || !isUuid(id)) {
        throw BadUserInputError.field('after', 'is not a cursor returned by this connection');
      }
      params.push(at, id);
      after = ` AND (b.created_at, b.id) < ($3::timestamptz, $4::uuid)`;
    }
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM baseline b WHERE ${filter}`,
      params.slice(0, 2),
    );
    const rows = await this.dataSource.query<BaselineRow[]>(
      `SELECT ${BASELINE_COLUMNS} FROM baseline b WHERE ${filter}${after}
       ORDER BY b.created_at DESC, b.id DESC LIMIT ${page.first + 1}`,
      params,
    );
    return toConnection(
      rows,
      page,
      Number(count),
      (row) => encodeCursor([row.created_at.toISOString(), row.id]),
      toBaseline,
    );
  }

  /** By opaque id; NOT_FOUND for anything the caller may not see. */
  async get(actor: Actor, id: string): Promise<Baseline> {
    const uuid = fromGlobalId(id, BASELINE_TYPE);
    const found = uuid ? await this.findVisible(actor, uuid) : null;
    if (!found) throw new NotFoundError('Baseline');
    return found;
  }

  @NodeType(BASELINE_TYPE)
  async findVisible(actor: Actor, uuid: string): Promise<Baseline | null> {
    const [row] = await this.dataSource.query<BaselineRow[]>(
      `SELECT ${BASELINE_COLUMNS} FROM baseline b WHERE b.id = $1 AND ${visibleTo(actor)}`,
      [uuid],
    );
    return row ? toBaseline(row) : null;
  }

  /** The newest published version of a series; retired and draft versions are never current. */
  async current(_actor: Actor, key: string): Promise<Baseline | null> {
    const [row] = await this.dataSource.query<BaselineRow[]>(
      `SELECT ${BASELINE_COLUMNS} FROM baseline b WHERE b.key = $1 AND b.status = 'PUBLISHED'
       ORDER BY b.published_at DESC, b.id DESC LIMIT 1`,
      [key],
    );
    return row ? toBaseline(row) : null;
  }

  /** Batches baseline lookups of one request; null for what the caller may not see. */
  baselineLoader(actor: Actor): DataLoader<string, Baseline | null> {
    return new DataLoader(async (uuids: readonly string[]) => {
      const rows = await this.dataSource.query<BaselineRow[]>(
        `SELECT ${BASELINE_COLUMNS} FROM baseline b WHERE b.id = ANY($1::uuid[]) AND ${visibleTo(actor)}`,
        [uuids],
      );
      const byId = new Map(rows.map((row) => [row.id, toBaseline(row)]));
      return uuids.map((uuid) => byId.get(uuid) ?? null);
    });
  }

  /** Requirements by uuid, in the order asked; null for unknown ones and those of unseen drafts. */
  async requirementsByIds(actor: Actor, uuids: readonly string[]): Promise<(Requirement | null)[]> {
    if (uuids.length === 0) return [];
    const rows = await this.dataSource.query<RequirementRow[]>(
      `SELECT ${REQUIREMENT_COLUMNS} FROM requirement r JOIN baseline b ON b.id = r.baseline_id
       WHERE r.id = ANY($1::uuid[]) AND ${visibleTo(actor)}`,
      [uuids],
    );
    const byId = new Map(rows.map((row) => [row.id, toRequirement(row)]));
    return uuids.map((uuid) => byId.get(uuid) ?? null);
  }

  /** For field resolvers elsewhere (a finding's requirement, evidence's requirements). */
  requirementLoader(actor: Actor): DataLoader<string, Requirement | null> {
    return new DataLoader((uuids: readonly string[]) => this.requirementsByIds(actor, uuids));
  }

  async getRequirement(actor: Actor, id: string): Promise<Requirement> {
    const uuid = fromGlobalId(id, REQUIREMENT_TYPE);
    const [found] = uuid ? await this.requirementsByIds(actor, [uuid]) : [null];
    if (!found) throw new NotFoundError('Requirement');
    return found;
  }

  @NodeType(REQUIREMENT_TYPE)
  async findRequirement(actor: Actor, uuid: string): Promise<Requirement | null> {
    const [found] = await this.requirementsByIds(actor, [uuid]);
    return found;
  }

  /**
   * Every requirement of a visible baseline that applies to a tier (all of them without one), by
   * code: what an assessment of a product of that tier covers. At most MAX_REQUIREMENTS rows.
   */
  async applicableRequirements(
    actor: Actor,
    baselineUuid: string,
    tier?: Tier | null,
  ): Promise<Requirement[]> {
    const rows = await this.dataSource.query<RequirementRow[]>(
      `SELECT ${REQUIREMENT_COLUMNS} FROM requirement r JOIN baseline b ON b.id = r.baseline_id
       WHERE r.baseline_id = $1 AND ${visibleTo(actor)} AND ($2::varchar IS NULL OR $2::varchar = ANY(r.tiers))
       ORDER BY r.code`,
      [baselineUuid, tier ?? null],
    );
    return rows.map(toRequirement);
  }

  /** What `to` asks compared with `from`, by requirement code; both must be visible. */
  async diff(actor: Actor, fromId: string, toId: string): Promise<BaselineDiff> {
    const [from, to] = await Promise.all([this.get(actor, fromId), this.get(actor, toId)]);
    const [before, after] = await Promise.all([
      this.applicableRequirements(actor, from.uuid),
      this.applicableRequirements(actor, to.uuid),
    ]);
    return { from, to, ...diffRequirements(before, after) };
  }

  /**
   * One page of requirements for each of many baselines in one statement: the parents of a request
   * (every baseline of a list) share one query. The parents are already visible to the caller.
   */
  requirementsPageLoader(args: BaselineRequirementsArgs): DataLoader<string, ConnectionShape<Requirement>> {
    const page = pageRequest(args, ['text']);
    const after = page.after?.[0];
    if (page.after && typeof after !== 'string') {
      throw BadUserInputError.field('after', 'is not a cursor returned by this connection');
    }
    return new DataLoader(async (uuids: readonly string[]) => {
      const rows = await this.dataSource.query<PageRow[]>(
        `WITH filtered AS (
           SELECT r.* FROM requirement r
           WHERE r.baseline_id = ANY($1::uuid[])
             AND ($2::varchar IS NULL OR $2::varchar = ANY(r.tiers))
             AND ($3::varchar IS NULL OR r.category = $3::varchar)
         ), totals AS (
           SELECT p.id AS parent, count(f.id) AS total
           FROM unnest($1::uuid[]) AS p(id) LEFT JOIN filtered f ON f.baseline_id = p.id GROUP BY p.id
         ), paged AS (
           SELECT f.*, row_number() OVER (PARTITION BY f.baseline_id ORDER BY f.code) AS rn
           FROM filtered f WHERE ($4::varchar IS NULL OR f.code > $4::varchar)
         )
         SELECT t.parent, t.total, ${REQUIREMENT_COLUMNS}
         FROM totals t LEFT JOIN paged r ON r.baseline_id = t.parent AND r.rn <= $5
         ORDER BY t.parent, r.code`,
        [uuids, args.tier ?? null, args.category ?? null, after ?? null, page.first + 1],
      );
      const byParent = new Map<string, { total: number; rows: RequirementRow[] }>();
      for (const row of rows) {
        const entry = byParent.get(row.parent) ?? { total: Number(row.total), rows: [] };
        if (row.id) entry.rows.push(row);
        byParent.set(row.parent, entry);
      }
      return uuids.map((uuid) => {
        const entry = byParent.get(uuid) ?? { total: 0, rows: [] };
        return toConnection(entry.rows, page, entry.total, (row) => encodeCursor([row.code]), toRequirement);
      });
    });
  }
}
