import {
  buildSchema,
  type FieldNode,
  type FragmentDefinitionNode,
  graphql,
  type GraphQLResolveInfo,
  Kind,
  type OperationDefinitionNode,
  parse,
} from 'graphql';
import { fieldsAt, selectsOnly, subFields } from './selection.js';

const schema = buildSchema(`
  type Requirement { code: String! title: String! }
  type Finding { id: ID! result: String! note: String requirement: Requirement! }
  type Query { findings: [Finding!]! }
`);

const SLIM = new Set(['result', 'requirement', '__typename']);

async function slimFor(source: string): Promise<boolean> {
  let answer: boolean | undefined;
  await graphql({
    schema,
    source,
    rootValue: {
      findings: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        answer = selectsOnly(info, SLIM);
        return [];
      },
    },
  });
  return answer!;
}

describe('selectsOnly', () => {
  it('is true when every asked sub-field is allowed, whatever is asked below them', async () => {
    expect(await slimFor('{ findings { result requirement { code title } } }')).toBe(true);
    expect(await slimFor('{ findings { __typename result } }')).toBe(true);
  });

  it('is false as soon as one other field is asked, also through fragments or aliases', async () => {
    expect(await slimFor('{ findings { result id } }')).toBe(false);
    expect(await slimFor('{ findings { result ... on Finding { note } } }')).toBe(false);
    expect(await slimFor('{ findings { ...f } } fragment f on Finding { result note }')).toBe(false);
    expect(await slimFor('{ findings { result x: id } }')).toBe(false);
  });

  it('follows fragments that ask only allowed fields, and counts fields under @skip as asked', async () => {
    expect(await slimFor('{ findings { ...f } } fragment f on Finding { result requirement { code } }')).toBe(
      true,
    );
    expect(await slimFor('{ findings { result note @skip(if: true) } }')).toBe(false);
  });

  it('looks at every occurrence of the field in the document', async () => {
    expect(await slimFor('{ findings { result } findings { note } }')).toBe(false);
  });
});

describe('subFields and fieldsAt', () => {
  const document = (source: string, variableValues: Record<string, unknown> = {}) => {
    const parsed = parse(source);
    const fragments = Object.fromEntries(
      parsed.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    const operation = parsed.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    const roots = operation.selectionSet.selections as FieldNode[];
    return { roots, doc: { schema, fragments, variableValues } };
  };
  const names = (groups: FieldNode[][]) =>
    groups.map((group) => group.map((node) => node.alias?.value ?? '-'));

  it('groups the occurrences of a field by response key, through fragments', () => {
    const { roots, doc } = document(
      `{ findings { requirement { code } a: requirement { title } ...f ... on Finding { requirement { title } } } }
       fragment f on Finding { a: requirement { code } }`,
    );
    expect(names(subFields(roots, doc, 'requirement'))).toEqual([
      ['-', '-'],
      ['a', 'a'],
    ]);
  });

  it('leaves out what @skip and @include leave out, with variables', () => {
    const { roots, doc } = document(
      `query($no: Boolean!) { findings { requirement @skip(if: true) { code } a: requirement @include(if: $no) { code }
         ... @include(if: $no) { b: requirement { code } } c: requirement @skip(if: $no) { code } } }`,
      { no: false },
    );
    expect(names(subFields(roots, doc, 'requirement'))).toEqual([['c']]);
  });

  it('follows a path whatever the aliases', () => {
    const { roots, doc } = document(`{ findings { requirement { code } x: requirement { code title } } }`);
    expect(fieldsAt(roots, doc, [])).toEqual(roots);
    expect(fieldsAt(roots, doc, ['requirement']).map((node) => node.selectionSet!.selections.length)).toEqual(
      [1, 2],
    );
  });
});
