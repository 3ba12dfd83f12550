import { buildSchema, parse, validate } from 'graphql';
import { loadConfig } from '../../common/config/app-config.js';
import { QUERY_LIMITS, validationRules } from './document-limits.js';

const schema = buildSchema(`
  type Node { name: String! child: Node }
  type Query { root: Node }
`);

function nested(depth: number): string {
  return '{ ' + 'root { '.repeat(1) + 'child { '.repeat(depth - 2) + 'name' + ' }'.repeat(depth - 1) + ' }';
}

function errors(query: string, env: Record<string, string> = {}): string[] {
  return validate(schema, parse(query), validationRules(loadConfig(env))).map((e) => e.message);
}

describe('document limits (validation rules shared by HTTP and WebSocket)', () => {
  it(`allows depth ${QUERY_LIMITS.maxDepth} and refuses 12`, () => {
    expect(errors(nested(QUERY_LIMITS.maxDepth))).toEqual([]);
    expect(errors(nested(12)).join()).toMatch(/depth/i);
  });

  it('refuses alias overloading', () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: root { name }`).join(' ');
    expect(errors(`{ ${aliases} }`).join()).toMatch(/alias/i);
  });

  it('refuses directive overloading', () => {
    expect(errors(`{ root { name ${'@include(if: true) '.repeat(50)} } }`).join()).toMatch(/directive/i);
  });

  it('refuses 500 duplicated fields', () => {
    expect(errors(`{ root { ${'name '.repeat(500)} } }`).join()).toMatch(/field selections/);
  });

  it('refuses introspection in production only', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://x/y',
      AUTH_JWT_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://r.example',
    };
    expect(errors('{ __schema { queryType { name } } }')).toEqual([]);
    expect(errors('{ __schema { queryType { name } } }', production).join()).toMatch(/introspection/i);
  });
});
