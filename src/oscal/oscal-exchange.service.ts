import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { exportedId } from '../baselines/oscal/oscal-export.js';
import { toRequirement, type RequirementRow, REQUIREMENT_COLUMNS } from '../baselines/baseline.mapper.js';
import { AssessmentsService, seesAssessmentsOf } from '../assessments/assessments.service.js';
import { AssessmentState } from '../assessments/dto/assessment.enum.js';
import { remediationId } from '../assessments/assessment.mapper.js';
import type { Actor } from '../common/actor.js';
import { ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import { fromGlobalId, toGlobalId } from '../common/graphql/global-id.js';
import { Clock } from '../events/clock.js';
import { productId } from '../products/product.mapper.js';
import {
  type AssessmentFacts,
  type FindingFacts,
  serialise,
  toAssessmentResults,
} from './assessment-results.js';
import { type RemediationFacts, toPoam } from './poam.js';

interface HeaderRow {
  product_id: string;
  product_name: string;
  supplier_name: string;
  supplier_org_number: string | null;
  assessor_name: string | null;
  assessor_org_number: string | null;
  baseline_key: string;
  baseline_version: string;
  baseline_title: string;
}

type FindingRow = RequirementRow & {
  f_id: string;
  f_result: string;
  f_note: string | null;
  f_recorded_at: Date;
  m_id: string | null;
  m_description: string | null;
  m_due_date: Date | null;
  m_state: string | null;
  evidence: { id: string; sha256: string | null; media_type: string | null }[];
};

/**
 * The OSCAL documents municipalities file: a completed assessment's assessment-results (readable by
 * whoever may read its findings, NOT_FOUND otherwise) and a product's POA&M.
 */
@Injectable()
export class OscalExchangeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly clock: Clock,
  ) {}

  /** The document's exact bytes and their SHA-256; CONFLICT until the assessment is completed. */
  async assessmentResults(actor: Actor, id: string): Promise<{ body: string; sha256: string }> {
    const assessment = await this.assessments.get(actor, id);
    return this.assessmentResultsOf(assessment.uuid);
  }

  /** Without a visibility check: for callers that already hold the assessment (status statements). */
  async assessmentResultsOf(uuid: string): Promise<{ body: string; sha256: string }> {
    const facts = await this.facts(uuid);
    return serialise(toAssessmentResults(facts));
  }

  private async facts(uuid: string): Promise<AssessmentFacts> {
    const [a] = await this.dataSource.query<
      (HeaderRow & {
        state: string;
        outcome: string | null;
        started_at: Date | null;
        completed_at: Date | null;
        valid_until: Date | null;
      })[]
    >(
      `SELECT a.state, a.outcome, a.started_at, a.completed_at, a.valid_until, p.id AS product_id,
              p.name AS product_name, s.name AS supplier_name, s.org_number AS supplier_org_number,
              o.name AS assessor_name, o.org_number AS assessor_org_number,
              b.key AS baseline_key, b.version AS baseline_version, b.title AS baseline_title
         FROM assessment a JOIN product p ON p.id = a.product_id
         JOIN organization s ON s.id = p.supplier_id
         JOIN baseline b ON b.id = a.baseline_id
         LEFT JOIN organization o ON o.id = a.assessor_id
        WHERE a.id = $1`,
      [uuid],
    );
    if (!a) throw new NotFoundError('Assessment');
    if (a.state !== String(AssessmentState.COMPLETED) || !a.completed_at) {
      throw new ConflictError('Only a completed assessment has assessment results');
    }
    const rows = await this.dataSource.query<FindingRow[]>(
      `SELECT f.id AS f_id, f.result AS f_result, f.note AS f_note, f.recorded_at AS f_recorded_at, ${REQUIREMENT_COLUMNS},
              m.id AS m_id, m.description AS m_description, m.due_date AS m_due_date, m.state AS m_state,
              COALESCE((SELECT json_agg(json_build_object('id', e.id, 'sha256', e.sha256, 'media_type', e.media_type)
                          ORDER BY e.id)
                          FROM finding_evidence fe JOIN evidence e ON e.id = fe.evidence_id
                         WHERE fe.finding_id = f.id), '[]') AS evidence
         FROM finding f JOIN requirement r ON r.id = f.requirement_id
         LEFT JOIN remediation m ON m.finding_id = f.id
        WHERE f.assessment_id = $1 ORDER BY r.code, f.id`,
      [uuid],
    );
    const findings: FindingFacts[] = rows.map((row) => {
      const requirement = toRequirement(row);
      return {
        uuid: row.f_id,
        controlId: exportedId(requirement),
        code: requirement.code,
        title: requirement.title,
        result: row.f_result,
        note: row.f_note,
        recordedAt: row.f_recorded_at,
        remediation:
          row.m_id && row.m_description && row.m_due_date && row.m_state
            ? { uuid: row.m_id, description: row.m_description, dueDate: row.m_due_date, state: row.m_state }
            : null,
        evidence: row.evidence.map((e) => ({
          id: toGlobalId('Evidence', e.id),
          uuid: e.id,
          sha256: e.sha256,
          mediaType: e.media_type,
        })),
      };
    });
    return {
      id: toGlobalId('Assessment', uuid),
      uuid,
      product: { id: productId(a.product_id), name: a.product_name },
      supplier: { name: a.supplier_name, orgNumber: a.supplier_org_number },
      assessor: a.assessor_name ? { name: a.assessor_name, orgNumber: a.assessor_org_number } : null,
      baseline: { key: a.baseline_key, version: a.baseline_version, title: a.baseline_title },
      outcome: a.outcome,
      startedAt: a.started_at,
      completedAt: a.completed_at,
      validUntil: a.valid_until,
      findings,
    };
  }

  /** The product's open remediations; NOT_FOUND for callers who may not read its assessments. */
  async poam(actor: Actor, id: string): Promise<Record<string, unknown>> {
    const uuid = fromGlobalId(id, 'Product');
    const [product] = uuid
      ? await this.dataSource.query<
          {
            id: string;
            name: string;
            supplier_id: string;
            supplier_name: string;
            supplier_org_number: string | null;
          }[]
        >(
          `SELECT p.id, p.name, p.supplier_id, s.name AS supplier_name, s.org_number AS supplier_org_number
             FROM product p JOIN organization s ON s.id = p.supplier_id WHERE p.id = $1`,
          [uuid],
        )
      : [];
    if (!product || !seesAssessmentsOf(actor, product.supplier_id)) throw new NotFoundError('Product');
    const rows = await this.dataSource.query<
      (RequirementRow & {
        m_id: string;
        m_description: string;
        m_due_date: Date;
        m_state: string;
        f_result: string;
        a_id: string;
      })[]
    >(
      `SELECT m.id AS m_id, m.description AS m_description, m.due_date AS m_due_date, m.state AS m_state,
              f.result AS f_result, f.assessment_id AS a_id, ${REQUIREMENT_COLUMNS}
         FROM remediation m JOIN finding f ON f.id = m.finding_id JOIN requirement r ON r.id = f.requirement_id
        WHERE m.product_id = $1 AND m.state = 'OPEN' ORDER BY m.due_date, m.id`,
      [uuid],
    );
    const now = this.clock.now();
    const remediations: RemediationFacts[] = rows.map((row) => {
      const requirement = toRequirement(row);
      return {
        uuid: row.m_id,
        id: remediationId(row.m_id),
        code: requirement.code,
        controlId: exportedId(requirement),
        title: requirement.title,
        result: row.f_result,
        description: row.m_description,
        dueDate: row.m_due_date,
        state: row.m_state,
        overdue: row.m_due_date.getTime() < now.getTime(),
        assessmentId: toGlobalId('Assessment', row.a_id),
      };
    });
    return toPoam(
      { id: productId(product.id), uuid: product.id, name: product.name },
      { name: product.supplier_name, orgNumber: product.supplier_org_number },
      remediations,
      now,
    );
  }
}
