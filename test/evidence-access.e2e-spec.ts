import { Role } from '../src/common/actor.js';
import * as f from '../src/evidence/upload/fixtures.test-support.js';
import { newBaseline } from './support/baselines.js';
import { download, newEvidence, sha256, upload, type TestEvidence } from './support/evidence.js';
import {
  agency,
  municipality,
  newAssessor,
  newProduct,
  newSupplier,
  subscribe,
  type TestOrg,
  type TestProduct,
} from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const PRODUCT_EVIDENCE = `query($id: ID!) {
  product(id: $id) { evidence(first: 10) { totalCount edges { node { id confidentiality downloadUrl } } } }
}`;
const NODE = `query($id: ID!) { node(id: $id) { ... on Evidence { id title downloadUrl } } }`;

type Level = 'PUBLIC' | 'SUBSCRIBERS' | 'AGENCY_ONLY';

describe('evidence confidentiality and downloads', () => {
  let t: TestApp;
  let supplier: TestOrg;
  let product: TestProduct;
  const evidence = {} as Record<Level, TestEvidence>;
  const bytes = {} as Record<Level, Buffer>;
  let callers: Record<string, { token: string; sees: Level[] }>;

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
    product = await newProduct(t, supplier);
    const requirementIds = (await newBaseline(t, { publish: true })).requirements.map((r) => r.id);
    const editor = await supplier.token(Role.EDITOR);
    for (const level of ['PUBLIC', 'SUBSCRIBERS', 'AGENCY_ONLY'] as Level[]) {
      evidence[level] = await newEvidence(t, supplier, product, requirementIds, {
        confidentiality: level,
        fileName: `${level.toLowerCase()} rapport ÅÄÖ.pdf`,
      });
      bytes[level] = f.pdf([`Rapport ${level}`]);
      expect((await upload(t, evidence[level], bytes[level], editor)).status).toBe(200);
    }
    const subscriber = await municipality(t, '0180');
    await subscribe(t, subscriber, product.id);
    const all: Level[] = ['PUBLIC', 'SUBSCRIBERS', 'AGENCY_ONLY'];
    callers = {
      'the owning supplier (viewer)': { token: await supplier.token(Role.VIEWER), sees: all },
      'the agency': { token: await (await agency(t)).token(Role.VIEWER), sees: all },
      'an assessment body': { token: await (await newAssessor(t)).token(Role.VIEWER), sees: all },
      'a subscribed municipality': {
        token: await subscriber.token(Role.VIEWER),
        sees: ['PUBLIC', 'SUBSCRIBERS'],
      },
      'a municipality not subscribed': {
        token: await (await municipality(t, '1480')).token(Role.VIEWER),
        sees: ['PUBLIC'],
      },
      'another supplier': { token: await (await newSupplier(t)).token(Role.ADMIN), sees: ['PUBLIC'] },
    };
  });
  afterAll(() => t.close());

  const names = () => Object.keys(callers);

  it.each([
    'the owning supplier (viewer)',
    'the agency',
    'an assessment body',
    'a subscribed municipality',
    'a municipality not subscribed',
    'another supplier',
  ])('%s sees exactly what confidentiality allows, in lists, counts and by id', async (name) => {
    expect(names()).toContain(name);
    const { token, sees } = callers[name];
    const data = ok(
      await t.gql<{
        product: {
          evidence: { totalCount: number; edges: { node: { id: string; downloadUrl: string | null } }[] };
        };
      }>(PRODUCT_EVIDENCE, { id: product.id }, token),
    );
    const listed = data.product.evidence.edges.map((e) => e.node.id).sort();
    expect(listed).toEqual(sees.map((level) => evidence[level].id).sort());
    expect(data.product.evidence.totalCount).toBe(sees.length);
    for (const edge of data.product.evidence.edges)
      expect(edge.node.downloadUrl).toMatch(/\/evidence\/files\//);

    for (const level of ['PUBLIC', 'SUBSCRIBERS', 'AGENCY_ONLY'] as Level[]) {
      const response = await t.gql<{ node: { id: string } | null }>(NODE, { id: evidence[level].id }, token);
      if (sees.includes(level)) expect(ok(response).node?.id).toBe(evidence[level].id);
      else expect(response.data?.node ?? null).toBeNull();
    }
  });

  it.each(['a subscribed municipality', 'an assessment body'])(
    '%s downloads what it sees, as an attachment with the stored hash, and the download is audited',
    async (name) => {
      const { token, sees } = callers[name];
      const level = sees[sees.length - 1];
      const url = ok(await t.gql<{ node: { downloadUrl: string } }>(NODE, { id: evidence[level].id }, token))
        .node.downloadUrl;
      const response = await download(t, url, token);
      expect(response.status).toBe(200);
      expect(sha256(response.body)).toBe(sha256(bytes[level]));
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''/,
      );
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['repr-digest']).toBe(
        `sha-256=:${Buffer.from(sha256(bytes[level]), 'hex').toString('base64')}:`,
      );
      expect(response.headers['etag']).toBe(`"sha256-${sha256(bytes[level])}"`);
      const audited = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'evidence.downloaded' AND entity_id = $1`,
        [evidence[level].id],
      );
      expect(audited[0].n).toBeGreaterThan(0);
    },
  );

  it('refuses a download URL used by another caller, without a token, or tampered with', async () => {
    const owner = callers['the owning supplier (viewer)'].token;
    const url = ok(
      await t.gql<{ node: { downloadUrl: string } }>(NODE, { id: evidence.AGENCY_ONLY.id }, owner),
    ).node.downloadUrl;
    expect((await download(t, url, callers['another supplier'].token)).status).toBe(404);
    expect((await download(t, url, callers['the agency'].token)).status).toBe(404);
    expect((await download(t, url)).status).toBe(401);
    expect((await download(t, url.replace(/signature=./, 'signature=A'), owner)).status).toBe(404);
    expect((await download(t, url.replace(/expires=\d+/, 'expires=9999999999'), owner)).status).toBe(404);
    expect((await download(t, url, owner)).status).toBe(200);
  });

  it('gives no download URL to evidence that has no content yet, and hides it from everyone but the privileged', async () => {
    const requirementIds = (await newBaseline(t, { publish: true })).requirements.map((r) => r.id);
    const pending = await newEvidence(t, supplier, product, requirementIds, { confidentiality: 'PUBLIC' });
    const own = ok(
      await t.gql<{ node: { downloadUrl: string | null } }>(
        NODE,
        { id: pending.id },
        callers['the owning supplier (viewer)'].token,
      ),
    );
    expect(own.node.downloadUrl).toBeNull();
    const stranger = await t.gql<{ node: unknown }>(
      NODE,
      { id: pending.id },
      callers['another supplier'].token,
    );
    expect(stranger.data?.node ?? null).toBeNull();
  });

  it('lets only the owning supplier record evidence, for its own products and published requirements', async () => {
    const input = (overrides: Record<string, unknown> = {}) => ({
      input: {
        productId: product.id,
        title: 'X-rapport',
        requirementIds: [],
        confidentiality: 'PUBLIC',
        fileName: 'x.pdf',
        ...overrides,
      },
    });
    const mutation = `mutation($input: CreateEvidenceInput!) { createEvidence(input: $input) { uploadUrl } }`;
    const draft = await newBaseline(t);
    const published = await newBaseline(t, { publish: true });
    const editor = await supplier.token(Role.EDITOR);
    const ids = { requirementIds: [published.requirements[0].id] };
    expect(errorCode(await t.gql(mutation, input(ids), await supplier.token(Role.VIEWER)))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(mutation, input(ids), await (await agency(t)).token(Role.ADMIN)))).toBe(
      'FORBIDDEN',
    );
    expect(
      errorCode(await t.gql(mutation, input(ids), await (await newSupplier(t)).token(Role.EDITOR))),
    ).toBe('NOT_FOUND');
    expect(
      errorCode(await t.gql(mutation, input({ requirementIds: [draft.requirements[0].id] }), editor)),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(mutation, input(), editor))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(mutation, input({ ...ids, fileName: 'virus.exe' }), editor))).toBe(
      'BAD_USER_INPUT',
    );
    const ok1 = ok(await t.gql<{ createEvidence: { uploadUrl: string } }>(mutation, input(ids), editor));
    expect(ok1.createEvidence.uploadUrl).toMatch(
      new RegExp(`^${t.config.publicUrl}/evidence/uploads/[A-Za-z0-9_-]{43}$`),
    );
  });

  it('reads evidence past validUntil as EXPIRED', async () => {
    const requirementIds = (await newBaseline(t, { publish: true })).requirements.map((r) => r.id);
    const old = await newEvidence(t, supplier, product, requirementIds, {
      validFrom: '2020-01-01T00:00:00Z',
      validUntil: '2021-01-01T00:00:00Z',
    });
    const owner = callers['the owning supplier (viewer)'].token;
    expect((await upload(t, old, f.pdf(['Gammal']), await supplier.token(Role.EDITOR))).status).toBe(200);
    const node = ok(
      await t.gql<{ node: { status: string } }>(
        `query($id: ID!) { node(id: $id) { ... on Evidence { status } } }`,
        { id: old.id },
        owner,
      ),
    ).node;
    expect(node.status).toBe('EXPIRED');
  });
});
