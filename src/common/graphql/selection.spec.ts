import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { selectsOnly } from './selection.js';

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
