import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { parse, validate } from 'graphql';
import { ExampleBaselineSeeder } from '../src/baselines/example/example-baseline.seeder.js';
import { Role } from '../src/common/actor.js';
import { OrganizationKind } from '../src/common/actor.js';
import {
  agency,
  municipality,
  newOrganization,
  randomOrgNumber,
  region,
  type TestOrg,
} from './support/factories.js';
import { type DocExample, fillPlaceholders, pick, readDocExamples } from './support/docs-examples.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** README.md and every docs/**.md, each run in order in a world of its own. */
function docFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
    );
  const all = ['README.md', ...walk('docs').sort()];
  // DOCS_ONLY=docs/status.md,docs/oscal.md runs only those files (default: all).
  const only = (process.env.DOCS_ONLY ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  return only.length === 0 ? all : all.filter((f) => only.includes(f));
}

const DAY = 86_400_000;

/** Who `<!-- as: name -->` means; fresh organisations per doc file, the seeded ones shared. */
async function callers(t: TestApp): Promise<Record<string, TestOrg>> {
  return {
    agency: await agency(t),
    supplier: await newOrganization(t, OrganizationKind.SUPPLIER),
    supplier2: await newOrganization(t, OrganizationKind.SUPPLIER),
    assessor: await newOrganization(t, OrganizationKind.ASSESSOR),
    municipality: await municipality(t, '0180'),
    municipality2: await municipality(t, '1480'),
    region: await region(t, '01'),
    publicBody: await newOrganization(t, OrganizationKind.PUBLIC_BODY),
  };
}

/** Built-in placeholders: `$supplierId` etc. for every caller, fresh numbers, dates from now. */
function builtIn(name: string, who: Record<string, TestOrg>): unknown {
  const now = Date.now();
  const dates: Record<string, number> = {
    now: 0,
    yesterday: -DAY,
    lastWeek: -7 * DAY,
    in30Days: 30 * DAY,
    in90Days: 90 * DAY,
    inOneYear: 365 * DAY,
  };
  if (name in dates) return new Date(now + dates[name]).toISOString();
  if (name === 'freshOrgNumber') return randomOrgNumber();
  // Where a webhook example points: nothing listens there, and the test runs no delivery worker.
  if (name === 'webhookUrl') return 'http://127.0.0.1:9/hooks/registry';
  const caller = /^(.*)Id$/.exec(name)?.[1];
  if (caller && who[caller]) return who[caller].id;
  return undefined;
}

for (const file of docFiles()) {
  const examples = readDocExamples(file);
  if (examples.length === 0) continue;

  describe(`${file}: every GraphQL example runs`, () => {
    let t: TestApp;
    let who: Record<string, TestOrg>;
    const saved = new Map<string, unknown>();
    let current: DocExample['as'];

    beforeAll(async () => {
      // The example baseline as `npm start` loads it; webhooks to a local address as in development.
      t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', SEED_EXAMPLE_BASELINE: 'true' });
      // The boot loads it only into a database without baselines; other test files may have made some.
      await t.app.get(ExampleBaselineSeeder).load();
      who = await callers(t);
    });
    afterAll(() => t.close());

    for (const example of examples) {
      const title = `${example.operationName} (line ${example.line})${example.skip ? ` [not run: ${example.skip}]` : ''}`;
      it(title, async () => {
        const errors = validate(t.app.get(GraphQLSchemaHost).schema, parse(example.query));
        expect(errors.map((e) => e.message)).toEqual([]);
        current = example.as ?? current;
        if (example.skip || example.operationType === 'subscription') return;
        if (!current)
          throw new Error(`${file}:${example.line}: no caller yet; put <!-- as: ... --> before it`);
        const caller = who[current.caller];
        if (!caller) throw new Error(`${file}:${example.line}: unknown caller "${current.caller}"`);
        const role = (current.role ?? 'ADMIN') as Role;
        const variables = fillPlaceholders(example.variables, (name) => {
          const value = saved.has(name) ? saved.get(name) : builtIn(name, who);
          if (value === undefined) throw new Error(`${file}:${example.line}: nothing saved as $${name}`);
          return value;
        }) as Record<string, unknown>;
        const response = await t.gql(example.query, variables, await caller.token(role));
        if (example.expect) {
          expect(response.errors?.[0]?.extensions?.code).toBe(example.expect);
        } else {
          expect(response.errors ?? []).toEqual([]);
          expect(response.data).not.toBeNull();
        }
        for (const { name, path } of example.save) {
          const value = pick(response.data, path);
          if (value === undefined || value === null)
            throw new Error(`${file}:${example.line}: save ${name}: nothing at ${path}`);
          saved.set(name, value);
        }
      });
    }
  });
}
