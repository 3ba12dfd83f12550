import { Role } from '../src/common/actor.js';
import { agencyToken, newBaseline, requirementInput, uniqueKey } from './support/baselines.js';
import { municipality, newAssessor, newSupplier } from './support/factories.js';
import { createTestApp, errorCode, type GqlResponse, ok, type TestApp } from './support/test-app.js';

const BASELINE = `query($id: ID!) {
  baseline(id: $id) {
    id key version title status publishedAt
    previous { id version }
    requirements(first: 100) { totalCount edges { node { id code title tiers category mappings { framework reference relationship } } } }
  }
}`;
const ADD = `mutation($baselineId: ID!, $input: RequirementInput!) { addRequirement(baselineId: $baselineId, input: $input) { id code title baseline { id } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateRequirementInput!) { updateRequirement(id: $id, input: $input) { id code title guidance tiers mappings { framework } } }`;
const REMOVE = `mutation($id: ID!) { removeRequirement(id: $id) }`;
const PUBLISH = `mutation($id: ID!) { publishBaseline(id: $id) { id status publishedAt } }`;
const RETIRE = `mutation($id: ID!) { retireBaseline(id: $id) { id status publishedAt } }`;
const CURRENT = `query($key: String!) { currentBaseline(key: $key) { id version status } }`;
const CREATE = `mutation($input: CreateBaselineInput!) { createBaseline(input: $input) { id status publishedAt previous { id } } }`;

function fields(response: GqlResponse): string[] {
  return response.errors?.[0]?.extensions?.fields ?? [];
}

describe('baselines: lifecycle', () => {
  let t: TestApp;
  let admin: string;
  let editor: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await agencyToken(t, Role.ADMIN);
    editor = await agencyToken(t, Role.EDITOR);
  });
  afterAll(() => t.close());

  describe('a baseline through its lifecycle', () => {
    const key = uniqueKey();
    let id: string;
    let added: { id: string; baseline: { id: string } };
    let published: { status: string; publishedAt: string };

    it('is created as a DRAFT, unpublished', async () => {
      const created = ok(
        await t.gql<{ createBaseline: { id: string; status: string; publishedAt: string | null } }>(
          CREATE,
          {
            input: {
              key,
              version: '2026.1',
              title: 'Lifecycle',
              requirements: [requirementInput({ code: 'IAM-01' })],
            },
          },
          editor,
        ),
      ).createBaseline;
      expect(created).toMatchObject({ status: 'DRAFT', publishedAt: null });
      id = created.id;
    });

    it('adds a requirement to the draft and updates it', async () => {
      added = ok(
        await t.gql<{ addRequirement: { id: string; baseline: { id: string } } }>(
          ADD,
          { baselineId: id, input: requirementInput({ code: 'LOG-01' }) },
          editor,
        ),
      ).addRequirement;
      expect(added.baseline.id).toBe(id);
      const updated = ok(
        await t.gql<{
          updateRequirement: {
            id: string;
            title: string;
            guidance: string | null;
            tiers: string[];
            mappings: unknown[];
          };
        }>(
          UPDATE,
          {
            id: added.id,
            input: {
              title: 'Logging of everything',
              guidance: 'Some guidance',
              tiers: ['HIGH', 'ELEVATED'],
              mappings: null,
            },
          },
          editor,
        ),
      ).updateRequirement;
      expect(updated).toMatchObject({
        id: added.id,
        title: 'Logging of everything',
        guidance: 'Some guidance',
        tiers: ['ELEVATED', 'HIGH'],
        mappings: [],
      });
    });

    it('removes a requirement from the draft once; a second removal is NOT_FOUND', async () => {
      const extra = ok(
        await t.gql<{ addRequirement: { id: string } }>(
          ADD,
          { baselineId: id, input: requirementInput({ code: 'BCK-01' }) },
          editor,
        ),
      ).addRequirement;
      expect(
        ok(await t.gql<{ removeRequirement: boolean }>(REMOVE, { id: extra.id }, editor)).removeRequirement,
      ).toBe(true);
      expect(errorCode(await t.gql(REMOVE, { id: extra.id }, editor))).toBe('NOT_FOUND');
    });

    it('becomes current when published, not before', async () => {
      expect(ok(await t.gql<{ currentBaseline: null }>(CURRENT, { key }, editor)).currentBaseline).toBeNull();
      published = ok(
        await t.gql<{ publishBaseline: { status: string; publishedAt: string } }>(PUBLISH, { id }, admin),
      ).publishBaseline;
      expect(published.status).toBe('PUBLISHED');
      expect(Date.parse(published.publishedAt)).not.toBeNaN();
      expect(
        ok(await t.gql<{ currentBaseline: { id: string } }>(CURRENT, { key }, editor)).currentBaseline.id,
      ).toBe(id);
    });

    it('refuses every change once published, and the requirement ids stay as they were', async () => {
      expect(
        errorCode(await t.gql(ADD, { baselineId: id, input: requirementInput({ code: 'NEW-01' }) }, editor)),
      ).toBe('CONFLICT');
      expect(
        errorCode(await t.gql(UPDATE, { id: added.id, input: { title: 'Changed after publish' } }, editor)),
      ).toBe('CONFLICT');
      expect(errorCode(await t.gql(REMOVE, { id: added.id }, editor))).toBe('CONFLICT');
      expect(errorCode(await t.gql(PUBLISH, { id }, admin))).toBe('CONFLICT');
      const after = ok(
        await t.gql<{
          baseline: { requirements: { edges: { node: { id: string; code: string; title: string } }[] } };
        }>(BASELINE, { id }, editor),
      );
      expect(after.baseline.requirements.edges.map((e) => e.node.code)).toEqual(['IAM-01', 'LOG-01']);
      expect(after.baseline.requirements.edges[1].node).toMatchObject({
        id: added.id,
        title: 'Logging of everything',
      });
    });

    it('retires, keeping its publication time; it is no longer current and refuses every later change', async () => {
      const retired = ok(
        await t.gql<{ retireBaseline: { status: string; publishedAt: string } }>(RETIRE, { id }, admin),
      ).retireBaseline;
      expect(retired).toMatchObject({ status: 'RETIRED', publishedAt: published.publishedAt });
      expect(ok(await t.gql<{ currentBaseline: null }>(CURRENT, { key }, editor)).currentBaseline).toBeNull();
      expect(errorCode(await t.gql(RETIRE, { id }, admin))).toBe('CONFLICT');
      expect(errorCode(await t.gql(PUBLISH, { id }, admin))).toBe('CONFLICT');
      expect(
        errorCode(await t.gql(ADD, { baselineId: id, input: requirementInput({ code: 'NEW-01' }) }, editor)),
      ).toBe('CONFLICT');
      expect(
        errorCode(await t.gql(UPDATE, { id: added.id, input: { title: 'Changed after retire' } }, editor)),
      ).toBe('CONFLICT');
    });
  });

  it('refuses to retire a draft and to publish a baseline without requirements', async () => {
    const draft = await newBaseline(t, { requirements: [] });
    expect(errorCode(await t.gql(RETIRE, { id: draft.id }, admin))).toBe('CONFLICT');
    const response = await t.gql(PUBLISH, { id: draft.id }, admin);
    expect(errorCode(response)).toBe('CONFLICT');
    expect(response.errors?.[0].message).toMatch(/no requirements/);
  });

  it('keeps versions unique within a key, not across keys', async () => {
    const first = await newBaseline(t);
    const again = await t.gql(
      CREATE,
      { input: { key: first.key, version: first.version, title: 'Again' } },
      editor,
    );
    expect(errorCode(again)).toBe('CONFLICT');
    ok(
      await t.gql(
        CREATE,
        { input: { key: uniqueKey(), version: first.version, title: 'Other series' } },
        editor,
      ),
    );
  });

  it('makes the newest published version current; a retired one never is', async () => {
    const key = uniqueKey();
    const v1 = await newBaseline(t, { key, version: '2026.1', publish: true });
    const v2 = await newBaseline(t, {
      key,
      version: '2026.2',
      fromBaselineId: v1.id,
      requirements: [],
      publish: true,
    });
    await newBaseline(t, { key, version: '2027.1', fromBaselineId: v2.id, requirements: [] });
    expect(
      ok(await t.gql<{ currentBaseline: { id: string } }>(CURRENT, { key }, editor)).currentBaseline.id,
    ).toBe(v2.id);
    ok(await t.gql(RETIRE, { id: v2.id }, admin));
    expect(
      ok(await t.gql<{ currentBaseline: { id: string } }>(CURRENT, { key }, editor)).currentBaseline.id,
    ).toBe(v1.id);
    expect(
      ok(await t.gql<{ currentBaseline: null }>(CURRENT, { key: uniqueKey('none') }, editor)).currentBaseline,
    ).toBeNull();
  });

  it('announces a publication to every organisation and audits the lifecycle', async () => {
    const draft = await newBaseline(t);
    ok(await t.gql(PUBLISH, { id: draft.id }, admin));
    const supplier = await newSupplier(t);
    const events = ok(
      await t.gql<{
        events: { edges: { node: { type: string; message: string; baseline: { id: string } | null } }[] };
      }>(
        `{ events(first: 50) { edges { node { type message baseline { id } } } } }`,
        {},
        await supplier.token(Role.VIEWER),
      ),
    );
    const event = events.events.edges.find((e) => e.node.baseline?.id === draft.id);
    expect(event?.node).toMatchObject({ type: 'BASELINE_PUBLISHED' });
    expect(event?.node.message).toContain(draft.key);

    const audit = ok(
      await t.gql<{ auditLog: { edges: { node: { action: string; actorSubject: string } }[] } }>(
        `query($id: String!) { auditLog(entityId: $id) { edges { node { action actorSubject } } } }`,
        { id: draft.id },
        admin,
      ),
    );
    expect(audit.auditLog.edges.map((e) => e.node.action).sort()).toEqual([
      'baseline.created',
      'baseline.published',
    ]);
  });
});

describe('baselines: copies and diffs', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await agencyToken(t);
  });
  afterAll(() => t.close());

  describe('copying a previous version into a new draft', () => {
    type Copy = {
      previous: { id: string };
      requirements: { totalCount: number; edges: { node: { id: string; code: string } }[] };
    };
    let v1: Awaited<ReturnType<typeof newBaseline>>;
    let v2: Awaited<ReturnType<typeof newBaseline>>;
    let copy: Copy;
    beforeAll(async () => {
      v1 = await newBaseline(t, {
        requirements: [
          { code: 'IAM-01' },
          { code: 'IAM-02' },
          { code: 'LOG-01' },
          { code: 'CRY-01', tiers: ['HIGH'] },
        ],
        publish: true,
      });
      v2 = await newBaseline(t, {
        key: v1.key,
        version: '2026.2',
        fromBaselineId: v1.id,
        requirements: [{ code: 'VUL-01' }],
      });
      copy = ok(await t.gql<{ baseline: Copy }>(BASELINE, { id: v2.id }, admin)).baseline;
    });

    it('copies every requirement as a row of its own, beside the new ones', async () => {
      expect(copy.previous.id).toBe(v1.id);
      expect(copy.requirements.edges.map((e) => e.node.code)).toEqual([
        'CRY-01',
        'IAM-01',
        'IAM-02',
        'LOG-01',
        'VUL-01',
      ]);
      // Copies are rows of their own: new ids, and the published original does not move.
      const oldIds = new Set(v1.requirements.map((r) => r.id));
      expect(copy.requirements.edges.some((e) => oldIds.has(e.node.id))).toBe(false);
    });

    it('lists what changed by code: added, removed, and the fields changed', async () => {
      const byCode = new Map(copy.requirements.edges.map((e) => [e.node.code, e.node.id]));
      const update = (code: string, input: Record<string, unknown>) =>
        t.gql(UPDATE, { id: byCode.get(code), input }, admin);
      ok(await update('IAM-01', { statement: 'A stricter statement.', tiers: ['ELEVATED', 'HIGH'] }));
      ok(
        await update('LOG-01', {
          mappings: [{ framework: 'ISO-27001-2022', reference: '8.15', relationship: 'EQUIVALENT' }],
        }),
      );
      ok(await update('CRY-01', { tiers: ['HIGH'] })); // no real change
      ok(await t.gql(REMOVE, { id: byCode.get('IAM-02') }, admin));

      const diff = ok(
        await t.gql<{
          baselineDiff: {
            from: { id: string };
            to: { id: string };
            added: { code: string }[];
            removed: { code: string; baseline: { id: string } }[];
            changed: {
              code: string;
              fields: string[];
              before: { statement: string };
              after: { statement: string };
            }[];
          };
        }>(
          `query($from: ID!, $to: ID!) { baselineDiff(fromId: $from, toId: $to) {
            from { id } to { id } added { code } removed { code baseline { id } }
            changed { code fields before { statement } after { statement } } } }`,
          { from: v1.id, to: v2.id },
          admin,
        ),
      ).baselineDiff;
      expect(diff.from.id).toBe(v1.id);
      expect(diff.to.id).toBe(v2.id);
      expect(diff.added.map((r) => r.code)).toEqual(['VUL-01']);
      expect(diff.removed).toEqual([{ code: 'IAM-02', baseline: { id: v1.id } }]);
      expect(diff.changed.map((c) => [c.code, c.fields])).toEqual([
        ['IAM-01', ['statement', 'tiers']],
        ['LOG-01', ['mappings']],
      ]);
      expect(diff.changed[0].after.statement).toBe('A stricter statement.');
      expect(diff.changed[0].before.statement).not.toBe('A stricter statement.');
    });
  });

  it('refuses a copy whose new requirements repeat a copied code, and an unknown source', async () => {
    const v1 = await newBaseline(t, { publish: true });
    const clash = await t.gql(
      CREATE,
      {
        input: {
          key: v1.key,
          version: '2',
          title: 'Clash',
          fromBaselineId: v1.id,
          requirements: [requirementInput({ code: 'VUL-01' }), requirementInput({ code: 'IAM-01' })],
        },
      },
      admin,
    );
    expect(errorCode(clash)).toBe('BAD_USER_INPUT');
    expect(fields(clash)).toEqual(['input.requirements.1.code']);
    const unknown = await t.gql(
      CREATE,
      { input: { key: v1.key, version: '3', title: 'Unknown', fromBaselineId: 'bm9wZQ' } },
      admin,
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
  });

  it('filters requirements by tier and category and pages them by code', async () => {
    const baseline = await newBaseline(t, {
      requirements: [
        { code: 'AAA-01', tiers: ['BASIC', 'ELEVATED', 'HIGH'] },
        { code: 'AAA-02', tiers: ['ELEVATED', 'HIGH'], category: 'Cryptography' },
        { code: 'AAA-03', tiers: ['HIGH'], category: 'Cryptography' },
        { code: 'AAA-04', tiers: ['BASIC', 'ELEVATED', 'HIGH'], category: 'Cryptography' },
      ],
    });
    const page = async (args: string) =>
      ok(
        await t.gql<{
          baseline: {
            requirements: {
              totalCount: number;
              pageInfo: { hasNextPage: boolean; endCursor: string };
              edges: { node: { code: string } }[];
            };
          };
        }>(
          `query($id: ID!) { baseline(id: $id) { requirements(${args}) { totalCount pageInfo { hasNextPage endCursor } edges { node { code } } } } }`,
          { id: baseline.id },
          admin,
        ),
      ).baseline.requirements;
    const codes = (r: { edges: { node: { code: string } }[] }) => r.edges.map((e) => e.node.code);
    expect(codes(await page('tier: BASIC'))).toEqual(['AAA-01', 'AAA-04']);
    expect(codes(await page('tier: ELEVATED'))).toEqual(['AAA-01', 'AAA-02', 'AAA-04']);
    expect(codes(await page('tier: HIGH, category: "Cryptography"'))).toEqual(['AAA-02', 'AAA-03', 'AAA-04']);
    const first = await page('first: 3');
    expect(first).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const second = await page(`first: 3, after: "${first.pageInfo.endCursor}"`);
    expect(codes(second)).toEqual(['AAA-04']);
    expect(second).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: false } });
  });

  it('resolves the requirements of a page of baselines without a query per baseline', async () => {
    const key = uniqueKey('batch');
    for (const version of ['1', '2', '3', '4', '5']) await newBaseline(t, { key, version });
    const response = await t.gql<{
      baselines: { totalCount: number; edges: { node: { requirements: { totalCount: number } } }[] };
    }>(
      `query($key: String!) { baselines(key: $key, first: 10) { totalCount edges { node { version previous { id }
        requirements(first: 5) { totalCount edges { node { code baseline { id } } } } } } } }`,
      { key },
      admin,
    );
    const data = ok(response);
    expect(data.baselines.totalCount).toBe(5);
    expect(data.baselines.edges.every((e) => e.node.requirements.totalCount === 2)).toBe(true);
    expect(Number(response.headers['x-sql-statements'])).toBeLessThanOrEqual(5);
  });
});

describe('baselines: validation', () => {
  let t: TestApp;
  let admin: string;
  let draftId: string;
  let requirementId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await agencyToken(t);
    const draft = await newBaseline(t);
    draftId = draft.id;
    requirementId = draft.requirements[0].id;
  });
  afterAll(() => t.close());

  const create = (input: Record<string, unknown>) =>
    t.gql(CREATE, { input: { key: uniqueKey(), version: '1.0', title: 'Valid title', ...input } }, admin);
  const withRequirement = (seed: Record<string, unknown>) =>
    create({
      requirements: [
        requirementInput({ code: 'OKK-01' }),
        { ...requirementInput({ code: 'OKK-02' }), ...seed },
      ],
    });

  it.each([
    ['{ key: Not A Key }', { key: 'Not A Key' }, 'input.key'],
    ['{ key: ab }', { key: 'ab' }, 'input.key'],
    ['an empty version', { version: '' }, 'input.version'],
    ['{ version: 1..2 }', { version: '1..2' }, 'input.version'],
    ['{ title: ab }', { title: 'ab' }, 'input.title'],
    ['{ description: 4001 characters }', { description: 'x'.repeat(4001) }, 'input.description'],
  ])('refuses baseline fields: %s', async (_label, input, field) => {
    const response = await create(input);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(fields(response)).toEqual([field]);
  });

  it.each([
    ['{ code: iam-01 }', { code: 'iam-01' }, 'input.requirements.1.code'],
    ['{ code: I-01 }', { code: 'I-01' }, 'input.requirements.1.code'],
    ['{ code: IAMXYZ-01 }', { code: 'IAMXYZ-01' }, 'input.requirements.1.code'],
    ['{ code: IAM-1234 }', { code: 'IAM-1234' }, 'input.requirements.1.code'],
    ['a code repeated in the input', { code: 'OKK-01' }, 'input.requirements.1.code'],
    ['{ title: ab }', { title: 'ab' }, 'input.requirements.1.title'],
    ['{ title: 201 characters }', { title: 'x'.repeat(201) }, 'input.requirements.1.title'],
    ['a blank statement', { statement: '   ' }, 'input.requirements.1.statement'],
    ['{ statement: 4001 characters }', { statement: 'x'.repeat(4001) }, 'input.requirements.1.statement'],
    ['{ guidance: 8001 characters }', { guidance: 'x'.repeat(8001) }, 'input.requirements.1.guidance'],
    [
      '{ evidenceExpected: 4001 characters }',
      { evidenceExpected: 'x'.repeat(4001) },
      'input.requirements.1.evidenceExpected',
    ],
    ['{ category: 61 characters }', { category: 'x'.repeat(61) }, 'input.requirements.1.category'],
    ['a blank category', { category: ' ' }, 'input.requirements.1.category'],
    ['{ tiers: [] }', { tiers: [] }, 'input.requirements.1.tiers'],
    [
      'a lower-case framework',
      { mappings: [{ framework: 'nis2', reference: '1.1', relationship: 'EQUIVALENT' }] },
      'input.requirements.1.mappings.0.framework',
    ],
    [
      'an empty reference',
      { mappings: [{ framework: 'CIS-V8', reference: '', relationship: 'EQUIVALENT' }] },
      'input.requirements.1.mappings.0.reference',
    ],
    [
      'the same clause mapped twice',
      {
        mappings: [
          { framework: 'CIS-V8', reference: '5.1', relationship: 'EQUIVALENT' },
          { framework: 'CIS-V8', reference: '5.1', relationship: 'INTERSECTS' },
        ],
      },
      'input.requirements.1.mappings.1',
    ],
  ])('refuses requirement: %s', async (_label, seed, field) => {
    const response = await withRequirement(seed);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(fields(response)).toEqual([field]);
  });

  it('refuses a relationship outside the enum, as GraphQL does', async () => {
    const response = await withRequirement({
      mappings: [{ framework: 'CIS-V8', reference: '5.1', relationship: 'CLOSE' }],
    });
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });

  it('names every violation at once', async () => {
    const response = await withRequirement({ code: 'bad', title: '', tiers: [] });
    expect(fields(response).sort()).toEqual([
      'input.requirements.1.code',
      'input.requirements.1.tiers',
      'input.requirements.1.title',
    ]);
  });

  it('accepts a documented category in any case, storing its documented spelling, and free text', async () => {
    const made = ok(
      await t.gql<{ addRequirement: { id: string } }>(
        ADD,
        { baselineId: draftId, input: requirementInput({ code: 'CAT-01', category: 'CRYPTOGRAPHY' }) },
        admin,
      ),
    );
    const free = ok(
      await t.gql<{ addRequirement: { id: string } }>(
        ADD,
        { baselineId: draftId, input: requirementInput({ code: 'CAT-02', category: 'Drones and robots' }) },
        admin,
      ),
    );
    const read = ok(
      await t.gql<{ nodes: unknown }>(
        `query($a: ID!, $b: ID!) { a: node(id: $a) { ... on Requirement { category } } b: node(id: $b) { ... on Requirement { category } } }`,
        { a: made.addRequirement.id, b: free.addRequirement.id },
        admin,
      ),
    );
    expect(read).toEqual({ a: { category: 'Cryptography' }, b: { category: 'Drones and robots' } });
  });

  it('refuses a code already used in the draft, naming the field', async () => {
    const response = await t.gql(
      ADD,
      { baselineId: draftId, input: requirementInput({ code: 'IAM-01' }) },
      admin,
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(fields(response)).toEqual(['input.code']);
  });

  it('refuses updates that null a required field or change nothing', async () => {
    const nulled = await t.gql(UPDATE, { id: requirementId, input: { title: null, tiers: null } }, admin);
    expect(errorCode(nulled)).toBe('BAD_USER_INPUT');
    expect(fields(nulled).sort()).toEqual(['input.tiers', 'input.title']);
    const empty = await t.gql(UPDATE, { id: requirementId, input: {} }, admin);
    expect(fields(empty)).toEqual(['input']);
    const bad = await t.gql(UPDATE, { id: requirementId, input: { statement: 'x'.repeat(4001) } }, admin);
    expect(fields(bad)).toEqual(['input.statement']);
  });

  it('answers NOT_FOUND for ids that name nothing or something else', async () => {
    const [agencyRow] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM organization WHERE kind = 'AGENCY'`,
    );
    const orgId = Buffer.from(`Organization:${agencyRow.id}`).toString('base64url');
    expect(errorCode(await t.gql(BASELINE, { id: orgId }, admin))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(BASELINE, { id: 'garbage' }, admin))).toBe('NOT_FOUND');
    expect(
      errorCode(
        await t.gql(ADD, { baselineId: requirementId, input: requirementInput({ code: 'ZZZ-01' }) }, admin),
      ),
    ).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(UPDATE, { id: draftId, input: { title: 'Whatever it is' } }, admin))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await t.gql(PUBLISH, { id: requirementId }, admin))).toBe('NOT_FOUND');
  });
});

describe('baselines: who may see and do what', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('drafts are shown to the agency and assessors only', () => {
    const list = `query($key: String!) { baselines(key: $key) { totalCount edges { node { id status } } } }`;
    const node = `query($id: ID!) { node(id: $id) { id } }`;
    let draft: Awaited<ReturnType<typeof newBaseline>>;
    let published: Awaited<ReturnType<typeof newBaseline>>;
    let insiders: string[];
    let outsiders: string[];
    beforeAll(async () => {
      draft = await newBaseline(t);
      published = await newBaseline(t, { key: draft.key, version: '2026.0', publish: true });
      insiders = [await agencyToken(t, Role.VIEWER), await (await newAssessor(t)).token(Role.VIEWER)];
      outsiders = [
        await (await newSupplier(t)).token(Role.ADMIN),
        await (await municipality(t, '0180')).token(Role.ADMIN),
      ];
    });

    it('shows the agency and assessors the draft, its requirements, and both versions in the list', async () => {
      for (const token of insiders) {
        expect(
          ok(await t.gql<{ baseline: { id: string } }>(BASELINE, { id: draft.id }, token)).baseline.id,
        ).toBe(draft.id);
        expect(
          ok(await t.gql<{ baselines: { totalCount: number } }>(list, { key: draft.key }, token)).baselines
            .totalCount,
        ).toBe(2);
        expect(
          ok(await t.gql<{ node: { id: string } }>(node, { id: draft.requirements[0].id }, token)).node.id,
        ).toBe(draft.requirements[0].id);
      }
    });

    it('hides the draft and its requirements from suppliers and municipalities, listing the published version only', async () => {
      for (const token of outsiders) {
        expect(errorCode(await t.gql(BASELINE, { id: draft.id }, token))).toBe('NOT_FOUND');
        const seen = ok(
          await t.gql<{ baselines: { totalCount: number; edges: { node: { id: string } }[] } }>(
            list,
            { key: draft.key },
            token,
          ),
        ).baselines;
        expect(seen.totalCount).toBe(1);
        expect(seen.edges.map((e) => e.node.id)).toEqual([published.id]);
        expect(ok(await t.gql<{ node: null }>(node, { id: draft.id }, token)).node).toBeNull();
        expect(
          ok(await t.gql<{ node: null }>(node, { id: draft.requirements[0].id }, token)).node,
        ).toBeNull();
        expect(
          ok(await t.gql<{ baseline: { id: string } }>(BASELINE, { id: published.id }, token)).baseline.id,
        ).toBe(published.id);
      }
    });

    it('lists no drafts to suppliers and municipalities, and diffs against a draft are NOT_FOUND', async () => {
      for (const token of outsiders) {
        const drafts = ok(
          await t.gql<{ baselines: { totalCount: number } }>(
            `{ baselines(status: DRAFT) { totalCount } }`,
            {},
            token,
          ),
        );
        expect(drafts.baselines.totalCount).toBe(0);
        expect(
          errorCode(
            await t.gql(
              `query($a: ID!, $b: ID!) { baselineDiff(fromId: $a, toId: $b) { added { code } } }`,
              { a: published.id, b: draft.id },
              token,
            ),
          ),
        ).toBe('NOT_FOUND');
      }
    });
  });

  it('lets agency editors draft, agency admins publish and retire, and nobody else', async () => {
    const supplierOrg = await newSupplier(t);
    const assessorOrg = await newAssessor(t);
    const input = () => ({ input: { key: uniqueKey(), version: '1', title: 'Permission test' } });
    const forbidden = [
      await agencyToken(t, Role.VIEWER),
      await supplierOrg.token(Role.ADMIN),
      await assessorOrg.token(Role.ADMIN),
      await (await municipality(t, '1480')).token(Role.ADMIN),
    ];
    for (const token of forbidden) expect(errorCode(await t.gql(CREATE, input(), token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(CREATE, input()))).toBe('UNAUTHENTICATED');

    const draft = await newBaseline(t);
    for (const token of forbidden) {
      expect(
        errorCode(
          await t.gql(ADD, { baselineId: draft.id, input: requirementInput({ code: 'PRM-01' }) }, token),
        ),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(
          await t.gql(UPDATE, { id: draft.requirements[0].id, input: { title: 'Not allowed' } }, token),
        ),
      ).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(REMOVE, { id: draft.requirements[0].id }, token))).toBe('FORBIDDEN');
    }
    const editor = await agencyToken(t, Role.EDITOR);
    ok(await t.gql(CREATE, input(), editor));
    ok(await t.gql(ADD, { baselineId: draft.id, input: requirementInput({ code: 'PRM-01' }) }, editor));

    // Publishing binds every supplier and notifies every organisation: agency ADMIN only.
    for (const token of [editor, ...forbidden]) {
      expect(errorCode(await t.gql(PUBLISH, { id: draft.id }, token))).toBe('FORBIDDEN');
    }
    ok(await t.gql(PUBLISH, { id: draft.id }, await agencyToken(t, Role.ADMIN)));
    for (const token of [editor, ...forbidden]) {
      expect(errorCode(await t.gql(RETIRE, { id: draft.id }, token))).toBe('FORBIDDEN');
    }
    ok(await t.gql(RETIRE, { id: draft.id }, await agencyToken(t, Role.ADMIN)));
    // Retired baselines stay readable by everyone, for the assessments made against them.
    expect(
      ok(await t.gql<{ baseline: { status: string } }>(BASELINE, { id: draft.id }, forbidden[1])).baseline
        .status,
    ).toBe('RETIRED');
    expect(errorCode(await t.gql(BASELINE, { id: draft.id }))).toBe('UNAUTHENTICATED');
  });
});
