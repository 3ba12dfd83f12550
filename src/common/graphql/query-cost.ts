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
import { DEFAULT_PAGE_SIZE } from './connection.js';

/** Assumed length of a list that takes no `first` (findings of an assessment, sub-processors, ...). */
export const UNPAGED_LIST_ESTIMATE = 25;

interface CostContext {
  readonly schema: GraphQLSchema;
  readonly variables: Record<string, unknown>;
  readonly fragments: Record<string, FragmentDefinitionNode>;
  largestPage: number;
}

export interface QueryCost {
  /** Objects the most expensive operation of the document may produce. */
  readonly cost: number;
  /** The largest `first` asked for anywhere, so an oversized page is named as such. */
  readonly largestPage: number;
}

/**
 * The number of objects a query may produce: every object field costs 1, multiplied by the page
 * size of each enclosing connection (`first`, default 20) and by an estimate for other lists.
 * Variables are taken at their real values, so a 12-deep query or `first: 99999` is priced as
 * what it would cost, before any resolver runs.
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
  const multiplier = listMultiplier(field, node, parent, context);
  return multiplier * (1 + selectionCost(node.selectionSet, named, context, visiting));
}

function listMultiplier(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  parent: GraphQLCompositeType,
  context: CostContext,
): number {
  const { variables } = context;
  if (field.args.some((arg) => arg.name === 'first')) {
    const argument = node.arguments?.find((a) => a.name.value === 'first');
    let value: unknown = DEFAULT_PAGE_SIZE;
    if (argument?.value.kind === Kind.INT) value = Number(argument.value.value);
    if (argument?.value.kind === Kind.VARIABLE)
      value = variables[argument.value.name.value] ?? DEFAULT_PAGE_SIZE;
    const size = typeof value === 'number' && Number.isFinite(value) ? Math.max(1, value) : DEFAULT_PAGE_SIZE;
    context.largestPage = Math.max(context.largestPage, size);
    return size;
  }
  if (!isListType(getNullableType(field.type))) return 1;
  // The edges of a connection are already priced by the connection's `first`.
  return parent.name.endsWith('Connection') ? 1 : UNPAGED_LIST_ESTIMATE;
}
