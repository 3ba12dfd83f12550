import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { isUniqueViolation, UnitOfWork, type WriteContext } from '../common/database/unit-of-work.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors/domain-error.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { Clock } from '../events/clock.js';
import { RegistryEventType } from '../events/dto/registry-event-type.enum.js';
import { EventsService } from '../events/events.service.js';
import { ProductsService } from '../products/products.service.js';
import { SubprocessorGraph } from '../products/subprocessor-graph.js';
import { StatusService } from '../status/status.service.js';
import {
  ASSESSMENT_COLUMNS,
  ASSESSMENT_TYPE,
  assessmentId,
  type AssessmentRow,
  REMEDIATION_COLUMNS,
  REMEDIATION_TYPE,
  remediationId,
  toAssessment,
  toRemediation,
} from './assessment.mapper.js';
import { checkCompletion, checkValidUntil, requireState, type WorkflowAction } from './assessment.rules.js';
import { AssessmentScope, AssessmentState, RemediationState } from './dto/assessment.enum.js';
import { carryOverFindings } from './delta-carry-over.js';
import type { CompleteAssessmentInput } from './dto/assessment.input.js';
import type { Assessment, Remediation } from './dto/assessment.model.js';
import {
  ASSESSMENT_STEP,
  lockAssessment,
  type LockedAssessment,
  requireCurrentBaseline,
} from './assessment-checks.js';
import { activeSubscriptionSql } from '../subscriptions/customer-sql.js';

const OPEN_UNIQUE = 'uq_assessment_open';

/**
 * The assessment workflow. Every write locks the product first (StatusService.lockProducts), then
 * the assessment row, checks the transition, changes the rows, and refreshes the status read model
 * in the same transaction, which also records STATUS_CHANGED when the product's state changes.
 */
@Injectable()
export class AssessmentWorkflowService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly status: StatusService,
    private readonly products: ProductsService,
    private readonly graph: SubprocessorGraph,
    private readonly events: EventsService,
    private readonly clock: Clock,
  ) {}

  /** Supplier: ask for an assessment of its product against the current version of a baseline. */
  async request(
    actor: Actor,
    productGlobalId: string,
    baselineGlobalId: string,
    scope: AssessmentScope = AssessmentScope.FULL,
  ): Promise<Assessment> {
    const productUuid = fromGlobalId(productGlobalId, 'Product');
    if (!productUuid) throw new NotFoundError('Product');
    const baselineUuid = fromGlobalId(baselineGlobalId, 'Baseline');
    if (!baselineUuid) throw new NotFoundError('Baseline');
    return this.unitOfWork.run(actor, async (tx) => {
      await this.status.lockProducts(tx.em, [productUuid]);
      const product = await this.products.requireOwned(actor, productUuid, tx);
      await requireCurrentBaseline(tx, baselineUuid);
      const [open] = await tx.em.query<{ id: string }[]>(
        `SELECT id FROM assessment WHERE product_id = $1 AND baseline_id = $2 AND state IN ('REQUESTED', 'IN_PROGRESS')`,
        [productUuid, baselineUuid],
      );
      if (open) throw this.alreadyOpen(product.name);
      let uuid: string;
      try {
        [{ id: uuid }] = await tx.em.query<{ id: string }[]>(
          `INSERT INTO assessment (product_id, baseline_id, state, requested_at, scope)
           VALUES ($1, $2, 'REQUESTED', $3, $4) RETURNING id`,
          [productUuid, baselineUuid, this.clock.now(), scope],
        );
      } catch (error) {
        if (isUniqueViolation(error, OPEN_UNIQUE)) throw this.alreadyOpen(product.name);
        throw error;
      }
      if (scope === AssessmentScope.DELTA) {
        await carryOverFindings(tx, { assessmentUuid: uuid, productUuid, baselineUuid, tier: product.tier });
      }
      await this.status.refresh(tx, [productUuid], ASSESSMENT_STEP);
      tx.audit('assessment.requested', ASSESSMENT_TYPE, assessmentId(uuid));
      return this.reload(tx, uuid);
    });
  }

  /** Assessor (or the agency): take a requested assessment, unless it is not independent of the product. */
  async start(actor: Actor, id: string): Promise<Assessment> {
    return this.unitOfWork.run(actor, async (tx) => {
      const row = await this.lock(tx, actor, id, 'start');
      const suppliers = await this.graph.suppliersInChain(row.a_product_id, tx.em);
      if (suppliers.includes(actor.organizationId)) {
        throw new ForbiddenError(
          'Independence: your organisation supplies this product or one of the sub-processors it relies on',
        );
      }
      await tx.em.query(
        `UPDATE assessment SET state = 'IN_PROGRESS', assessor_id = $2, started_at = $3 WHERE id = $1`,
        [row.a_id, actor.organizationId, this.clock.now()],
      );
      await this.status.refresh(tx, [row.a_product_id], ASSESSMENT_STEP);
      tx.audit('assessment.started', ASSESSMENT_TYPE, assessmentId(row.a_id));
      return this.reload(tx, row.a_id);
    });
  }

  /** The holding assessment body: close the assessment with an outcome; it never changes afterwards. */
  async complete(actor: Actor, input: CompleteAssessmentInput): Promise<Assessment> {
    const now = this.clock.now();
    checkValidUntil(input.validUntil, now);
    return this.unitOfWork.run(actor, async (tx) => {
      const row = await this.lock(tx, actor, input.assessmentId, 'complete');
      this.requireHolder(actor, row);
      const findings = await tx.em.query<{ code: string; result: string | null; has_remediation: boolean }[]>(
        `SELECT r.code, f.result, (m.id IS NOT NULL) AS has_remediation
           FROM requirement r
           LEFT JOIN finding f ON f.requirement_id = r.id AND f.assessment_id = $1
           LEFT JOIN remediation m ON m.finding_id = f.id
          WHERE r.baseline_id = $2 AND $3 = ANY(r.tiers)
          ORDER BY r.code`,
        [row.a_id, row.a_baseline_id, row.a_tier],
      );
      checkCompletion(
        input.outcome,
        findings.map((f) => ({
          code: f.code,
          result: f.result as never,
          hasRemediation: f.has_remediation,
        })),
      );
      await tx.em.query(
        `UPDATE assessment SET state = 'COMPLETED', outcome = $2, completed_at = $3, valid_until = $4 WHERE id = $1`,
        [row.a_id, input.outcome, now, input.validUntil],
      );
      await this.status.refresh(tx, [row.a_product_id], ASSESSMENT_STEP);
      const [{ subscribers }] = await tx.em.query<{ subscribers: string[] }[]>(
        `SELECT array(SELECT s.subscriber_id FROM product_subscription s WHERE s.product_id = $1 AND ${activeSubscriptionSql('s')}) AS subscribers`,
        [row.a_product_id],
      );
      await this.events.record(tx, {
        type: RegistryEventType.ASSESSMENT_COMPLETED,
        message: `${row.a_product_name}: assessment against ${row.a_baseline_key} ${row.a_baseline_version} completed, outcome ${input.outcome}`,
        productId: row.a_product_id,
        baselineId: row.a_baseline_id,
        audience: [row.a_supplier_id, actor.organizationId, ...subscribers],
      });
      tx.audit('assessment.completed', ASSESSMENT_TYPE, assessmentId(row.a_id));
      return this.reload(tx, row.a_id);
    });
  }

  /** The supplier (its own products) or the agency, while the assessment is not completed. */
  async withdraw(actor: Actor, id: string): Promise<Assessment> {
    return this.unitOfWork.run(actor, async (tx) => {
      const row = await this.lock(tx, actor, id, 'withdraw');
      await tx.em.query(`UPDATE assessment SET state = 'WITHDRAWN', withdrawn_at = $2 WHERE id = $1`, [
        row.a_id,
        this.clock.now(),
      ]);
      await this.status.refresh(tx, [row.a_product_id], ASSESSMENT_STEP);
      tx.audit('assessment.withdrawn', ASSESSMENT_TYPE, assessmentId(row.a_id));
      return this.reload(tx, row.a_id);
    });
  }

  /** Supplier: mark a remediation of a completed assessment of its product done. */
  async completeRemediation(actor: Actor, id: string): Promise<Remediation> {
    const uuid = fromGlobalId(id, REMEDIATION_TYPE);
    if (!uuid) throw new NotFoundError('Remediation');
    return this.unitOfWork.run(actor, async (tx) => {
      const [ref] = await tx.em.query<{ product_id: string }[]>(
        'SELECT product_id FROM remediation WHERE id = $1',
        [uuid],
      );
      if (!ref) throw new NotFoundError('Remediation');
      await this.status.lockProducts(tx.em, [ref.product_id]);
      const [row] = await tx.em.query<
        { state: RemediationState; supplier_id: string; assessment_state: AssessmentState }[]
      >(
        `SELECT m.state, p.supplier_id, a.state AS assessment_state
           FROM remediation m JOIN product p ON p.id = m.product_id
           JOIN finding f ON f.id = m.finding_id JOIN assessment a ON a.id = f.assessment_id
          WHERE m.id = $1 FOR UPDATE OF m`,
        [uuid],
      );
      if (!row || row.supplier_id !== actor.organizationId) throw new NotFoundError('Remediation');
      if (row.state === RemediationState.DONE) throw new ConflictError('The remediation is already done');
      if (row.assessment_state !== AssessmentState.COMPLETED) {
        throw new ConflictError(
          'The assessment is not completed yet; its findings and remediations may still change',
        );
      }
      await tx.em.query(`UPDATE remediation SET state = 'DONE', completed_at = $2 WHERE id = $1`, [
        uuid,
        this.clock.now(),
      ]);
      await this.status.refresh(tx, [ref.product_id], ASSESSMENT_STEP);
      tx.audit('remediation.completed', REMEDIATION_TYPE, remediationId(uuid));
      const [saved] = await tx.em.query<Parameters<typeof toRemediation>[0][]>(
        `SELECT ${REMEDIATION_COLUMNS} FROM remediation m WHERE m.id = $1`,
        [uuid],
      );
      return toRemediation(saved, this.clock.now())!;
    });
  }

  /** lockAssessment, then CONFLICT unless `action` is allowed in the assessment's state. */
  private async lock(
    tx: WriteContext,
    actor: Actor,
    id: string,
    action: WorkflowAction,
  ): Promise<LockedAssessment> {
    const row = await lockAssessment(tx, actor, id, action);
    requireState(row.a_state, action);
    return row;
  }

  private requireHolder(actor: Actor, row: LockedAssessment): void {
    if (row.a_assessor_id !== actor.organizationId) {
      throw new ForbiddenError('Only the assessment body that started this assessment may change it');
    }
  }

  private alreadyOpen(productName: string): ConflictError {
    return new ConflictError(`"${productName}" already has an open assessment against this baseline`);
  }

  private async reload(tx: WriteContext, uuid: string): Promise<Assessment> {
    const [row] = await tx.em.query<AssessmentRow[]>(
      `SELECT ${ASSESSMENT_COLUMNS} FROM assessment a JOIN product p ON p.id = a.product_id WHERE a.id = $1`,
      [uuid],
    );
    return toAssessment(row);
  }
}
