import { type Requirement, RequirementParameter } from '../dto/requirement.model.js';
import type { Tier } from '../dto/tier.enum.js';
import type { StoredParameter } from '../requirement-content.js';

/*
 * The text of OSCAL controls, as pure functions: statement parts flattened into numbered,
 * indented lines (the labels kept: "a.", "1.", "(a)"), and parameter insertions
 * (`{{ insert: param, ac-1_prm_1 }}`) resolved to a value, or written out the way NIST's own
 * publications do: "[Assignment: organization-defined frequency]", "[Selection (one or more): a; b]".
 */

export const INSERT_PARAM = /\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/g;

/** A part as far as text goes. */
export interface TextPart {
  name?: unknown;
  prose?: unknown;
  props?: unknown;
  parts?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The part's `label` prop (e.g. "a.", "1.", "(a)"), if any. */
export function partLabel(part: TextPart): string | undefined {
  if (!Array.isArray(part.props)) return undefined;
  const label = part.props.find(
    (p): p is { value: string } => isObject(p) && p.name === 'label' && typeof p.value === 'string',
  );
  return label?.value.trim() || undefined;
}

/**
 * A part and its sub-parts as lines: the part's own prose first, then each item on its own line
 * after its label, indented two spaces per level of nesting below the first.
 */
export function partText(part: TextPart, depth = 0, maxDepth = 10): string {
  const lines: string[] = [];
  const indent = '  '.repeat(Math.max(0, depth - 1));
  const prose = typeof part.prose === 'string' ? part.prose.trim() : '';
  const label = depth > 0 ? partLabel(part) : undefined;
  if (label || prose) lines.push(indent + [label, prose].filter(Boolean).join(' '));
  if (Array.isArray(part.parts) && depth < maxDepth) {
    for (const child of part.parts) {
      if (!isObject(child)) continue;
      const text = partText(child, depth + 1, maxDepth);
      if (text) lines.push(text);
    }
  }
  return lines.join('\n');
}

/** "organization-defined frequency" from a label "frequency" (NIST's wording for assignments). */
function assignment(parameter: StoredParameter): string {
  const label = parameter.label?.trim();
  if (!label) return `[Assignment: organization-defined value of ${parameter.id}]`;
  return `[Assignment: ${/^organi[sz]ation-defined\b/i.test(label) ? label : `organization-defined ${label}`}]`;
}

/** The value a parameter has for a tier: the profile's for that tier, else the catalog's own. */
export function parameterValue(parameter: StoredParameter, tier?: Tier | null): string | null {
  const forTier = tier ? parameter.tierValues[tier] : undefined;
  if (forTier !== undefined) return forTier;
  return parameter.values.length > 0 ? parameter.values.join(', ') : null;
}

/**
 * Replaces every parameter insertion: by its value for the tier when one is set, else by an
 * assignment or selection placeholder. Unknown parameters become an assignment naming their id.
 */
export function resolveText(
  text: string,
  parameters: readonly StoredParameter[],
  tier?: Tier | null,
  depth = 0,
): string {
  const byId = new Map(parameters.map((p) => [p.id, p]));
  return text.replace(INSERT_PARAM, (_match, id: string) => {
    const parameter = byId.get(id);
    if (!parameter) return `[Assignment: organization-defined value of ${id}]`;
    const value = parameterValue(parameter, tier);
    if (value !== null) return value;
    if (parameter.select && parameter.select.choices.length > 0 && depth < 3) {
      const choices = parameter.select.choices.map((c) => resolveText(c, parameters, tier, depth + 1));
      const many = parameter.select.howMany === 'one-or-more' ? ' (one or more)' : '';
      return `[Selection${many}: ${choices.join('; ')}]`;
    }
    return assignment(parameter);
  });
}

/** A requirement's statement for a tier: its template resolved, or its statement as written. */
export function resolvedStatement(
  requirement: Pick<Requirement, 'statement' | 'statementTemplate' | 'storedParameters'>,
  tier?: Tier | null,
): string {
  if (!requirement.statementTemplate || !tier) return requirement.statement;
  return resolveText(requirement.statementTemplate, requirement.storedParameters, tier);
}

export function toParameter(stored: StoredParameter): RequirementParameter {
  const model = new RequirementParameter();
  model.id = stored.id;
  model.label = stored.label;
  model.guidelines = stored.guidelines;
  model.constraints = stored.constraints;
  model.choices = stored.select?.choices ?? [];
  model.stored = stored;
  return model;
}
