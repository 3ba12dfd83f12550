import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { RequirementCache } from '../baselines/requirement-cache.js';
import { preparedQuery } from '../common/database/prepared-query.js';
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
  type SlimFindingTuple,
  slimFindingFromTuple,
  toRemediation,
} from './assessment.mapper.js';
import type { Finding, Remediation } from './dto/assessment.model.js';

/**
 * The findings of many assessments, by requirement code, one JSON value per assessment and
 * requirement baseline (always the assessment's, which recordFinding checks), so a code names
 * one requirement. Driven from the finding index; `tuple` is what each finding carries.
 */
const findingsSql = (
  tuple: string,
) => `SELECT f.assessment_id, r.baseline_id, json_agg(${tuple} ORDER BY r.code) AS findings
  FROM finding f
  JOIN requirement r ON r.id = f.requirement_id
 WHERE f.assessment_id = ANY($1::uuid[])
 GROUP BY f.assessment_id, r.baseline_id`;

const FINDINGS_SQL = findingsSql(FINDING_TUPLE_SQL);

/**
 * For a selection of only `result` and `requirement` (a dashboard of many products' findings):
 * no ids, notes or times, about a third less work for PostgreSQL and far fewer strings for Node.
 */
const SLIM_FINDINGS_SQL = findingsSql('json_build_array(r.code, f.result)');

const REMEDIATIONS_SQL = `SELECT ${REMEDIATION_COLUMNS} FROM remediation m WHERE m.finding_id = ANY($1::uuid[])`;

/** The sub-fields of Finding the slim statement can answer. */
export const SLIM_FINDING_FIELDS: ReadonlySet<string> = new Set(['result', 'requirement', '__typename']);

interface FindingsRow {
  assessment_id: string;
  baseline_id: string;
  findings: FindingTuple[] | SlimFindingTuple[];
}

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
      const rows = await preparedQuery<FindingsRow>(
        this.dataSource,
        slim ? SLIM_FINDINGS_SQL : FINDINGS_SQL,
        [assessmentUuids],
      );
      const byBaseline = await this.requirements.ofBaselines(rows.map((row) => row.baseline_id));
      const byAssessment = new Map<string, Finding[]>();
      for (const row of rows) {
        const requirements = byBaseline.get(row.baseline_id)!;
        const findings = slim
          ? (row.findings as SlimFindingTuple[]).map((tuple) =>
              slimFindingFromTuple(tuple, row.assessment_id, requirements.get(tuple[0])!),
            )
          : (row.findings as FindingTuple[]).map((tuple) =>
              findingFromTuple(tuple, row.assessment_id, requirements.get(tuple[1])!),
            );
        const earlier = byAssessment.get(row.assessment_id);
        // Only when a finding names a requirement of another baseline than the others do.
        if (earlier) byAssessment.set(row.assessment_id, [...earlier, ...findings].sort(byCode));
        else byAssessment.set(row.assessment_id, findings);
      }
      return assessmentUuids.map((uuid) => byAssessment.get(uuid) ?? []);
    });
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
