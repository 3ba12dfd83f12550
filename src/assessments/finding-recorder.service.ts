import { Injectable } from '@nestjs/common';
import { RequirementCache } from '../baselines/requirement-cache.js';
import { type Actor, isAgency } from '../common/actor.js';
import { preparedWrite } from '../common/database/prepared-query.js';
import { UnitOfWork, type WriteContext } from '../common/database/unit-of-work.js';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  type FieldViolation,
} from '../common/errors/domain-error.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { Clock } from '../events/clock.js';
import { StatusService } from '../status/status.service.js';
import { FINDING_TYPE, findingId, type FindingRow, toFinding } from './assessment.mapper.js';
import { ASSESSMENT_STEP, lockAssessment, type LockedAssessment } from './assessment-checks.js';
import {
  type CheckedRemediation,
  checkRemediation,
  normaliseNote,
  requireState,
} from './assessment.rules.js';
import { AssessmentState, type FindingResult } from './dto/assessment.enum.js';
import { type FindingInput, MAX_FINDINGS, type RecordFindingInput } from './dto/assessment.input.js';
import type { Finding } from './dto/assessment.model.js';
import { FindingEvidenceWriter } from './finding-evidence.writer.js';
import { WRITE_FINDINGS } from './finding-write.sql.js';

interface CheckedEntry {
  readonly at: string;
  readonly requirementUuid: string;
  readonly result: FindingResult;
  readonly note: string | null;
  readonly evidenceUuids: string[];
  readonly remediation: CheckedRemediation | null;
}

/**
 * Recording findings, one (recordFinding) or many (recordFindings) in one transaction with a
 * fixed number of statements whatever their number. While the assessment is IN_PROGRESS the
 * holding body records or replaces findings (a carried-over one becomes its own). On a COMPLETED
 * assessment the holder or the agency may only confirm a finding with the same result and fresh
 * evidence (renewing evidence that expired); its result and remediation never change.
 */
@Injectable()
export class FindingRecorder {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly status: StatusService,
    private readonly clock: Clock,
    private readonly evidence: FindingEvidenceWriter,
    private readonly requirements: RequirementCache,
  ) {}

  async recordOne(actor: Actor, input: RecordFindingInput): Promise<Finding> {
    const [finding] = await this.record(actor, input.assessmentId, [input], () => 'input');
    return finding;
  }

  async recordMany(actor: Actor, assessmentId: string, inputs: readonly FindingInput[]): Promise<Finding[]> {
    if (inputs.length === 0) throw BadUserInputError.field('findings', 'must hold at least one finding');
    if (inputs.length > MAX_FINDINGS) {
      throw BadUserInputError.field('findings', `must hold at most ${MAX_FINDINGS} findings`);
    }
    return this.record(actor, assessmentId, inputs, (i) => `findings[${i}]`);
  }

  private async record(
    actor: Actor,
    assessmentId: string,
    inputs: readonly FindingInput[],
    pathOf: (index: number) => string,
  ): Promise<Finding[]> {
    const entries = this.check(inputs, pathOf);
    return this.unitOfWork.run(actor, async (tx) => {
      const row = await lockAssessment(tx, actor, assessmentId, 'record');
      const confirming = row.a_state === AssessmentState.COMPLETED;
      if (confirming) {
        if (row.a_assessor_id !== actor.organizationId && !isAgency(actor)) {
          throw new ForbiddenError(
            'Only the assessment body that completed this assessment, or the agency, may confirm its findings',
          );
        }
      } else {
        requireState(row.a_state, 'record');
        if (row.a_assessor_id !== actor.organizationId) {
          throw new ForbiddenError('Only the assessment body that started this assessment may change it');
        }
      }
      await this.requireApplicable(row, entries);
      await this.requireEvidence(tx, row.a_product_id, entries);
      if (confirming) await this.requireSameResults(tx, row.a_id, entries);
      const findings = await this.write(tx, row, entries, confirming);
      // A reassessment's findings do not show in the status while the completed assessment beside
      // it is the one judged (the read model counts that one's): nothing to refresh.
      if (confirming || !row.a_completed_beside) {
        await this.status.refresh(tx, [row.a_product_id], ASSESSMENT_STEP);
      }
      for (const finding of findings)
        tx.audit(
          confirming ? 'finding.confirmed' : 'finding.recorded',
          FINDING_TYPE,
          findingId(finding.uuid),
        );
      return findings;
    });
  }

  /** The checks that need no database, for every entry, all violations at once. */
  private check(inputs: readonly FindingInput[], pathOf: (index: number) => string): CheckedEntry[] {
    const now = this.clock.now();
    const violations: FieldViolation[] = [];
    const entries: CheckedEntry[] = [];
    const firstByRequirement = new Map<string, string>();
    inputs.forEach((input, index) => {
      const at = pathOf(index);
      const collect = <T>(fn: () => T): T | undefined => {
        try {
          return fn();
        } catch (error) {
          if (!(error instanceof BadUserInputError)) throw error;
          violations.push(...error.violations);
          return undefined;
        }
      };
      const requirementUuid = fromGlobalId(input.requirementId, 'Requirement');
      if (!requirementUuid) {
        violations.push({ field: `${at}.requirementId`, message: 'is not a requirement id' });
      } else if (firstByRequirement.has(requirementUuid)) {
        violations.push({
          field: `${at}.requirementId`,
          message: `names the same requirement as ${firstByRequirement.get(requirementUuid)}`,
        });
      } else firstByRequirement.set(requirementUuid, at);
      const remediation = collect(() => checkRemediation(input.result, input.remediation, now, at));
      const evidenceUuids = collect(() => this.evidence.decode(input.evidenceIds ?? [], at));
      if (requirementUuid && remediation !== undefined && evidenceUuids !== undefined) {
        entries.push({
          at,
          requirementUuid,
          result: input.result,
          note: normaliseNote(input.note),
          evidenceUuids,
          remediation,
        });
      }
    });
    if (violations.length > 0) throw new BadUserInputError(violations);
    return entries;
  }

  /** Published requirements never change: checked against the cache, no statement once it is warm. */
  private async requireApplicable(row: LockedAssessment, entries: CheckedEntry[]): Promise<void> {
    const ofBaseline = (await this.requirements.ofBaselines([row.a_baseline_id])).get(row.a_baseline_id);
    const byUuid = new Map([...(ofBaseline?.values() ?? [])].map((r) => [r.uuid, r]));
    const violations: FieldViolation[] = [];
    for (const entry of entries) {
      const requirement = byUuid.get(entry.requirementUuid);
      if (!requirement) {
        violations.push({
          field: `${entry.at}.requirementId`,
          message: `is not a requirement of the assessed baseline ${row.a_baseline_key} ${row.a_baseline_version}`,
        });
      } else if (!requirement.tiers.includes(row.a_tier)) {
        violations.push({
          field: `${entry.at}.requirementId`,
          message: `${requirement.code} applies to ${requirement.tiers.join(', ')}, not to the product's tier ${row.a_tier}`,
        });
      }
    }
    if (violations.length > 0) throw new BadUserInputError(violations);
  }

  /** Assessors see every piece of evidence, so naming another product's is a mistake, not a leak. */
  private async requireEvidence(
    tx: WriteContext,
    productUuid: string,
    entries: CheckedEntry[],
  ): Promise<void> {
    const all = [...new Set(entries.flatMap((e) => e.evidenceUuids))];
    if (all.length === 0) return;
    const rows = await tx.em.query<{ id: string }[]>(
      'SELECT id FROM evidence WHERE id = ANY($1::uuid[]) AND product_id = $2',
      [all, productUuid],
    );
    const found = new Set(rows.map((r) => r.id));
    const violations: FieldViolation[] = [];
    for (const entry of entries) {
      const missing = entry.evidenceUuids.filter((uuid) => !found.has(uuid)).length;
      if (missing > 0) {
        violations.push({
          field: `${entry.at}.evidenceIds`,
          message: `${missing} of the evidence ids are not evidence of the assessed product`,
        });
      }
    }
    if (violations.length > 0) throw new BadUserInputError(violations);
  }

  /** A completed assessment's results never change: confirming keeps the result and the remediation. */
  private async requireSameResults(
    tx: WriteContext,
    assessmentUuid: string,
    entries: CheckedEntry[],
  ): Promise<void> {
    const rows = await tx.em.query<{ requirement_id: string; result: FindingResult }[]>(
      'SELECT requirement_id, result FROM finding WHERE assessment_id = $1 AND requirement_id = ANY($2::uuid[])',
      [assessmentUuid, entries.map((e) => e.requirementUuid)],
    );
    const results = new Map(rows.map((r) => [r.requirement_id, r.result]));
    for (const entry of entries) {
      if (results.get(entry.requirementUuid) !== entry.result || entry.remediation) {
        throw new ConflictError(
          `Cannot record a finding (${entry.at}): the assessment is completed, and a completed assessment never changes; ` +
            'only a finding confirmed with the same result and fresh evidence may be recorded again',
        );
      }
    }
  }

  /**
   * One statement whatever the number of findings: upserts them, replaces the evidence they cite
   * and (while recording) their remediations, and answers the findings as saved.
   */
  private async write(
    tx: WriteContext,
    row: LockedAssessment,
    entries: CheckedEntry[],
    confirming: boolean,
  ): Promise<Finding[]> {
    const cited = entries.flatMap((e) => e.evidenceUuids.map((evidence) => [e.requirementUuid, evidence]));
    const gaps = confirming ? [] : entries.filter((e) => e.remediation);
    const rows = await preparedWrite<FindingRow>(tx.em, WRITE_FINDINGS, [
      row.a_id,
      entries.map((e) => e.requirementUuid),
      entries.map((e) => e.result),
      entries.map((e) => e.note),
      this.clock.now(),
      cited.map((c) => c[0]),
      cited.map((c) => c[1]),
      confirming,
      row.a_product_id,
      gaps.map((e) => e.requirementUuid),
      gaps.map((e) => e.remediation!.description),
      gaps.map((e) => e.remediation!.dueDate),
    ]);
    const now = this.clock.now();
    const byRequirement = new Map(rows.map((r) => [r.id, toFinding(r, now)]));
    return entries.map((e) => byRequirement.get(e.requirementUuid)!);
  }
}
