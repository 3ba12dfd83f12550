import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { REQUIREMENT_COLUMNS } from '../baselines/baseline.mapper.js';
import { type Actor, isAgency, OrganizationKind } from '../common/actor.js';
import { preparedQuery } from '../common/database/prepared-query.js';
import { dateOf, sqlSection, type SqlSection } from '../common/database/sql-sections.js';
import { BadUserInputError, NotFoundError } from '../common/errors/domain-error.js';
import { type ConnectionShape, toConnection } from '../common/graphql/connection.js';
import { encodeCursor, type PageRequest, BY_TIME, pageRequest } from '../common/graphql/cursor.js';
import { fromGlobalId, isUuid } from '../common/graphql/global-id.js';
import { NodeType } from '../common/graphql/node-type.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Clock } from '../events/clock.js';
import {
  ASSESSMENT_COLUMNS,
  ASSESSMENT_TYPE,
  assessmentCursor,
  FINDING_TYPE,
  primeFindingLoaders,
  REMEDIATION_TYPE,
  type AssessmentRow,
  FINDING_COLUMNS,
  type FindingRow,
  REMEDIATION_COLUMNS,
  toAssessment,
  toFinding,
  toRemediation,
} from './assessment.mapper.js';
import { AssessmentState } from './dto/assessment.enum.js';
import type { AssessmentQueueArgs } from './dto/assessment.input.js';
import type { Assessment, Finding, Remediation } from './dto/assessment.model.js';

/**
 * Who sees a product's assessments, findings, notes and remediations: everyone signed in except
 * other suppliers (the agency, assessors, customers, and the product's own supplier). The
 * ProductStatus summary is for everyone (StatusService).
 */
export function seesAssessmentsOf(actor: Actor, supplierUuid: string): boolean {
  return actor.organizationKind !== OrganizationKind.SUPPLIER || actor.organizationId === supplierUuid;
}

/**
 * The same rule as SQL over the product's supplier (`product p` unless told); $n holds
 * restrictTo(caller): its organisation, or NULL when it sees all.
 */
export function visibleSql(param: number, supplier = 'p.supplier_id'): string {
  return `($${param}::uuid IS NULL OR ${supplier} = $${param}::uuid)`;
}

/** visibleSql's parameter for the caller. */
export function restrictTo(actor: Actor): string | null {
  return actor.organizationKind === OrganizationKind.SUPPLIER ? actor.organizationId : null;
}

type PageRow = AssessmentRow & { parent: string; total: number };

const FINDINGS_FROM = `FROM finding f
  JOIN requirement r ON r.id = f.requirement_id
  LEFT JOIN remediation m ON m.finding_id = f.id`;

/** productAssessmentsLoader: $1 the products, $2/$3 the cursor (or NULLs), $4 the page size plus one. */
const PRODUCT_ASSESSMENTS_SQL = `WITH totals AS (
     SELECT a.product_id AS parent, count(*)::int AS total FROM assessment a
      WHERE a.product_id = ANY($1::uuid[]) GROUP BY a.product_id
   ), paged AS (
     SELECT a.*, row_number() OVER (PARTITION BY a.product_id ORDER BY a.requested_at DESC, a.id DESC) AS rn
       FROM assessment a
      WHERE a.product_id = ANY($1::uuid[])
        AND ($2::timestamptz IS NULL OR (a.requested_at, a.id) < ($2::timestamptz, $3::uuid))
   )
   SELECT t.parent, t.total, ${ASSESSMENT_COLUMNS}
     FROM totals t
     LEFT JOIN paged a ON a.product_id = t.parent AND a.rn <= $4
     LEFT JOIN product p ON p.id = a.product_id
    ORDER BY t.parent, a.requested_at DESC, a.id DESC`;

/**
 * Reading assessments, single findings and remediations, batched per request in plain SQL (the
 * findings of assessments: FindingsReader).
 */
/** An assessment of one of the caller's products that is not completed yet. */
export interface OpenAssessment {
  readonly productUuid: string;
  readonly productName: string;
  readonly baseline: string;
  readonly state: AssessmentState.REQUESTED | AssessmentState.IN_PROGRESS;
  readonly requestedAt: Date;
  readonly startedAt: Date | null;
}

@Injectable()
export class AssessmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Assessments requested or in progress of the caller's own products (a supplier's overview;
   * another organisation gets nothing), oldest request first, with the product's name and the
   * baseline's key and version. A section of a page's one statement (readSections).
   */
  openOfOwnProductsSection(actor: Actor): SqlSection<OpenAssessment[]> {
    return sqlSection(
      `SELECT a.id, a.state, a.requested_at, a.started_at, p.id AS product_id, p.name AS product_name,
              b.key AS baseline_key, b.version AS baseline_version
         FROM assessment a
         JOIN product p ON p.id = a.product_id
         JOIN baseline b ON b.id = a.baseline_id
        WHERE p.supplier_id = $1::uuid AND a.state IN ('${AssessmentState.REQUESTED}', '${AssessmentState.IN_PROGRESS}')
        ORDER BY a.requested_at, a.id
        LIMIT 100`,
      [actor.organizationId],
      (rows) =>
        rows.map((row) => ({
          productUuid: row.product_id as string,
          productName: row.product_name as string,
          baseline: `${row.baseline_key as string} ${row.baseline_version as string}`,
          state: row.state as OpenAssessment['state'],
          requestedAt: dateOf(row.requested_at) as Date,
          startedAt: dateOf(row.started_at),
        })),
    );
  }

  async get(actor: Actor, id: string): Promise<Assessment> {
    const uuid = fromGlobalId(id, ASSESSMENT_TYPE);
    const found = uuid ? await this.findVisible(actor, uuid) : null;
    if (!found) throw new NotFoundError('Assessment');
    return found;
  }

  @NodeType(ASSESSMENT_TYPE)
  async findVisible(actor: Actor, uuid: string): Promise<Assessment | null> {
    const [row] = await this.dataSource.query<AssessmentRow[]>(
      `SELECT ${ASSESSMENT_COLUMNS} FROM assessment a JOIN product p ON p.id = a.product_id
       WHERE a.id = $1 AND ${visibleSql(2)}`,
      [uuid, restrictTo(actor)],
    );
    return row ? toAssessment(row) : null;
  }

  /**
   * Assessment bodies see what waits for any of them (REQUESTED) and what they hold; the agency
   * sees every assessment. Oldest first: it is a queue.
   */
  async queue(actor: Actor, args: AssessmentQueueArgs): Promise<ConnectionShape<Assessment>> {
    const page = pageRequest(args, BY_TIME);
    const [afterAt, afterId] = page.after ?? [null, null];
    if (
      page.after &&
      (typeof afterAt !== 'string' || Number.isNaN(Date.parse(afterAt)) || !isUuid(String(afterId)))
    ) {
      throw BadUserInputError.field('after', 'is not a cursor returned by this connection');
    }
    const holder = isAgency(actor) ? null : actor.organizationId;
    const filter = `($1::uuid IS NULL OR a.state = '${AssessmentState.REQUESTED}' OR a.assessor_id = $1::uuid)
      AND ($2::varchar IS NULL OR a.state = $2::varchar)`;
    // The window total counts the whole queue before the cursor cuts the page (as mySubscriptions).
    const rows = await this.dataSource.query<(AssessmentRow & { total: number })[]>(
      `SELECT * FROM (
         SELECT ${ASSESSMENT_COLUMNS}, count(*) OVER ()::int AS total
           FROM assessment a JOIN product p ON p.id = a.product_id WHERE ${filter}
       ) x
       WHERE $3::timestamptz IS NULL OR (x.a_requested_at, x.a_id) > ($3::timestamptz, $4::uuid)
       ORDER BY x.a_requested_at, x.a_id
       LIMIT $5`,
      [holder, args.state ?? null, afterAt, afterId, page.first + 1],
    );
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && page.after) {
      const [count] = await this.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM assessment a WHERE ${filter}`,
        [holder, args.state ?? null],
      );
      total = count.n;
    }
    return toConnection(
      rows,
      page,
      total,
      (row) => encodeCursor([row.a_requested_at.toISOString(), row.a_id]),
      toAssessment,
    );
  }

  /** Batches assessment lookups of one request; null for what the caller may not see. */
  loader(actor: Actor): DataLoader<string, Assessment | null> {
    return new DataLoader(async (uuids: readonly string[]) => {
      const rows = await this.dataSource.query<AssessmentRow[]>(
        `SELECT ${ASSESSMENT_COLUMNS} FROM assessment a JOIN product p ON p.id = a.product_id
         WHERE a.id = ANY($1::uuid[]) AND ${visibleSql(2)}`,
        [uuids, restrictTo(actor)],
      );
      const byId = new Map(rows.map((row) => [row.a_id, toAssessment(row)]));
      return uuids.map((uuid) => byId.get(uuid) ?? null);
    });
  }

  /**
   * One page of each product's assessments, newest first, for all products of a request in one
   * statement (a window function numbers each product's rows). The caller has checked that it sees
   * the products' assessments.
   */
  productAssessmentsLoader(page: PageRequest): DataLoader<string, ConnectionShape<Assessment>> {
    const [afterAt, afterId] = page.after ?? [null, null];
    if (
      page.after &&
      (typeof afterAt !== 'string' || Number.isNaN(Date.parse(afterAt)) || !isUuid(String(afterId)))
    ) {
      throw BadUserInputError.field('after', 'is not a cursor returned by this connection');
    }
    return new DataLoader(async (productUuids: readonly string[]) => {
      const rows = await preparedQuery<PageRow>(this.dataSource, PRODUCT_ASSESSMENTS_SQL, [
        productUuids,
        afterAt,
        afterId,
        page.first + 1,
      ]);
      const byProduct = new Map<string, { total: number; rows: PageRow[] }>();
      for (const row of rows) {
        const entry = byProduct.get(row.parent) ?? { total: row.total, rows: [] };
        if (row.a_id) entry.rows.push(row);
        byProduct.set(row.parent, entry);
      }
      return productUuids.map((uuid) => {
        const entry = byProduct.get(uuid) ?? { total: 0, rows: [] };
        return toConnection(entry.rows, page, entry.total, assessmentCursor, toAssessment);
      });
    });
  }

  /** The evidence uuids each finding cites, batched (their visibility is the evidence module's). */
  findingEvidenceIdsLoader(): DataLoader<string, string[]> {
    return new DataLoader(async (findingUuids: readonly string[]) => {
      const rows = await this.dataSource.query<{ finding_id: string; evidence_id: string }[]>(
        `SELECT fe.finding_id, fe.evidence_id FROM finding_evidence fe
           JOIN evidence e ON e.id = fe.evidence_id
          WHERE fe.finding_id = ANY($1::uuid[]) ORDER BY e.created_at DESC, e.id DESC`,
        [findingUuids],
      );
      const byFinding = new Map<string, string[]>();
      for (const row of rows)
        byFinding.set(row.finding_id, [...(byFinding.get(row.finding_id) ?? []), row.evidence_id]);
      return findingUuids.map((uuid) => byFinding.get(uuid) ?? []);
    });
  }

  /**
   * node(id) for a Finding: visible with its assessment. The remediation read alongside primes
   * the request's Finding.remediation loader.
   */
  @NodeType(FINDING_TYPE)
  async findFinding(actor: Actor, uuid: string, loaders: RequestLoaders): Promise<Finding | null> {
    const [row] = await this.dataSource.query<FindingRow[]>(
      `SELECT ${FINDING_COLUMNS}, ${REQUIREMENT_COLUMNS}, ${REMEDIATION_COLUMNS} ${FINDINGS_FROM}
         JOIN assessment a ON a.id = f.assessment_id JOIN product p ON p.id = a.product_id
        WHERE f.id = $1 AND ${visibleSql(2)}`,
      [uuid, restrictTo(actor)],
    );
    const finding = row ? toFinding(row, this.clock.now()) : null;
    if (finding) primeFindingLoaders(loaders, [finding]);
    return finding;
  }

  /** node(id) for a Remediation: visible with its assessment. */
  @NodeType(REMEDIATION_TYPE)
  async findRemediation(actor: Actor, uuid: string): Promise<Remediation | null> {
    const [row] = await this.dataSource.query<Parameters<typeof toRemediation>[0][]>(
      `SELECT ${REMEDIATION_COLUMNS} FROM remediation m
         JOIN finding f ON f.id = m.finding_id JOIN assessment a ON a.id = f.assessment_id
         JOIN product p ON p.id = a.product_id
        WHERE m.id = $1 AND ${visibleSql(2)}`,
      [uuid, restrictTo(actor)],
    );
    return row ? toRemediation(row, this.clock.now()) : null;
  }
}
