import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../common/database/prepared-query.js';
import { REQUIREMENT_COLUMNS, type RequirementRow, toRequirement } from './baseline.mapper.js';
import { BaselineStatus } from './dto/baseline-status.enum.js';
import type { Requirement } from './dto/requirement.model.js';

/** The status travels with the rows: it and the requirements come from one snapshot. */
const REQUIREMENTS_OF_BASELINES_SQL = `SELECT b.status AS baseline_status, ${REQUIREMENT_COLUMNS}
  FROM requirement r JOIN baseline b ON b.id = r.baseline_id
 WHERE r.baseline_id = ANY($1::uuid[])`;

/**
 * What the cache may hold, in characters of requirement text (V8 keeps such text in one byte per
 * character): a few dozen full baselines, and always at least one of MAX_REQUIREMENTS long texts.
 */
export const REQUIREMENT_CACHE_WEIGHT = 16_000_000;

/** Roughly the memory a requirement holds, in characters: its texts plus a fixed share for the rest. */
export function requirementWeight(requirement: Requirement): number {
  return (
    256 +
    requirement.code.length +
    requirement.title.length +
    requirement.statement.length +
    (requirement.guidance?.length ?? 0) +
    requirement.category.length +
    (requirement.evidenceExpected?.length ?? 0) +
    requirement.mappings.length * 96 +
    (requirement.statementTemplate?.length ?? 0) +
    (requirement.storedParameters?.length ?? 0) * 256
  );
}

/**
 * Least recently used first out, once the summed weights pass `limit`. A single entry heavier than
 * the whole limit is not kept (the limit holds at least one full baseline at its longest).
 */
export function newRequirementLru<V extends object>(limit = REQUIREMENT_CACHE_WEIGHT): LRUCache<string, V> {
  return new LRUCache<string, V>({ maxSize: limit });
}

/** Frozen, because one model now serves every request: a change to it would show in all of them. */
function frozen(requirement: Requirement): Requirement {
  Object.freeze(requirement.tiers);
  for (const mapping of requirement.mappings) Object.freeze(mapping);
  Object.freeze(requirement.mappings);
  return Object.freeze(requirement);
}

/**
 * The requirements of baselines, for hot paths that show thousands of findings with their
 * requirement. Only a DRAFT's requirements ever change (RequirementsService refuses edits after
 * publication, and the requirement_draft_only trigger refuses them in the database), a baseline
 * never returns to DRAFT (baseline_forward_only), and assessments and findings exist only against
 * published baselines. So a published or retired baseline's requirements are read once per
 * process and kept (bounded); a draft's are read every time. The models are shared and frozen.
 * Visibility is not decided here: callers hand out requirements of baselines the caller may see.
 */
@Injectable()
export class RequirementCache {
  private readonly cache = newRequirementLru<ReadonlyMap<string, Requirement>>();

  constructor(private readonly dataSource: DataSource) {}

  /** Each baseline's requirements by code; one statement for those not in memory, none otherwise. */
  async ofBaselines(
    baselineUuids: readonly string[],
  ): Promise<Map<string, ReadonlyMap<string, Requirement>>> {
    const found = new Map<string, ReadonlyMap<string, Requirement>>();
    const missing: string[] = [];
    for (const uuid of new Set(baselineUuids)) {
      const cached = this.cache.get(uuid);
      if (cached) found.set(uuid, cached);
      else missing.push(uuid);
    }
    if (missing.length === 0) return found;
    const rows = await preparedQuery<RequirementRow & { baseline_status: BaselineStatus }>(
      this.dataSource,
      REQUIREMENTS_OF_BASELINES_SQL,
      [missing],
    );
    const loaded = new Map<string, { final: boolean; weight: number; byCode: Map<string, Requirement> }>();
    for (const row of rows) {
      let entry = loaded.get(row.baseline_id);
      if (!entry) {
        entry = { final: row.baseline_status !== BaselineStatus.DRAFT, weight: 0, byCode: new Map() };
        loaded.set(row.baseline_id, entry);
      }
      const requirement = frozen(toRequirement(row));
      entry.byCode.set(requirement.code, requirement);
      entry.weight += requirementWeight(requirement);
    }
    for (const uuid of missing) {
      const entry = loaded.get(uuid);
      found.set(uuid, entry?.byCode ?? new Map());
      if (entry?.final) this.cache.set(uuid, entry.byCode, { size: entry.weight });
    }
    return found;
  }
}
