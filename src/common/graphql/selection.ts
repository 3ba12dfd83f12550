import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved asks only for sub-fields among `allowed` (through fragments
 * too), so a loader may fetch less. Conservative: a field under @skip/@include counts as asked.
 */
export function selectsOnly(info: GraphQLResolveInfo, allowed: ReadonlySet<string>): boolean {
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
          const fragment = info.fragments[name];
          if (!fragment || !within(fragment.selectionSet)) return false;
          break;
        }
      }
    }
    return true;
  };
  return info.fieldNodes.every((node) => within(node.selectionSet));
}
