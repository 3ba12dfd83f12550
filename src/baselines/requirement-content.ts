import type { MappingRelationship } from './dto/mapping-relationship.enum.js';
import type { Tier } from './dto/tier.enum.js';

/*
 * The shapes of a requirement on its way in (raw, from GraphQL, OSCAL or the example data) and
 * once requirement.rules.ts passed it (content, ready to store), with what an OSCAL import keeps.
 */

/** What a requirement holds once its rules passed: trimmed, canonical, ready to store. */
export interface RequirementContent {
  code: string;
  title: string;
  statement: string;
  guidance: string | null;
  category: string;
  tiers: Tier[];
  evidenceExpected: string | null;
  mappings: { framework: string; reference: string; relationship: MappingRelationship }[];
  /** Set for requirements imported from OSCAL (see OscalOrigin). */
  origin?: OscalOrigin;
}

/** What an OSCAL import keeps beside the content: the control's id, parent and parameters. */
export interface OscalOrigin {
  /** The control's OSCAL id, exactly (ir-1, ac-2.1). */
  sourceId: string;
  /** The OSCAL id of the control this one enhances. */
  parentSourceId: string | null;
  parameters: StoredParameter[];
  /** The statement with `{{ insert: param, id }}` kept, to resolve per tier. */
  statementTemplate: string;
}

/** An OSCAL parameter as stored with its requirement. */
export interface StoredParameter {
  id: string;
  label: string | null;
  guidelines: string | null;
  constraints: string[];
  /** A choice instead of free text: how many may be chosen (one, one-or-more) and the choices. */
  select: { howMany: string | null; choices: string[] } | null;
  /** Values the catalog itself sets. */
  values: string[];
  /** Values set per tier by profiles (set-parameters). */
  tierValues: Partial<Record<Tier, string>>;
}

/** A requirement as it arrives from GraphQL, an OSCAL document or the example data. */
export interface RawRequirement {
  code?: unknown;
  title?: unknown;
  statement?: unknown;
  guidance?: unknown;
  category?: unknown;
  tiers?: unknown;
  evidenceExpected?: unknown;
  mappings?: unknown;
  origin?: OscalOrigin;
}
