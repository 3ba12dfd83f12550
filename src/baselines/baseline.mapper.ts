import { toGlobalId } from '../common/graphql/global-id.js';
import type { BaselineEntity } from './baseline.entity.js';
import type { BaselineStatus } from './dto/baseline-status.enum.js';
import { Baseline } from './dto/baseline.model.js';
import { FrameworkMapping, Requirement } from './dto/requirement.model.js';
import type { Tier } from './dto/tier.enum.js';
import type { StoredMapping } from './requirement.entity.js';
import type { StoredParameter } from './requirement-content.js';

export const BASELINE_TYPE = 'Baseline';
export const REQUIREMENT_TYPE = 'Requirement';

export const baselineId = (uuid: string): string => toGlobalId(BASELINE_TYPE, uuid);
export const requirementId = (uuid: string): string => toGlobalId(REQUIREMENT_TYPE, uuid);

/** A baseline row as plain SQL returns it (snake_case), or an entity. */
export interface BaselineRow {
  id: string;
  key: string;
  version: string;
  title: string;
  description: string | null;
  status: BaselineStatus;
  published_at: Date | null;
  retired_at: Date | null;
  previous_id: string | null;
  transition_ends_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const BASELINE_COLUMNS = `b.id, b.key, b.version, b.title, b.description, b.status, b.published_at,
  b.retired_at, b.previous_id, b.transition_ends_at, b.created_at, b.updated_at`;

export interface RequirementRow {
  id: string;
  baseline_id: string;
  code: string;
  title: string;
  statement: string;
  guidance: string | null;
  category: string;
  tiers: Tier[];
  evidence_expected: string | null;
  mappings: StoredMapping[];
  /** OSCAL origin; optional so narrower statements may leave them out. */
  source_id?: string | null;
  parent_id?: string | null;
  parameters?: StoredParameter[];
  statement_template?: string | null;
}

export const REQUIREMENT_COLUMNS = `r.id, r.baseline_id, r.code, r.title, r.statement, r.guidance, r.category,
  r.tiers, r.evidence_expected, r.mappings, r.source_id, r.parent_id, r.parameters, r.statement_template`;

export function toBaseline(row: BaselineRow): Baseline {
  const model = new Baseline();
  model.id = baselineId(row.id);
  model.uuid = row.id;
  model.key = row.key;
  model.version = row.version;
  model.title = row.title;
  model.description = row.description;
  model.status = row.status;
  model.publishedAt = row.published_at;
  model.retiredAt = row.retired_at;
  model.previousUuid = row.previous_id;
  model.transitionEndsAt = row.transition_ends_at;
  model.updatedAt = row.updated_at;
  return model;
}

export function baselineRowOf(entity: BaselineEntity): BaselineRow {
  return {
    id: entity.id,
    key: entity.key,
    version: entity.version,
    title: entity.title,
    description: entity.description,
    status: entity.status,
    published_at: entity.publishedAt,
    retired_at: entity.retiredAt,
    previous_id: entity.previousId,
    transition_ends_at: entity.transitionEndsAt,
    created_at: entity.createdAt,
    updated_at: entity.updatedAt,
  };
}

export function toRequirement(row: RequirementRow): Requirement {
  const model = new Requirement();
  model.id = requirementId(row.id);
  model.uuid = row.id;
  model.baselineUuid = row.baseline_id;
  model.code = row.code;
  model.title = row.title;
  model.statement = row.statement;
  model.guidance = row.guidance;
  model.category = row.category;
  model.tiers = row.tiers;
  model.evidenceExpected = row.evidence_expected;
  model.mappings = row.mappings.map((m) => Object.assign(new FrameworkMapping(), m));
  model.sourceId = row.source_id ?? null;
  model.parentUuid = row.parent_id ?? null;
  model.storedParameters = row.parameters ?? [];
  model.statementTemplate = row.statement_template ?? null;
  return model;
}
