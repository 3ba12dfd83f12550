import {
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { fieldsAt, type SelectionDocument } from '../common/graphql/selection.js';
import { statusDetailOf } from './status-selection.js';

/** statusDetailOf for the products of mySubscriptions in `query` (with its fragments). */
function detailOf(query: string, variableValues: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const selection = { fragments, variableValues } as unknown as SelectionDocument;
  const root = operation.selectionSet.selections as FieldNode[];
  return statusDetailOf(fieldsAt(root, selection, ['edges', 'node', 'product']), selection);
}

const dashboard = (status: string, rest = '') =>
  `query { mySubscriptions { edges { node { product { name ${status} } } } } } ${rest}`;

describe('statusDetailOf', () => {
  it('reads the state alone for the state, counts, dates, incidents and baseline', () => {
    expect(
      detailOf(
        dashboard(`status { __typename state effectiveState tier assessedAt validUntil satisfied
          partiallySatisfied notSatisfied notApplicable notAssessed openRemediations overdueRemediations
          openIncidents baseline { id key reasons: version } }`),
      ),
    ).toBe('state');
  });

  it('reads the state alone when no status is asked for', () => {
    expect(detailOf(dashboard(''))).toBe('state');
  });

  it('reads the whole status for the reasons or the chain', () => {
    expect(detailOf(dashboard('status { state reasons }'))).toBe('full');
    expect(detailOf(dashboard('status { state chain { state } }'))).toBe('full');
  });

  it('finds them under an alias, in fragments and beside another status', () => {
    expect(detailOf(dashboard('status { state } other: status { why: reasons }'))).toBe('full');
    expect(detailOf(dashboard('status { ...s }', 'fragment s on ProductStatus { reasons }'))).toBe('full');
    expect(detailOf(dashboard('...p', 'fragment p on Product { status { chain { state } } }'))).toBe('full');
    expect(detailOf(dashboard('status { ... on ProductStatus { reasons } }'))).toBe('full');
    expect(detailOf(dashboard('status { ...s }', 'fragment s on ProductStatus { state }'))).toBe('state');
  });

  it('counts a field under @skip or @include as asked', () => {
    expect(detailOf(dashboard('status { state reasons @skip(if: true) }'))).toBe('full');
    expect(detailOf(dashboard('status { state reasons @include(if: $why) }'), { why: false })).toBe('full');
  });
});
