import { BadUserInputError, type FieldViolation } from '../../common/errors/domain-error.js';
import { MappingRelationship } from '../dto/mapping-relationship.enum.js';
import { Tier } from '../dto/tier.enum.js';
import { type FieldPath, IMPORTED_CODE_PATTERN } from '../requirement.rules.js';
import type { RawRequirement, StoredParameter } from '../requirement-content.js';
import { partText, resolveText } from './oscal-text.js';
import { REGISTRY_NS } from './oscal-export.js';

/*
 * Reads an OSCAL 1.1/1.2 catalog (JSON) into requirements: every control, at any depth of groups,
 * and its enhancements (controls inside controls, knowing their parent) become requirements of their
 * nearest group's title as category. The control's id is kept exactly as its source id; the code
 * follows the rule in `Reader.code`. Parameters are kept (label, guidelines, constraints, choices)
 * and the statement keeps its item labels and nesting, with parameter insertions written out as
 * assignments. Withdrawn controls are skipped and listed. Tiers and mappings come from the
 * registry's own props; a control without tier props applies to every tier. Anything malformed is
 * refused with a JSON pointer (RFC 6901) to it, prefixed `document` (the first 50 problems).
 */

export interface ParsedCatalog {
  title: unknown;
  description: unknown;
  /** Where the baseline's own fields come from, for errors. */
  pointers: Record<string, string>;
  requirements: { raw: RawRequirement; at: FieldPath }[];
  /** Ids of withdrawn controls, skipped. */
  withdrawn: string[];
}

const MAX_DEPTH = 10;
const MAX_PROBLEMS = 50;
const MAX_SOURCE_ID = 100;
const TOKEN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_CATEGORY = 'General';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const escapeSegment = (segment: string | number): string =>
  String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
const join = (pointer: string, ...segments: (string | number)[]): string =>
  pointer + segments.map((s) => `/${escapeSegment(s)}`).join('');

class Reader {
  readonly problems: FieldViolation[] = [];
  readonly requirements: ParsedCatalog['requirements'] = [];
  readonly withdrawn: string[] = [];
  private readonly codes = new Set<string>();

  fail(pointer: string, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) {
      this.problems.push({ field: `document${pointer}`, message: `${pointer || '/'}: ${message}` });
    }
  }

  string(parent: Json, key: string, pointer: string, required = true): string | undefined {
    const value = parent[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || !value.trim()) {
      this.fail(join(pointer, key), value === undefined ? 'is required' : 'must be a non-empty string');
      return undefined;
    }
    return value;
  }

  list(parent: Json, key: string, pointer: string): Json[] {
    const value = parent[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.fail(join(pointer, key), 'must be an array');
      return [];
    }
    return value.filter((item, i) => {
      if (!isObject(item)) this.fail(join(pointer, key, i), 'must be an object');
      return isObject(item);
    });
  }

  group(group: Json, pointer: string, depth: number): void {
    if (depth > MAX_DEPTH) return this.fail(pointer, `nests deeper than ${MAX_DEPTH} levels`);
    if (group.id !== undefined && (typeof group.id !== 'string' || !TOKEN.test(group.id))) {
      this.fail(join(pointer, 'id'), 'must be an OSCAL token (a letter or _, then letters, digits, _ . -)');
    }
    const title = this.string(group, 'title', pointer);
    const category = { value: title ?? DEFAULT_CATEGORY, pointer: join(pointer, 'title') };
    this.children(group, pointer, depth, category);
  }

  children(parent: Json, pointer: string, depth: number, category: { value: string; pointer: string }): void {
    this.list(parent, 'groups', pointer).forEach((g, i) =>
      this.group(g, join(pointer, 'groups', i), depth + 1),
    );
    this.list(parent, 'controls', pointer).forEach((c, i) =>
      this.control(c, join(pointer, 'controls', i), depth + 1, category),
    );
  }

  control(
    control: Json,
    pointer: string,
    depth: number,
    category: { value: string; pointer: string },
    parentSourceId: string | null = null,
  ): void {
    if (depth > MAX_DEPTH) return this.fail(pointer, `nests deeper than ${MAX_DEPTH} levels`);
    const id = this.string(control, 'id', pointer);
    if (id !== undefined && !TOKEN.test(id)) {
      this.fail(join(pointer, 'id'), 'must be an OSCAL token (a letter or _, then letters, digits, _ . -)');
    } else if (id !== undefined && id.length > MAX_SOURCE_ID) {
      this.fail(join(pointer, 'id'), `must be at most ${MAX_SOURCE_ID} characters`);
    }
    const title = this.string(control, 'title', pointer);
    const props = this.list(control, 'props', pointer);
    const withdrawn = props.some(
      (p) => p.name === 'status' && typeof p.value === 'string' && p.value.toLowerCase() === 'withdrawn',
    );
    const enhancements = (parent: string | null) =>
      this.list(control, 'controls', pointer).forEach((c, i) =>
        this.control(c, join(pointer, 'controls', i), depth + 1, category, parent),
      );
    if (withdrawn) {
      // Withdrawn controls are not requirements; an enhancement still in force keeps their parent.
      if (id !== undefined) this.withdrawn.push(id);
      return enhancements(parentSourceId);
    }
    const pointers: Record<string, string> = {
      code: join(pointer, 'id'),
      title: join(pointer, 'title'),
      statement: join(pointer, 'parts'),
      category: category.pointer,
      tiers: join(pointer, 'props'),
      mappings: join(pointer, 'props'),
    };
    let label: { value: string; pointer: string; classless: boolean } | undefined;
    const tiers: Tier[] = [];
    const mappings: { framework: string; reference: string; relationship: MappingRelationship }[] = [];
    props.forEach((prop, i) => {
      const at = join(pointer, 'props', i);
      const name = this.string(prop, 'name', at);
      const value = this.string(prop, 'value', at);
      if (name === undefined || value === undefined) return;
      const ours = prop.ns === REGISTRY_NS;
      if (name === 'label' && prop.ns === undefined) {
        const classless = prop.class === undefined;
        if (!label || (classless && !label.classless)) {
          label = { value: value.trim(), pointer: join(at, 'value'), classless };
        }
      } else if (ours && name === 'tier') {
        if (!Object.values(Tier).includes(value as Tier))
          return this.fail(join(at, 'value'), 'must be BASIC, ELEVATED or HIGH');
        tiers.push(value as Tier);
      } else if (ours && name === 'mapping') {
        const space = value.indexOf(' ');
        const relationship = prop.class as MappingRelationship;
        if (space <= 0)
          return this.fail(join(at, 'value'), 'must be "FRAMEWORK REFERENCE", e.g. "NIS2-IR-2024-2690 11.1"');
        if (!Object.values(MappingRelationship).includes(relationship)) {
          return this.fail(join(at, 'class'), 'must be EQUIVALENT, SUBSET_OF, SUPERSET_OF or INTERSECTS');
        }
        pointers[`mappings.${mappings.length}`] = join(at, 'value');
        pointers[`mappings.${mappings.length}.relationship`] = join(at, 'class');
        mappings.push({ framework: value.slice(0, space), reference: value.slice(space + 1), relationship });
      }
    });
    const code = this.code(id, label);
    if (label && code === label.value) pointers.code = label.pointer;
    const parameters = this.list(control, 'params', pointer).map((param, i) =>
      this.parameter(param, join(pointer, 'params', i)),
    );

    const prose: Record<string, string | undefined> = {};
    this.list(control, 'parts', pointer).forEach((part, i) => {
      const at = join(pointer, 'parts', i);
      const name = this.string(part, 'name', at);
      const field = name === 'statement' ? 'statement' : name === 'guidance' ? 'guidance' : undefined;
      const evidence = name === 'evidence-expected' && part.ns === REGISTRY_NS;
      const target = field ?? (evidence ? 'evidenceExpected' : undefined);
      if (!target || prose[target] !== undefined) return;
      if (part.prose !== undefined) this.string(part, 'prose', at);
      prose[target] = partText(part, 0, MAX_DEPTH) || undefined;
      pointers[target] = join(at, 'prose');
    });

    if (id !== undefined && title !== undefined && code !== undefined) {
      const defined = parameters.filter((p): p is StoredParameter => p !== undefined);
      const template = prose.statement;
      const raw: RawRequirement = {
        code,
        title,
        statement: template === undefined ? undefined : resolveText(template, defined),
        guidance: prose.guidance === undefined ? null : resolveText(prose.guidance, defined),
        category: category.value,
        tiers: tiers.length > 0 ? tiers : Object.values(Tier),
        evidenceExpected: prose.evidenceExpected ?? null,
        mappings,
        origin: { sourceId: id, parentSourceId, parameters: defined, statementTemplate: template ?? '' },
      };
      const at: FieldPath = (field) => {
        const exact = pointers[field];
        if (exact) return `document${exact}`;
        const mapping = /^mappings\.(\d+)\.(framework|reference|relationship)$/.exec(field);
        if (mapping)
          return `document${pointers[`mappings.${mapping[1]}${mapping[2] === 'relationship' ? '.relationship' : ''}`]}`;
        return `document${pointers[field.split('.')[0]] ?? pointer}`;
      };
      this.requirements.push({ raw, at });
    }
    // Control enhancements: requirements of their own, in the same category, knowing their parent.
    enhancements(id ?? parentSourceId);
  }

  /**
   * The documented rule: the control's label (the `label` prop without a class, else the first
   * one), else its id in upper case; the id in upper case also when the label is longer than 40
   * characters or an earlier control already has it. Only a clash of ids in upper case is refused.
   */
  code(id: string | undefined, label: { value: string } | undefined): string | undefined {
    if (id === undefined) return undefined;
    let code = label?.value;
    if (!code || !IMPORTED_CODE_PATTERN.test(code) || this.codes.has(code)) code = id.toUpperCase();
    if (code.length > 40) code = code.slice(0, 40);
    this.codes.add(code);
    return code;
  }

  parameter(param: Json, pointer: string): StoredParameter | undefined {
    const id = this.string(param, 'id', pointer);
    if (id === undefined) return undefined;
    const label = typeof param.label === 'string' && param.label.trim() ? param.label.trim() : null;
    const guidelines = this.list(param, 'guidelines', pointer)
      .map((g) => (typeof g.prose === 'string' ? g.prose.trim() : ''))
      .filter(Boolean);
    const constraints = this.list(param, 'constraints', pointer)
      .map((c) => (typeof c.description === 'string' ? c.description.trim() : ''))
      .filter(Boolean);
    const values = Array.isArray(param.values)
      ? param.values.filter((v): v is string => typeof v === 'string')
      : [];
    const select = isObject(param.select)
      ? {
          howMany: typeof param.select['how-many'] === 'string' ? param.select['how-many'] : null,
          choices: Array.isArray(param.select.choice)
            ? param.select.choice.filter((c): c is string => typeof c === 'string')
            : [],
        }
      : null;
    return {
      id,
      label,
      guidelines: guidelines.length > 0 ? guidelines.join('\n\n') : null,
      constraints,
      select,
      values,
      tierValues: {},
    };
  }
}

export function parseOscalCatalog(document: unknown): ParsedCatalog {
  const reader = new Reader();
  const refuse = (pointer: string, message: string): never => {
    reader.fail(pointer, message);
    throw new BadUserInputError(reader.problems);
  };
  if (!isObject(document)) return refuse('', 'must be an OSCAL document: an object with a "catalog"');
  const catalog = document.catalog;
  if (!isObject(catalog)) return refuse('/catalog', 'is required and must be an object (is this a profile?)');
  if (typeof catalog.uuid !== 'string' || !UUID.test(catalog.uuid))
    reader.fail('/catalog/uuid', 'must be a UUID');
  const metadata = catalog.metadata;
  if (!isObject(metadata)) return refuse('/catalog/metadata', 'is required and must be an object');
  const title = reader.string(metadata, 'title', '/catalog/metadata');
  for (const key of ['last-modified', 'version', 'oscal-version'])
    reader.string(metadata, key, '/catalog/metadata');
  const oscalVersion = metadata['oscal-version'];
  if (typeof oscalVersion === 'string' && !/^1\.\d+\.\d+/.test(oscalVersion)) {
    reader.fail('/catalog/metadata/oscal-version', 'must be an OSCAL 1.x version, e.g. 1.1.2');
  }
  const description = typeof metadata.remarks === 'string' ? metadata.remarks : null;
  reader.children(catalog, '/catalog', 0, { value: DEFAULT_CATEGORY, pointer: '/catalog' });
  if (reader.problems.length > 0) throw new BadUserInputError(reader.problems);
  return {
    title,
    description,
    pointers: { title: '/catalog/metadata/title', description: '/catalog/metadata/remarks' },
    requirements: reader.requirements,
    withdrawn: reader.withdrawn,
  };
}
