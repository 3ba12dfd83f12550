import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/actor.js';
import { BadUserInputError } from '../../common/errors/domain-error.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { BASELINE_TYPE, baselineId } from '../baseline.mapper.js';
import { lockDraft, touchBaseline } from '../baseline-writes.js';
import { BaselinesService } from '../baselines.service.js';
import type { Tier } from '../dto/tier.enum.js';
import type { StoredParameter } from '../requirement-content.js';
import { parseProfileParameters } from './oscal-profile-import.js';

/**
 * Parameter values per tier from an OSCAL profile's `set-parameters`, written into the parameters
 * of a draft's requirements. Requirements then read with those values for products of that tier.
 */
@Injectable()
export class OscalProfileService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly baselines: BaselinesService,
  ) {}

  async setParameters(
    actor: Actor,
    id: string,
    tier: Tier,
    document: unknown,
  ): Promise<{ baselineId: string; tier: Tier; parameters: number; unknown: string[] }> {
    const values = parseProfileParameters(document);
    const baseline = await this.baselines.get(actor, id);
    return this.unitOfWork.run(actor, async (tx) => {
      await lockDraft(tx, baseline.uuid);
      const rows = await tx.em.query<{ id: string; parameters: StoredParameter[] }[]>(
        `SELECT id, parameters FROM requirement WHERE baseline_id = $1 AND jsonb_array_length(parameters) > 0`,
        [baseline.uuid],
      );
      const found = new Set<string>();
      const changed: { id: string; parameters: StoredParameter[] }[] = [];
      for (const row of rows) {
        let touched = false;
        const parameters = row.parameters.map((p) => {
          const value = values.get(p.id);
          if (value === undefined) return p;
          found.add(p.id);
          touched = true;
          return { ...p, tierValues: { ...p.tierValues, [tier]: value } };
        });
        if (touched) changed.push({ id: row.id, parameters });
      }
      const unknown = [...values.keys()].filter((p) => !found.has(p));
      if (values.size > 0 && found.size === 0) {
        throw BadUserInputError.field(
          'document/profile/modify/set-parameters',
          `names no parameter of this baseline (e.g. ${unknown[0]})`,
        );
      }
      if (changed.length > 0) {
        await tx.em.query(
          `UPDATE requirement r SET parameters = c.parameters, updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS c(id uuid, parameters jsonb) WHERE r.id = c.id`,
          [JSON.stringify(changed)],
        );
      }
      await touchBaseline(tx, baseline.uuid);
      tx.audit('baseline.parameters-set', BASELINE_TYPE, baselineId(baseline.uuid));
      return { baselineId: baseline.id, tier, parameters: found.size, unknown };
    });
  }
}
