import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import { isUniqueViolation, UnitOfWork, type WriteContext } from '../common/database/unit-of-work.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import {
  BASELINE_TYPE,
  REQUIREMENT_COLUMNS,
  REQUIREMENT_TYPE,
  type RequirementRow,
  requirementId,
  toRequirement,
} from './baseline.mapper.js';
import { countRequirements, insertRequirements, lockDraft, touchBaseline } from './baseline-writes.js';
import { MAX_REQUIREMENTS } from './dto/baselines.args.js';
import type { Requirement } from './dto/requirement.model.js';
import type { RequirementInput, UpdateRequirementInput } from './dto/requirement.input.js';
import { checkRequirement, checkRequirementUpdate, prefixPath } from './requirement.rules.js';

/**
 * Editing the requirements of a draft. Each change locks its baseline first, so it cannot race a
 * publish; a requirement of a published or retired baseline never changes (CONFLICT).
 * Writers are the agency (see POLICIES), which sees every baseline.
 */
@Injectable()
export class RequirementsService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async add(actor: Actor, baselineGlobalId: string, input: RequirementInput): Promise<Requirement> {
    const baselineUuid = fromGlobalId(baselineGlobalId, BASELINE_TYPE);
    if (!baselineUuid) throw new NotFoundError('Baseline');
    const checked = checkRequirement(input, prefixPath('input'));
    if (!checked.content) throw new BadUserInputError(checked.violations);
    const content = checked.content;
    return this.unitOfWork.run(actor, async (tx) => {
      await lockDraft(tx, baselineUuid);
      if ((await countRequirements(tx, baselineUuid)) >= MAX_REQUIREMENTS) {
        throw BadUserInputError.field(
          'baselineId',
          `already holds the maximum of ${MAX_REQUIREMENTS} requirements`,
        );
      }
      let uuid: string;
      try {
        [uuid] = await insertRequirements(tx, baselineUuid, [content]);
      } catch (error) {
        if (isUniqueViolation(error, 'uq_requirement_baseline_code')) throw this.codeTaken(content.code);
        throw error;
      }
      await touchBaseline(tx, baselineUuid);
      tx.audit('requirement.added', REQUIREMENT_TYPE, requirementId(uuid));
      return this.load(tx, uuid);
    });
  }

  async update(actor: Actor, id: string, input: UpdateRequirementInput): Promise<Requirement> {
    const uuid = this.decode(id);
    return this.unitOfWork.run(actor, async (tx) => {
      const current = await this.lockOwnDraft(tx, uuid);
      // An imported requirement keeps its catalog's code rule (AC-2(1) is a valid code there).
      const origin = current.sourceId
        ? {
            sourceId: current.sourceId,
            parentSourceId: null,
            parameters: current.storedParameters,
            statementTemplate: current.statementTemplate ?? '',
          }
        : undefined;
      const checked = checkRequirementUpdate({ ...current, origin }, input, prefixPath('input'));
      if (!checked.content) throw new BadUserInputError(checked.violations);
      const c = checked.content;
      await tx.em.query(
        `UPDATE requirement SET title = $2, statement = $3::varchar, guidance = $4, category = $5, tiers = $6,
           evidence_expected = $7, mappings = $8::jsonb, updated_at = now(),
           statement_template = CASE WHEN statement = $3::varchar THEN statement_template END
         WHERE id = $1`,
        [
          uuid,
          c.title,
          c.statement,
          c.guidance,
          c.category,
          c.tiers,
          c.evidenceExpected,
          JSON.stringify(c.mappings),
        ],
      );
      await touchBaseline(tx, current.baselineUuid);
      tx.audit('requirement.updated', REQUIREMENT_TYPE, id);
      return this.load(tx, uuid);
    });
  }

  async remove(actor: Actor, id: string): Promise<boolean> {
    const uuid = this.decode(id);
    return this.unitOfWork.run(actor, async (tx) => {
      const current = await this.lockOwnDraft(tx, uuid);
      try {
        await tx.em.query(`DELETE FROM requirement WHERE id = $1`, [uuid]);
      } catch (error) {
        // Evidence, attestations or findings of other modules may already point at a draft's row.
        const e = error as { code?: string; driverError?: { code?: string } };
        if ((e.driverError?.code ?? e.code) === '23503') {
          throw new ConflictError(`Requirement ${current.code} is referenced by evidence or assessments`);
        }
        throw error;
      }
      await touchBaseline(tx, current.baselineUuid);
      tx.audit('requirement.removed', REQUIREMENT_TYPE, id);
      return true;
    });
  }

  private decode(id: string): string {
    const uuid = fromGlobalId(id, REQUIREMENT_TYPE);
    if (!uuid) throw new NotFoundError('Requirement');
    return uuid;
  }

  /** The requirement, after locking its baseline as a draft (CONFLICT otherwise). */
  private async lockOwnDraft(tx: WriteContext, uuid: string): Promise<Requirement> {
    const [row] = await tx.em.query<{ baseline_id: string }[]>(
      `SELECT baseline_id FROM requirement WHERE id = $1`,
      [uuid],
    );
    if (!row) throw new NotFoundError('Requirement');
    await lockDraft(tx, row.baseline_id);
    // Read again under the lock: a concurrent edit may have committed in between.
    const current = await this.load(tx, uuid).catch(() => null);
    if (!current) throw new NotFoundError('Requirement');
    return current;
  }

  private async load(tx: WriteContext, uuid: string): Promise<Requirement> {
    const [row] = await tx.em.query<RequirementRow[]>(
      `SELECT ${REQUIREMENT_COLUMNS} FROM requirement r WHERE r.id = $1`,
      [uuid],
    );
    if (!row) throw new NotFoundError('Requirement');
    return toRequirement(row);
  }

  private codeTaken(code: string): BadUserInputError {
    return BadUserInputError.field('input.code', `${code} is already used in this baseline`);
  }
}
