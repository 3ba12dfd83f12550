import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../../common/graphql/connection.js';

/** Assumed length of a list that takes no `first` (findings of an assessment, sub-processors, ...). */
export const UNPAGED_LIST_ESTIMATE = 25;

/**
 * Lists whose length is known better than the generic estimate, by `Type.field`: an incident has
 * at most one deadline per DeadlineKind (4); an exposure path runs from a subscribed product down
 * its chain of sub-processors, which in the register is a handful of links (estimate 6, the
 * benchmark world's deepest chain of 5 plus the subscribed product).
 */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  'Incident.deadlines': 4,
  'Exposure.path': 6,
};

/** The fields of a connection that hold one entry per item of the page. */
const PAGE_FIELDS = new Set(['edges', 'nodes']);

interface CostContext {
  readonly schema: GraphQLSchema;
  readonly variables: Record<string, unknown>;
  readonly fragments: Record<string, FragmentDefinitionNode>;
  largestPage: number;
  /** The page size of the connection whose selection is being priced, if any. */
  page?: number;
}

export interface QueryCost {
  /** Objects the most expensive operation of the document may produce. */
  readonly cost: number;
  /** The largest `first` asked for anywhere, so an oversized page is named as such. */
  readonly largestPage: number;
}

/**
 * The number of objects a query may produce: every object costs 1. A connection costs 1, plus
 * its `pageInfo` once, plus its `edges` (or `nodes`) once per item of the page it asks for
 * (`first`, default 20): a nested connection is counted per parent actually on the enclosing page,
 * not as a product of maxima. Other lists count by LIST_SIZES or UNPAGED_LIST_ESTIMATE.
 * `variables` must be the operation's coerced values (see `coercedVariables`, defaults included),
 * so `query($n: Int = 100)` is priced at 100 and `first: 99999` at what it would cost, before
 * any resolver runs.
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): QueryCost {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const context: CostContext = { schema, variables, fragments, largestPage: 0 };
  let max = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = schema.getRootType(definition.operation);
    if (root) max = Math.max(max, selectionCost(definition.selectionSet, root, context, new Set()));
  }
  return { cost: max, largestPage: context.largestPage };
}

function selectionCost(
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  context: CostContext,
  visiting: Set<string>,
): number {
  let total = 0;
  for (const selection of set.selections) {
    switch (selection.kind) {
      case Kind.FIELD:
        total += fieldCost(selection, type, context, visiting);
        break;
      case Kind.INLINE_FRAGMENT: {
        const condition =
          selection.typeCondition && context.schema.getType(selection.typeCondition.name.value);
        const target = condition && isCompositeType(condition) ? condition : type;
        total += selectionCost(selection.selectionSet, target, context, visiting);
        break;
      }
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = context.fragments[name];
        // Cycles are refused by the spec's validation already; this only keeps the walk finite.
        if (!fragment || visiting.has(name)) break;
        const condition = context.schema.getType(fragment.typeCondition.name.value);
        visiting.add(name);
        total += selectionCost(
          fragment.selectionSet,
          isCompositeType(condition) ? condition : type,
          context,
          visiting,
        );
        visiting.delete(name);
        break;
      }
    }
  }
  return total;
}

function fieldCost(
  node: FieldNode,
  parent: GraphQLCompositeType,
  context: CostContext,
  visiting: Set<string>,
): number {
  if (!node.selectionSet) return 0;
  if (node.name.value.startsWith('__')) return 1;
  const field =
    isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
  if (!field) return 0;
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return 0;
  const page = pageSize(field, node, context);
  if (page !== undefined) {
    // The connection object once; its edges priced per item of this page (see PAGE_FIELDS).
    const outer = context.page;
    context.page = page;
    const inner = selectionCost(node.selectionSet, named, context, visiting);
    context.page = outer;
    return 1 + inner;
  }
  const multiplier = listMultiplier(field, parent, context);
  const outer = context.page;
  context.page = undefined;
  const inner = selectionCost(node.selectionSet, named, context, visiting);
  context.page = outer;
  return multiplier * (1 + inner);
}

function pageSize(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  context: CostContext,
): number | undefined {
  if (!field.args.some((arg) => arg.name === 'first')) return undefined;
  const argument = node.arguments?.find((a) => a.name.value === 'first');
  let value: unknown = DEFAULT_PAGE_SIZE;
  if (argument?.value.kind === Kind.INT) value = Number(argument.value.value);
  if (argument?.value.kind === Kind.VARIABLE)
    value = context.variables[argument.value.name.value] ?? DEFAULT_PAGE_SIZE;
  const size = typeof value === 'number' && Number.isFinite(value) ? Math.max(1, value) : DEFAULT_PAGE_SIZE;
  context.largestPage = Math.max(context.largestPage, size);
  return size;
}

function listMultiplier(
  field: GraphQLField<unknown, unknown>,
  parent: GraphQLCompositeType,
  context: CostContext,
): number {
  if (!isListType(getNullableType(field.type))) return 1;
  if (context.page !== undefined && PAGE_FIELDS.has(field.name)) return context.page;
  return LIST_SIZES[`${parent.name}.${field.name}`] ?? UNPAGED_LIST_ESTIMATE;
}
