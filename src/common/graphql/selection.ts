import {
  type FieldNode,
  type FragmentSpreadNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  type InlineFragmentNode,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** What reading a selection needs of its document: the fragments, the variables and the schema. */
export type SelectionDocument = Pick<GraphQLResolveInfo, 'fragments' | 'variableValues' | 'schema'>;

/**
 * Whether the field being resolved asks only for sub-fields among `allowed` (through fragments
 * too), so a loader may fetch less. Conservative: a field under @skip/@include counts as asked.
 */
export function selectsOnly(info: GraphQLResolveInfo, allowed: ReadonlySet<string>): boolean {
  return nodesSelectOnly(info.fieldNodes, info, allowed);
}

/** selectsOnly for the nodes of one field (all the nodes of its response key), as its resolver sees them. */
export function nodesSelectOnly(
  nodes: readonly FieldNode[],
  document: Pick<SelectionDocument, 'fragments'>,
  allowed: ReadonlySet<string>,
): boolean {
  const seen = new Set<string>();
  const within = (set: SelectionSetNode | undefined): boolean => {
    if (!set) return true;
    for (const selection of set.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          if (!allowed.has(selection.name.value)) return false;
          break;
        case Kind.INLINE_FRAGMENT:
          if (!within(selection.selectionSet)) return false;
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          if (seen.has(name)) break;
          seen.add(name);
          const fragment = document.fragments[name];
          if (!fragment || !within(fragment.selectionSet)) return false;
          break;
        }
      }
    }
    return true;
  };
  return nodes.every((node) => within(node.selectionSet));
}

/** Whether graphql executes a selection: not under @skip(if: true) or @include(if: false). */
function executed(
  node: FieldNode | InlineFragmentNode | FragmentSpreadNode,
  document: SelectionDocument,
): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, document.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, document.variableValues)?.if !== false;
}

/**
 * The sub-fields `name` of the fields `nodes` as graphql collects them (through fragments, leaving
 * out what @skip/@include leave out), one group per response key: each group is the fieldNodes
 * of one resolver call for a parent. For a query resolver looking ahead at what its field
 * resolvers will be asked (the fields below an object type, whose fragments all apply to it).
 */
export function subFields(
  nodes: readonly FieldNode[],
  document: SelectionDocument,
  name: string,
): FieldNode[][] {
  const groups = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>): void => {
    for (const selection of set?.selections ?? []) {
      if (!executed(selection, document)) continue;
      switch (selection.kind) {
        case Kind.FIELD:
          if (selection.name.value === name) {
            const key = selection.alias?.value ?? name;
            groups.set(key, [...(groups.get(key) ?? []), selection]);
          }
          break;
        case Kind.INLINE_FRAGMENT:
          visit(selection.selectionSet, seen);
          break;
        case Kind.FRAGMENT_SPREAD:
          if (seen.has(selection.name.value)) break;
          seen.add(selection.name.value);
          visit(document.fragments[selection.name.value]?.selectionSet, seen);
          break;
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet, new Set());
  return [...groups.values()];
}

/** Every node of the fields along `path` below `nodes`, whatever their aliases (see subFields). */
export function fieldsAt(
  nodes: readonly FieldNode[],
  document: SelectionDocument,
  path: readonly string[],
): FieldNode[] {
  return path.reduce<FieldNode[]>((at, name) => subFields(at, document, name).flat(), [...nodes]);
}
