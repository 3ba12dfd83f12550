import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { RequirementCache } from '../baselines/requirement-cache.js';
import { preparedQuery } from '../common/database/prepared-query.js';
import { columns, json, type SqlRow, text } from '../common/database/sql-columns.js';
import { Clock } from '../events/clock.js';
import { REQUIREMENT_COLUMNS } from '../baselines/baseline.mapper.js';
import {
  FINDING_COLUMNS,
  type FindingRow,
  toFinding,
  FINDING_TUPLE_SQL,
  type FindingTuple,
  findingFromTuple,
  REMEDIATION_COLUMNS,
  type RemediationRow,
  toRemediation,
} from './assessment.mapper.js';
import type { Finding, Remediation } from './dto/assessment.model.js';
import { slimFinding, slimFindingsOfText, type SlimFindingTuple } from './slim-findings.js';

/**
 * The findings of many assessments, by requirement code, one JSON value per assessment and
 * requirement baseline (always the assessment's, which recordFinding checks), so a code names
 * one requirement. Driven from the finding index; `tuple` is what each finding carries.
 */
const findingsRow = <T>(tuple: string) =>
  columns('', () => ({
    assessmentId: text('f.assessment_id'),
    baselineId: text('r.baseline_id'),
    findings: json<T[]>(`json_agg(${tuple} ORDER BY r.code)`),
  }));

const FINDINGS_ROW = findingsRow<FindingTuple>(FINDING_TUPLE_SQL);
const SLIM_FINDINGS_ROW = findingsRow<SlimFindingTuple>('json_build_array(r.code, f.result)');

/** An assessment's findings of one requirement baseline, as the findings statements aggregate them. */
export interface FindingGroup {
  readonly assessmentId: string;
  readonly baselineId: string;
  /** FindingTuples, or when slim SlimFindingTuples or the slim text (slimFindingsOfText). */
  readonly findings: readonly FindingTuple[] | readonly SlimFindingTuple[] | string;
}

const findingsSql = (row: { sql(alias: string): string }) => `SELECT ${row.sql('')}
  FROM finding f
  JOIN requirement r ON r.id = f.requirement_id
 WHERE f.assessment_id = ANY($1::uuid[])
 GROUP BY f.assessment_id, r.baseline_id`;

const FINDINGS_SQL = findingsSql(FINDINGS_ROW);

/**
 * For a selection of only `result` and `requirement` (a dashboard of many products' findings):
 * no ids, notes or times, about a third less work for PostgreSQL and far fewer strings for Node.
 */
const SLIM_FINDINGS_SQL = findingsSql(SLIM_FINDINGS_ROW);

const REMEDIATIONS_SQL = `SELECT ${REMEDIATION_COLUMNS} FROM remediation m WHERE m.finding_id = ANY($1::uuid[])`;

/** The sub-fields of Finding the slim statement can answer. */
export const SLIM_FINDING_FIELDS: ReadonlySet<string> = new Set(['result', 'requirement', '__typename']);

const byCode = (a: Finding, b: Finding): number =>
  a.requirement.code < b.requirement.code ? -1 : a.requirement.code > b.requirement.code ? 1 : 0;

/**
 * Assessment.findings for every assessment of a request in one statement. The bulk of a page
 * (thousands of findings, each with its requirement) is the requirements' text, which never
 * changes once its baseline is published: it comes from RequirementCache, and the statement
 * carries only the findings themselves.
 */
@Injectable()
export class FindingsReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requirements: RequirementCache,
    private readonly clock: Clock,
  ) {}

  /**
   * The parents are assessments the caller already sees. `slim`: the request asks Finding for
   * SLIM_FINDING_FIELDS only (selectsOnly), so the findings carry no id, note or time.
   */
  loader(slim = false): DataLoader<string, Finding[]> {
    return new DataLoader(async (assessmentUuids: readonly string[]) => {
      const raw = await preparedQuery<SqlRow>(this.dataSource, slim ? SLIM_FINDINGS_SQL : FINDINGS_SQL, [
        assessmentUuids,
      ]);
      const rows = slim
        ? raw.map((row) => SLIM_FINDINGS_ROW.read(row))
        : raw.map((row) => FINDINGS_ROW.read(row));
      const byAssessment = await this.fromGroups(rows, slim);
      return assessmentUuids.map((uuid) => byAssessment.get(uuid) ?? []);
    });
  }

  /**
   * The Findings of aggregated findings per assessment (FindingTuples; when `slim`, SlimFindingTuples
   * or the lookahead's text, as the shared slim findings of slim-findings.ts), by requirement code,
   * their requirements from the cache: what the loader answers, also for a statement that read them
   * alongside something else. Assessments without a group have none.
   */
  async fromGroups(groups: readonly FindingGroup[], slim: boolean): Promise<Map<string, Finding[]>> {
    const byBaseline = await this.requirements.ofBaselines(groups.map((group) => group.baselineId));
    const byAssessment = new Map<string, Finding[]>();
    for (const group of groups) {
      const requirements = byBaseline.get(group.baselineId)!;
      const listed = group.findings;
      const findings = !slim
        ? (listed as FindingTuple[]).map((tuple) =>
            findingFromTuple(tuple, group.assessmentId, requirements.get(tuple[1])!),
          )
        : typeof listed === 'string'
          ? slimFindingsOfText(listed, requirements)
          : (listed as SlimFindingTuple[]).map(([code, result]) =>
              slimFinding(requirements.get(code)!, result),
            );
      const earlier = byAssessment.get(group.assessmentId);
      // Only when a finding names a requirement of another baseline than the others do.
      if (earlier) byAssessment.set(group.assessmentId, [...earlier, ...findings].sort(byCode));
      else byAssessment.set(group.assessmentId, findings);
    }
    return byAssessment;
  }

  /** Finding.remediation for every finding of a request that is asked for it, in one statement. */
  /** Finding.carriedOverFrom: the finding of the previous assessment a DELTA assessment took over. */
  carriedOverFromLoader(): DataLoader<string, Finding | null> {
    return new DataLoader(async (findingUuids: readonly string[]) => {
      const rows = await this.dataSource.query<(FindingRow & { carried_into: string })[]>(
        `SELECT c.id AS carried_into, ${FINDING_COLUMNS}, ${REQUIREMENT_COLUMNS}, ${REMEDIATION_COLUMNS}
           FROM finding c
           JOIN finding f ON f.id = c.carried_over_from_id
           JOIN requirement r ON r.id = f.requirement_id
           LEFT JOIN remediation m ON m.finding_id = f.id
          WHERE c.id = ANY($1::uuid[])`,
        [findingUuids],
      );
      const now = this.clock.now();
      const byFinding = new Map(rows.map((row) => [row.carried_into, toFinding(row, now)]));
      return findingUuids.map((uuid) => byFinding.get(uuid) ?? null);
    });
  }

  remediationLoader(): DataLoader<string, Remediation | null> {
    return new DataLoader(async (findingUuids: readonly string[]) => {
      const rows = await preparedQuery<RemediationRow>(this.dataSource, REMEDIATIONS_SQL, [findingUuids]);
      const now = this.clock.now();
      const byFinding = new Map(rows.map((row) => [row.m_finding_id!, toRemediation(row, now)]));
      return findingUuids.map((uuid) => byFinding.get(uuid) ?? null);
    });
  }
}
