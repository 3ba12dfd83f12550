import { createHash } from 'node:crypto';
import type { Baseline } from '../dto/baseline.model.js';
import type { Requirement } from '../dto/requirement.model.js';
import { Tier } from '../dto/tier.enum.js';
import { CATEGORIES } from '../requirement.rules.js';
import type { StoredParameter } from '../requirement-content.js';

/*
 * A baseline as OSCAL 1.1 JSON: one catalog (a group per category, a control per requirement) and
 * one profile per tier selecting the controls that apply to it. What OSCAL has no place for (tiers,
 * framework mappings) travels as props in the registry's own namespace, so an import restores it.
 */

export const OSCAL_VERSION = '1.1.2';
/** The namespace of the registry's own props and parts. */
export const REGISTRY_NS = 'urn:assurance-registry:oscal';

export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
  class?: string;
}

export interface OscalPart {
  id?: string;
  name: string;
  ns?: string;
  prose?: string;
  parts?: OscalPart[];
}

export interface OscalParam {
  id: string;
  label?: string;
  guidelines?: { prose: string }[];
  constraints?: { description: string }[];
  select?: { 'how-many'?: string; choice: string[] };
  values?: string[];
}

export interface OscalControl {
  id: string;
  title: string;
  params?: OscalParam[];
  props?: OscalProp[];
  parts?: OscalPart[];
  controls?: OscalControl[];
}

export interface OscalGroup {
  id?: string;
  title: string;
  groups?: OscalGroup[];
  controls?: OscalControl[];
}

export interface OscalMetadata {
  title: string;
  published?: string;
  'last-modified': string;
  version: string;
  'oscal-version': string;
  props?: OscalProp[];
  remarks?: string;
}

export interface OscalCatalogDocument {
  catalog: { uuid: string; metadata: OscalMetadata; groups?: OscalGroup[]; controls?: OscalControl[] };
}

export interface OscalProfileDocument {
  profile: {
    uuid: string;
    metadata: OscalMetadata;
    imports: {
      href: string;
      'include-all'?: Record<string, never>;
      'include-controls'?: { 'with-ids': string[] }[];
      'exclude-controls'?: { 'with-ids': string[] }[];
    }[];
    merge: { 'as-is': boolean };
    modify?: { 'set-parameters': { 'param-id': string; values: string[] }[] };
  };
}

const REGISTRY_UUID_NAMESPACE = '6f1c1f0e-3b3c-4c65-9a43-2a2f3f7e9b10';

/**
 * A name-based (version 5) UUID: the same baseline always exports under the same document uuid,
 * without exposing its database key.
 */
export function nameUuid(name: string): string {
  const namespace = Buffer.from(REGISTRY_UUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const controlId = (code: string): string => code.toLowerCase();

/** An OSCAL token from a category: lower-case words joined by hyphens, starting with a letter. */
export function groupId(category: string): string {
  const slug = category
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(slug) ? slug : `group-${slug || 'x'}`;
}

function metadata(baseline: Baseline, title: string, extra: OscalProp[]): OscalMetadata {
  const meta: OscalMetadata = {
    title,
    'last-modified': baseline.updatedAt.toISOString(),
    version: baseline.version,
    'oscal-version': OSCAL_VERSION,
  };
  if (baseline.publishedAt) meta.published = baseline.publishedAt.toISOString();
  meta.props = [
    { name: 'baseline-key', ns: REGISTRY_NS, value: baseline.key },
    { name: 'baseline-status', ns: REGISTRY_NS, value: baseline.status },
    ...extra,
  ];
  if (baseline.description) meta.remarks = baseline.description;
  return meta;
}

/** The control id: the imported catalog's own, else one made from the code. */
export function exportedId(requirement: Requirement): string {
  if (requirement.sourceId) return requirement.sourceId;
  const id = controlId(requirement.code).replace(/[^A-Za-z0-9_.-]+/g, '-');
  return /^[A-Za-z_]/.test(id) ? id : `c-${id}`;
}

function toParam(p: StoredParameter): OscalParam {
  const param: OscalParam = { id: p.id };
  if (p.label) param.label = p.label;
  if (p.guidelines) param.guidelines = [{ prose: p.guidelines }];
  if (p.constraints.length > 0) param.constraints = p.constraints.map((description) => ({ description }));
  if (p.select) {
    param.select = { choice: p.select.choices };
    if (p.select.howMany) param.select['how-many'] = p.select.howMany;
  }
  if (p.values.length > 0) param.values = p.values;
  return param;
}

function toControl(requirement: Requirement, children: Map<string, Requirement[]>): OscalControl {
  const id = exportedId(requirement);
  const prose = requirement.statementTemplate || requirement.statement;
  const parts: OscalPart[] = [{ id: `${id}_smt`, name: 'statement', prose }];
  if (requirement.guidance) parts.push({ id: `${id}_gdn`, name: 'guidance', prose: requirement.guidance });
  if (requirement.evidenceExpected) {
    parts.push({
      id: `${id}_evd`,
      name: 'evidence-expected',
      ns: REGISTRY_NS,
      prose: requirement.evidenceExpected,
    });
  }
  const enhancements = children.get(requirement.uuid) ?? [];
  return {
    id,
    title: requirement.title,
    ...((requirement.storedParameters ?? []).length > 0
      ? { params: requirement.storedParameters.map(toParam) }
      : {}),
    props: [
      { name: 'label', value: requirement.code },
      { name: 'sort-id', value: id },
      ...requirement.tiers.map((tier) => ({ name: 'tier', ns: REGISTRY_NS, value: tier })),
      ...requirement.mappings.map((m) => ({
        name: 'mapping',
        ns: REGISTRY_NS,
        value: `${m.framework} ${m.reference}`,
        class: m.relationship,
      })),
    ],
    parts,
    ...(enhancements.length > 0 ? { controls: enhancements.map((c) => toControl(c, children)) } : {}),
  };
}

/** Documented categories first, in their documented order; any others after, alphabetically. */
function categoryOrder(a: string, b: string): number {
  const rank = (c: string) => {
    const i = (CATEGORIES as readonly string[]).indexOf(c);
    return i < 0 ? CATEGORIES.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

export function toOscalCatalog(
  baseline: Baseline,
  requirements: readonly Requirement[],
): OscalCatalogDocument {
  const byCategory = new Map<string, Requirement[]>();
  const present = new Set(requirements.map((r) => r.uuid));
  const children = new Map<string, Requirement[]>();
  for (const r of [...requirements].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    // Enhancements travel inside their control, as in the catalog they came from.
    if (r.parentUuid && present.has(r.parentUuid)) {
      children.set(r.parentUuid, [...(children.get(r.parentUuid) ?? []), r]);
    } else byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);
  }
  const usedIds = new Set<string>();
  const groups: OscalGroup[] = [...byCategory.keys()].sort(categoryOrder).map((category) => {
    let id = groupId(category);
    for (let n = 2; usedIds.has(id); n++) id = `${groupId(category)}-${n}`;
    usedIds.add(id);
    return { id, title: category, controls: byCategory.get(category)!.map((r) => toControl(r, children)) };
  });
  return {
    catalog: {
      uuid: nameUuid(`catalog:${baseline.uuid}`),
      metadata: metadata(baseline, baseline.title, []),
      groups,
    },
  };
}

/** The controls of the catalog that apply to one tier, imported from the catalog beside it. */
export function toOscalProfile(
  baseline: Baseline,
  requirements: readonly Requirement[],
  tier: Tier,
  catalogHref: string,
): OscalProfileDocument {
  const ids = requirements
    .filter((r) => r.tiers.includes(tier))
    .map(exportedId)
    .sort();
  const all = requirements.map(exportedId).sort();
  const setParameters = requirements
    .filter((r) => r.tiers.includes(tier))
    .flatMap((r) => r.storedParameters ?? [])
    .filter((p) => p.tierValues[tier] !== undefined)
    .map((p) => ({ 'param-id': p.id, values: [p.tierValues[tier]!] }));
  // OSCAL wants at least one id in include-controls: a tier without requirements excludes them all.
  const selection =
    ids.length > 0
      ? { 'include-controls': [{ 'with-ids': ids }] }
      : { 'include-all': {}, 'exclude-controls': [{ 'with-ids': all }] };
  return {
    profile: {
      uuid: nameUuid(`profile:${baseline.uuid}:${tier}`),
      metadata: metadata(baseline, `${baseline.title}: ${tier} tier`, [
        { name: 'tier', ns: REGISTRY_NS, value: tier },
      ]),
      imports: [{ href: catalogHref, ...selection }],
      merge: { 'as-is': true },
      ...(setParameters.length > 0 ? { modify: { 'set-parameters': setParameters } } : {}),
    },
  };
}
