import { DocFormatError, fillPlaceholders, pick, readDocExamples } from './support/docs-examples.js';

const doc = (text: string) => readDocExamples('x.md', text);

describe('the docs-example convention (what test/docs.e2e-spec.ts reads)', () => {
  it('reads a named operation, its variables, caller, saves and expectation', () => {
    const [example] = doc(
      [
        '<!-- as: supplier EDITOR; save: productId = registerProduct.id -->',
        '<!-- expect: BAD_USER_INPUT -->',
        '',
        '```graphql',
        'mutation Register($input: RegisterProductInput!) { registerProduct(input: $input) { id } }',
        '```',
        '',
        '```json',
        '{ "input": { "name": "$name" } }',
        '```',
      ].join('\n'),
    );
    expect(example).toMatchObject({
      line: 4,
      operationName: 'Register',
      operationType: 'mutation',
      variables: { input: { name: '$name' } },
      as: { caller: 'supplier', role: 'EDITOR' },
      save: [{ name: 'productId', path: 'registerProduct.id' }],
      expect: 'BAD_USER_INPUT',
    });
  });

  it.each([
    ['an anonymous operation', '```graphql\n{ viewer { subject } }\n```'],
    [
      'two operations in one block',
      '```graphql\nquery A { viewer { subject } }\nquery B { viewer { roles } }\n```',
    ],
    ['a block that does not parse', '```graphql\nquery A { viewer {\n```'],
    [
      'variables that are not JSON',
      '```graphql\nquery A { viewer { subject } }\n```\n```json\n{ a: 1 }\n```',
    ],
    [
      'an unknown directive',
      '<!-- run-as: agency -->\n<!-- as: agency; when: later -->\n```graphql\nquery A { viewer { subject } }\n```',
    ],
  ])('refuses %s', (_, text) => {
    expect(() => doc(text)).toThrow(DocFormatError);
  });

  it('forgets a directive once other text comes between it and the block', () => {
    const [example] = doc('<!-- as: agency -->\nSome text.\n```graphql\nquery A { viewer { subject } }\n```');
    expect(example.as).toBeUndefined();
  });

  it('fills "$name" placeholders and picks paths', () => {
    expect(fillPlaceholders({ a: ['$x', 'keep $x'], b: { c: '$y' } }, (n) => n.toUpperCase())).toEqual({
      a: ['X', 'keep $x'],
      b: { c: 'Y' },
    });
    expect(pick({ events: { edges: [{ node: { id: 'e1' } }] } }, 'events.edges.0.node.id')).toBe('e1');
  });
});
