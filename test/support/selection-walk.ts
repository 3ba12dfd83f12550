import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

/**
 * Random query documents for the canary property: a walk over the schema's types from some root
 * fields, required arguments filled from a pool of real ids and strings, `first` kept small so the
 * document stays far inside the cost limit. One field name per level and one branch per abstract
 * type, so no two selections can conflict without aliases (the alias limit is 15).
 */

export type Gen = fc.GeneratorValue;

export interface WalkPools {
  readonly ids: readonly string[];
  readonly strings: readonly string[];
}

const pick = <T>(g: Gen, items: readonly T[]): T => items[g(fc.nat, { max: items.length - 1 })];

const ALIASES: Record<string, string> = { from: 'Baseline', to: 'Baseline', supplier: 'Organization' };

/** The object type an id argument most likely names: `productId` or `product(id:)` a Product. */
function idTypeHint(fieldName: string, argName: string): string | undefined {
  const stem = argName === 'id' ? fieldName : argName.replace(/Ids?$/, '');
  if (stem === 'node') return undefined;
  return ALIASES[stem] ?? stem.charAt(0).toUpperCase() + stem.slice(1);
}

/** Mostly an id of the hinted type (so the walk gets past the root), sometimes any id. */
function pickId(g: Gen, ids: readonly string[], hint: string | undefined): string {
  const typed = hint
    ? ids.filter((id) => Buffer.from(id, 'base64url').toString('utf8').startsWith(`${hint}:`))
    : [];
  return typed.length && g(fc.nat, { max: 4 }) > 0 ? pick(g, typed) : pick(g, ids);
}

/** A literal for an argument, or undefined when the walk cannot make one (the field is skipped). */
function literal(g: Gen, type: GraphQLInputType, pools: WalkPools, hint?: string): string | undefined {
  const inner = getNullableType<GraphQLInputType>(type);
  if (isListType(inner)) {
    const item = literal(g, inner.ofType, pools, hint);
    return item === undefined ? undefined : `[${item}]`;
  }
  if (isEnumType(inner)) return pick(g, inner.getValues()).name;
  if (isInputObjectType(inner)) return undefined;
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'ID':
        return JSON.stringify(pickId(g, pools.ids, hint));
      case 'String':
        return JSON.stringify(pick(g, [...pools.strings, ...pools.ids]));
      case 'Int':
        return String(g(fc.integer, { min: 1, max: 3 }));
      case 'Boolean':
        return String(g(fc.boolean));
      case 'DateTime':
        return JSON.stringify(new Date(Date.now() - g(fc.nat, { max: 30 }) * 86_400_000).toISOString());
      default:
        return undefined;
    }
  }
  return undefined;
}

/** `(id: "...", first: 2)`, '' without arguments, undefined when a required one cannot be made. */
function argumentsFor(g: Gen, field: GraphQLField<unknown, unknown>, pools: WalkPools): string | undefined {
  const parts: string[] = [];
  for (const arg of field.args) {
    // a made-up cursor only earns BAD_USER_INPUT for the whole query
    if (arg.name === 'after') continue;
    if (arg.name === 'first') {
      parts.push(`first: ${g(fc.integer, { min: 1, max: 3 })}`);
      continue;
    }
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    if (!required && !g(fc.boolean)) continue;
    const value = literal(g, arg.type, pools, idTypeHint(field.name, arg.name));
    if (value === undefined) {
      if (required) return undefined;
      continue;
    }
    parts.push(`${arg.name}: ${value}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

function selectionOf(
  g: Gen,
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  depth: number,
  pools: WalkPools,
): string {
  if (isAbstractType(type)) {
    const possible = schema.getPossibleTypes(type);
    if (!possible.length || depth <= 0) return '{ __typename }';
    const branch = pick(g, possible);
    return `{ __typename ... on ${branch.name} ${selectionOf(g, schema, branch, depth, pools)} }`;
  }
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields());
  const wanted = g(fc.integer, { min: 1, max: 4 });
  const chosen = new Set<string>();
  const parts = ['__typename'];
  for (let i = 0; i < wanted * 2 && chosen.size < wanted; i++) {
    const field = pick(g, fields);
    if (chosen.has(field.name)) continue;
    const part = fieldSelection(g, schema, field, depth - 1, pools);
    if (part === undefined) continue;
    chosen.add(field.name);
    parts.push(part);
  }
  return `{ ${parts.join(' ')} }`;
}

/** One field with its arguments and, for objects, a selection `depth` levels deep at most. */
export function fieldSelection(
  g: Gen,
  schema: GraphQLSchema,
  field: GraphQLField<unknown, unknown>,
  depth: number,
  pools: WalkPools,
): string | undefined {
  const args = argumentsFor(g, field, pools);
  if (args === undefined) return undefined;
  const named = getNamedType(field.type);
  if (isLeafType(named)) return `${field.name}${args}`;
  if (depth <= 0) return undefined;
  return `${field.name}${args} ${selectionOf(g, schema, named, depth, pools)}`;
}

/** A query of one to three of `roots`, at most `maxDepth` levels deep. */
export function randomQuery(
  g: Gen,
  schema: GraphQLSchema,
  roots: readonly GraphQLField<unknown, unknown>[],
  maxDepth: number,
  pools: WalkPools,
): string {
  const wanted = g(fc.integer, { min: 1, max: 3 });
  const chosen = new Set<string>();
  const parts: string[] = [];
  for (let i = 0; i < wanted * 3 && chosen.size < wanted; i++) {
    const field = pick(g, roots);
    if (chosen.has(field.name)) continue;
    const part = fieldSelection(g, schema, field, maxDepth - 1, pools);
    if (part === undefined) continue;
    chosen.add(field.name);
    parts.push(part);
  }
  return `{ ${parts.length ? parts.join(' ') : '__typename'} }`;
}
