import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import {
  BadUserInputError,
  ConflictError,
  type FieldViolation,
  NotFoundError,
} from '../common/errors/domain-error.js';
import { isUniqueViolation, UnitOfWork, type WriteContext } from '../common/database/unit-of-work.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { EventsService } from '../events/events.service.js';
import { Clock } from '../events/clock.js';
import { humanDate } from '../common/time/human-time.js';
import { reassessmentNotices } from './reassessment-notices.js';
import { RegistryEventType } from '../events/dto/registry-event-type.enum.js';
import { BaselineEntity } from './baseline.entity.js';
import { BASELINE_TYPE, baselineId, baselineRowOf, toBaseline } from './baseline.mapper.js';
import { copyRequirements, countRequirements, insertRequirements, lockBaseline } from './baseline-writes.js';
import { BaselinesService } from './baselines.service.js';
import { BaselineStatus } from './dto/baseline-status.enum.js';
import type { Baseline } from './dto/baseline.model.js';
import { type CreateBaselineInput, MAX_REQUIREMENTS } from './dto/baselines.args.js';
import { parseOscalCatalog } from './oscal/oscal-import.js';
import { checkBaselineFields, checkRequirement, type FieldPath, prefixPath } from './requirement.rules.js';
import type { RawRequirement, RequirementContent } from './requirement-content.js';

/** What a new draft is made of, whatever it came from (GraphQL input, OSCAL, the example). */
export interface DraftSpec {
  key: unknown;
  version: unknown;
  title: unknown;
  description?: unknown;
  /** Paths name the input fields in errors: `input.key`, or JSON pointers for imports. */
  at: FieldPath;
  requirements: readonly { raw: RawRequirement; at: FieldPath }[];
  /** Where the requirement list itself is named in errors. */
  requirementsPath: string;
  /** Imported catalogs may be larger than what GraphQL input allows. */
  maxRequirements?: number;
}

/** SP 800-53 Rev 5 has about 1,000 controls and enhancements in force. */
export const MAX_IMPORTED_REQUIREMENTS = 2000;

/**
 * The lifecycle of a baseline: created as a DRAFT (optionally copying a previous version), then
 * PUBLISHED (immutable, current, announced to everyone), then RETIRED (never current again).
 */
@Injectable()
export class BaselineLifecycleService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly baselines: BaselinesService,
    private readonly events: EventsService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateBaselineInput): Promise<Baseline> {
    const at = prefixPath('input');
    return this.createDraft(actor, {
      ...input,
      at,
      requirements: (input.requirements ?? []).map((raw, i) => ({
        raw,
        at: prefixPath(`input.requirements.${i}`),
      })),
      requirementsPath: 'input.requirements',
      fromBaselineId: input.fromBaselineId ?? null,
    });
  }

  /** A draft from an OSCAL catalog; BAD_USER_INPUT with a JSON pointer for anything malformed. */
  async importOscal(actor: Actor, document: unknown, key: string, version: string): Promise<Baseline> {
    return (await this.importOscalReport(actor, document, key, version)).baseline;
  }

  /** The import, with what it skipped (withdrawn controls) and how many requirements it made. */
  async importOscalReport(
    actor: Actor,
    document: unknown,
    key: string,
    version: string,
  ): Promise<{ baseline: Baseline; requirements: number; withdrawn: string[] }> {
    const parsed = parseOscalCatalog(document);
    const baseline = await this.createDraft(actor, {
      maxRequirements: MAX_IMPORTED_REQUIREMENTS,
      key,
      version,
      title: parsed.title,
      description: parsed.description,
      at: (field) =>
        field === 'key' || field === 'version' ? field : `document${parsed.pointers[field] ?? ''}`,
      requirements: parsed.requirements,
      requirementsPath: 'document/catalog',
      fromBaselineId: null,
    });
    return { baseline, requirements: parsed.requirements.length, withdrawn: parsed.withdrawn };
  }

  /** Creates a draft in a transaction of its own, or inside `tx` (the example baseline's seed). */
  async createDraft(
    actor: Actor,
    spec: DraftSpec & { fromBaselineId: string | null },
    tx?: WriteContext,
  ): Promise<Baseline> {
    const violations: FieldViolation[] = [];
    const fields = checkBaselineFields(spec, spec.at);
    violations.push(...fields.violations);
    const contents: RequirementContent[] = [];
    const firstByCode = new Map<string, string>();
    for (const { raw, at } of spec.requirements) {
      const checked = checkRequirement(raw, at);
      violations.push(...checked.violations);
      if (!checked.content) continue;
      const earlier = firstByCode.get(checked.content.code);
      if (earlier) violations.push({ field: at('code'), message: `repeats the code of ${earlier}` });
      else firstByCode.set(checked.content.code, at('code'));
      contents.push(checked.content);
    }
    const max = spec.maxRequirements ?? MAX_REQUIREMENTS;
    if (spec.requirements.length > max) {
      violations.push({ field: spec.requirementsPath, message: `must hold at most ${max} requirements` });
    }
    if (violations.length > 0) throw new BadUserInputError(violations);

    let previousUuid: string | null = null;
    if (spec.fromBaselineId !== null) {
      previousUuid = fromGlobalId(spec.fromBaselineId, BASELINE_TYPE);
      if (!previousUuid || !(await this.baselines.findVisible(actor, previousUuid))) {
        throw new NotFoundError('Baseline');
      }
    }
    const work = (w: WriteContext) => this.insertDraft(w, fields.value, contents, spec, previousUuid);
    return tx ? work(tx) : this.unitOfWork.run(actor, work);
  }

  private async insertDraft(
    tx: WriteContext,
    fields: { key: string; version: string; title: string; description: string | null },
    contents: RequirementContent[],
    spec: DraftSpec,
    previousUuid: string | null,
  ): Promise<Baseline> {
    const repository = tx.em.getRepository(BaselineEntity);
    if (await repository.exists({ where: { key: fields.key, version: fields.version } })) {
      throw this.versionTaken(fields);
    }
    let saved: BaselineEntity;
    try {
      saved = await repository.save(
        repository.create({
          ...fields,
          status: BaselineStatus.DRAFT,
          publishedAt: null,
          retiredAt: null,
          previousId: previousUuid,
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'uq_baseline_key_version')) throw this.versionTaken(fields);
      throw error;
    }
    if (previousUuid) {
      const copied = await copyRequirements(tx, saved.id, previousUuid);
      const copiedCodes = new Set(copied);
      const clashes: FieldViolation[] = [];
      spec.requirements.forEach(({ raw, at }) => {
        if (copiedCodes.has(raw.code as string)) {
          clashes.push({
            field: at('code'),
            message: 'is already copied from the previous version; change it there with updateRequirement',
          });
        }
      });
      if (clashes.length > 0) throw new BadUserInputError(clashes);
      if (copied.length + contents.length > MAX_REQUIREMENTS) {
        throw BadUserInputError.field(
          spec.requirementsPath,
          `with the copied ones, more than ${MAX_REQUIREMENTS} requirements`,
        );
      }
    }
    await insertRequirements(tx, saved.id, contents);
    tx.audit('baseline.created', BASELINE_TYPE, baselineId(saved.id));
    return toBaseline(baselineRowOf(saved));
  }

  private versionTaken(fields: { key: string; version: string }): ConflictError {
    return new ConflictError(`Baseline ${fields.key} already has a version ${fields.version}`);
  }

  /**
   * Publishes a draft. `transitionEndsAt` (default: twelve months after publication, never in the
   * past) is until when assessments against earlier versions of the series still count.
   * BASELINE_PUBLISHED goes to everyone, REASSESSMENT_DUE to the supplier of each product to reassess.
   */
  async publish(
    actor: Actor,
    id: string,
    options: { transitionEndsAt?: Date | null } = {},
    tx?: WriteContext,
  ): Promise<Baseline> {
    const uuid = this.decode(id);
    const now = this.clock.now();
    const chosen = options.transitionEndsAt ?? null;
    if (chosen && chosen.getTime() < now.getTime()) {
      throw BadUserInputError.field('transitionEndsAt', 'must not be in the past');
    }
    const work = async (w: WriteContext): Promise<Baseline> => {
      const baseline = await lockBaseline(w, uuid);
      if (baseline.status !== BaselineStatus.DRAFT) {
        throw new ConflictError(
          `Baseline ${baseline.key} ${baseline.version} is ${baseline.status}; only a draft can be published`,
        );
      }
      const count = await countRequirements(w, uuid);
      if (count === 0) {
        throw new ConflictError(
          `Baseline ${baseline.key} ${baseline.version} has no requirements; add some before publishing`,
        );
      }
      // An UPDATE answers [rows, affected count].
      const [[{ transition_ends_at: endsAt }]] = await w.em.query<[{ transition_ends_at: Date }[], number]>(
        `UPDATE baseline SET status = 'PUBLISHED', published_at = now(), updated_at = now(),
                transition_ends_at = coalesce($2::timestamptz, now() + interval '12 months')
          WHERE id = $1 RETURNING transition_ends_at`,
        [uuid, chosen],
      );
      w.audit('baseline.published', BASELINE_TYPE, id);
      const transitionEndsAt = new Date(endsAt);
      await this.events.record(w, [
        {
          type: RegistryEventType.BASELINE_PUBLISHED,
          message:
            `Baseline ${baseline.title} (${baseline.key} ${baseline.version}) was published with ${count} requirements; ` +
            `assessments against earlier versions count until ${humanDate(transitionEndsAt, 'en')}`,
          baselineId: uuid,
          audience: 'ALL',
        },
        ...(await reassessmentNotices(w, {
          uuid,
          key: baseline.key,
          version: baseline.version,
          transitionEndsAt,
        })),
      ]);
      return this.reload(w, uuid);
    };
    return tx ? work(tx) : this.unitOfWork.run(actor, work);
  }

  async retire(actor: Actor, id: string): Promise<Baseline> {
    const uuid = this.decode(id);
    return this.unitOfWork.run(actor, async (tx) => {
      const baseline = await lockBaseline(tx, uuid);
      if (baseline.status !== BaselineStatus.PUBLISHED) {
        throw new ConflictError(
          `Baseline ${baseline.key} ${baseline.version} is ${baseline.status}; only a published baseline can be retired`,
        );
      }
      await tx.em.query(
        `UPDATE baseline SET status = 'RETIRED', retired_at = now(), updated_at = now() WHERE id = $1`,
        [uuid],
      );
      tx.audit('baseline.retired', BASELINE_TYPE, id);
      return this.reload(tx, uuid);
    });
  }

  private decode(id: string): string {
    // Writers are the agency, which sees every baseline: no visibility filter needed.
    const uuid = fromGlobalId(id, BASELINE_TYPE);
    if (!uuid) throw new NotFoundError('Baseline');
    return uuid;
  }

  private async reload(tx: WriteContext, uuid: string): Promise<Baseline> {
    const entity = await tx.em.getRepository(BaselineEntity).findOneByOrFail({ id: uuid });
    return toBaseline(baselineRowOf(entity));
  }
}
