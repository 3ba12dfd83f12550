import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type FieldNode, getArgumentValues, type GraphQLField, isObjectType } from 'graphql';
import type { Actor } from '../common/actor.js';
import { columns, epoch, int, json, jsonTuple, text } from '../common/database/sql-columns.js';
import { type ConnectionShape, DEFAULT_PAGE_SIZE, pageInfoOf } from '../common/graphql/connection.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { fieldsAt, nodesSelectOnly, type SelectionDocument, subFields } from '../common/graphql/selection.js';
import { PRODUCT_TYPE } from '../products/product.mapper.js';
import {
  type ProductKeys,
  type ProductLookahead,
  type ProductPreload,
  ProductPreloads,
  type ProductRead,
  type ProductSelection,
} from '../products/product-preloads.js';
import {
  assessmentCursor,
  type AssessmentRow,
  FINDING_TUPLE_SQL,
  FINDINGS_LOADER,
  type FindingTuple,
  productAssessmentsLoader,
  SLIM_FINDINGS_LOADER,
  toAssessment,
} from './assessment.mapper.js';
import { restrictTo, seesAssessmentsOf, visibleSql } from './assessments.service.js';
import type { AssessmentOutcome, AssessmentState } from './dto/assessment.enum.js';
import type { Assessment } from './dto/assessment.model.js';
import { type FindingGroup, FindingsReader, SLIM_FINDING_FIELDS } from './findings.reader.js';

/** Product.assessments(first: n) without `after` is read by the product statement up to this n. */
const MAX_FIRST = 5;

/** Which findings the statement reads with each assessment: the loader variant the request asks. */
type FindingsRead = 'none' | 'slim' | 'full';

/**
 * An assessment's findings (alias `a`) by requirement code, in one value: for the slim variant one
 * text of `RESULT CODE` lines (codes hold no control characters, results no spaces: about a third
 * of the work of JSON tuples for PostgreSQL), for the full one FINDING_TUPLE_SQL's array. NULL when
 * a finding names a requirement of another baseline than the assessment's (recordFinding refuses
 * that): the findings loader groups such findings per baseline, and answers them itself.
 */
function findingsSql(read: FindingsRead, a: string): string {
  if (read === 'none') return 'NULL';
  const list =
    read === 'slim'
      ? `coalesce(string_agg(f.result || ' ' || r.code, E'\\n' ORDER BY r.code), '')`
      : `coalesce(json_agg(${FINDING_TUPLE_SQL} ORDER BY r.code), '[]'::json)`;
  return `(SELECT CASE WHEN bool_and(r.baseline_id = ${a}.baseline_id) IS NOT FALSE THEN ${list} END
          FROM finding f JOIN requirement r ON r.id = f.requirement_id WHERE f.assessment_id = ${a}.id)`;
}

/** One assessment of a product's page (the columns of ASSESSMENT_COLUMNS) with its findings. */
const pageAssessment = (read: FindingsRead) =>
  jsonTuple((a) => ({
    id: text(`${a}.id`),
    productId: text(`${a}.product_id`),
    baselineId: text(`${a}.baseline_id`),
    state: text<AssessmentState>(`${a}.state`),
    assessorId: text(`${a}.assessor_id`).orNull(),
    outcome: text<AssessmentOutcome>(`${a}.outcome`).orNull(),
    requestedAt: epoch(`${a}.requested_at`),
    startedAt: epoch(`${a}.started_at`).orNull(),
    completedAt: epoch(`${a}.completed_at`).orNull(),
    validUntil: epoch(`${a}.valid_until`).orNull(),
    findings: json<string | FindingTuple[]>(findingsSql(read, a)).orNull(),
  }));

const PAGE_ASSESSMENT = {
  none: pageAssessment('none'),
  slim: pageAssessment('slim'),
  full: pageAssessment('full'),
};

/** What the lateral join adds to the product's row: NULLs when the caller does not see its assessments. */
const LOOKAHEAD_ROW = columns('pa_', (pa) => ({
  total: int(`${pa}.total`).orNull(),
  page: json<readonly unknown[][]>(`${pa}.page`).orNull(),
}));

/**
 * The product's assessments as Product.assessments' loader counts and orders them (newest first),
 * the newest `limit` of them with their findings; $param is restrictTo(caller).
 */
function lateralSql(product: ProductKeys, param: number, limit: number, read: FindingsRead): string {
  return `LEFT JOIN LATERAL (
    SELECT (SELECT count(*)::int FROM assessment pa_c WHERE pa_c.product_id = ${product.id}) AS total,
           (SELECT json_agg(${PAGE_ASSESSMENT[read].sql('a')} ORDER BY a.requested_at DESC, a.id DESC)
              FROM (SELECT * FROM assessment pa_a WHERE pa_a.product_id = ${product.id}
                     ORDER BY pa_a.requested_at DESC, pa_a.id DESC LIMIT ${limit}) a) AS page
     WHERE ${visibleSql(param, product.supplierId)}
  ) pa ON TRUE`;
}

/** The page productAssessmentsLoader answers without `after`, from the newest rows (at least `first` if there are). */
function firstPage(
  rows: readonly AssessmentRow[],
  first: number,
  total: number,
): ConnectionShape<Assessment> {
  const edges = rows
    .slice(0, first)
    .map((row) => ({ cursor: assessmentCursor(row), node: toAssessment(row) }));
  // Without a cursor the loader reads first + 1 rows: it has more than `first` exactly when the total does.
  return { edges, pageInfo: pageInfoOf(edges, total > first, false), totalCount: total };
}

/**
 * Product.assessments(first: n <= 5) and its nodes' findings, read by the hot paths' product
 * statement (product(id), mySubscriptions) instead of two more statements: a LEFT JOIN LATERAL
 * reads each product's total, newest assessments and their findings, and the request's loaders
 * behind ProductAssessmentsResolver and Assessment.findings are primed with exactly what they
 * would answer. Whatever it does not read (`after`, a larger page, the other findings variant)
 * stays with those loaders.
 */
@Injectable()
export class ProductAssessmentsPreload implements ProductPreload, OnModuleInit {
  constructor(
    private readonly preloads: ProductPreloads,
    private readonly findingsReader: FindingsReader,
  ) {}

  onModuleInit(): void {
    this.preloads.register(this);
  }

  lookahead({ actor, loaders, nodes, document }: ProductSelection): ProductLookahead | null {
    const type = document.schema.getType(PRODUCT_TYPE);
    const field = isObjectType(type) ? type.getFields().assessments : undefined;
    if (!field) return null;
    const firsts = new Set<number>();
    const read: FieldNode[] = [];
    for (const group of subFields(nodes, document, 'assessments')) {
      const first = firstOf(field, group[0], document);
      if (first === null) continue;
      firsts.add(first);
      read.push(...group);
    }
    if (firsts.size === 0) return null;
    const variants = subFields(fieldsAt(read, document, ['edges', 'node']), document, 'findings').map(
      (group) => (nodesSelectOnly(group, document, SLIM_FINDING_FIELDS) ? 'slim' : 'full'),
    );
    const findings: FindingsRead = variants.includes('full') ? 'full' : variants.length > 0 ? 'slim' : 'none';
    const limit = Math.max(...firsts);
    return {
      key: `assessments:${limit}:${findings}`,
      columns: `, ${LOOKAHEAD_ROW.sql('pa')}`,
      joins: (product, firstParam) => lateralSql(product, firstParam, limit, findings),
      params: [restrictTo(actor)],
      prime: (products) => this.prime(actor, loaders, products, [...firsts], findings),
    };
  }

  private async prime(
    actor: Actor,
    loaders: RequestLoaders,
    products: readonly ProductRead[],
    firsts: readonly number[],
    findings: FindingsRead,
  ): Promise<void> {
    const groups: FindingGroup[] = [];
    const assessments: string[] = [];
    for (const { product, row } of products) {
      // The field resolver's own rule: it answers an empty page without its loader.
      if (!seesAssessmentsOf(actor, product.supplierUuid)) continue;
      const { total, page } = LOOKAHEAD_ROW.read(row);
      if (total === null) continue;
      const rows = (page ?? []).map((values): AssessmentRow => {
        const a = PAGE_ASSESSMENT[findings].view(values);
        const [id, listed] = [a.id, a.findings];
        if (listed !== null) {
          assessments.push(id);
          groups.push({ assessmentId: id, baselineId: a.baselineId, findings: listed });
        }
        return {
          a_id: id,
          a_product_id: a.productId,
          a_baseline_id: a.baselineId,
          a_state: a.state,
          a_assessor_id: a.assessorId,
          a_outcome: a.outcome,
          a_requested_at: a.requestedAt,
          a_started_at: a.startedAt,
          a_completed_at: a.completedAt,
          a_valid_until: a.validUntil,
          a_supplier_id: product.supplierUuid,
        };
      });
      for (const first of firsts) {
        loaders.prime(productAssessmentsLoader(first, null), product.uuid, firstPage(rows, first, total));
      }
    }
    if (findings === 'none' || assessments.length === 0) return;
    const byAssessment = await this.findingsReader.fromGroups(groups, findings === 'slim');
    const name = findings === 'slim' ? SLIM_FINDINGS_LOADER : FINDINGS_LOADER;
    for (const uuid of assessments) loaders.prime(name, uuid, byAssessment.get(uuid) ?? []);
  }
}

/** The page size of a Product.assessments field the statement can read (no `after`, at most MAX_FIRST), else null. */
function firstOf(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  document: SelectionDocument,
): number | null {
  const args = getArgumentValues(field, node, document.variableValues) as {
    first?: number | null;
    after?: string | null;
  };
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  return args.after == null && first >= 1 && first <= MAX_FIRST ? first : null;
}
