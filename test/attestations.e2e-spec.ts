import { Role } from '../src/common/actor.js';
import { toGlobalId } from '../src/common/graphql/global-id.js';
import * as f from '../src/evidence/upload/fixtures.test-support.js';
import { newBaseline, type TestBaseline } from './support/baselines.js';
import { newEvidence, upload } from './support/evidence.js';
import {
  agency,
  municipality,
  newProduct,
  newSupplier,
  type TestOrg,
  type TestProduct,
} from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const ATTEST = `mutation($input: AttestInput!) {
  attest(input: $input) { id status statement attestedAt product { id } requirement { id code } evidence { id } }
}`;
const LIST = `query($productId: ID!, $baselineId: ID) {
  attestations(productId: $productId, baselineId: $baselineId) { id status statement requirement { code } evidence { id confidentiality } }
}`;

interface AttestationView {
  id: string;
  status: string;
  statement: string;
  requirement: { code: string };
  evidence: { id: string }[];
}

describe('attestations', () => {
  let t: TestApp;
  let supplier: TestOrg;
  let product: TestProduct;
  let baseline: TestBaseline;
  let editor: string;

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
    product = await newProduct(t, supplier);
    baseline = await newBaseline(t, { publish: true });
    editor = await supplier.token(Role.EDITOR);
  });
  afterAll(() => t.close());

  const input = (overrides: Record<string, unknown> = {}) => ({
    input: {
      productId: product.id,
      requirementId: baseline.requirements[0].id,
      status: 'IMPLEMENTED',
      statement: 'MFA krävs för alla administratörer sedan 2025-03-01.',
      ...overrides,
    },
  });

  describe('records, replaces and lists attestations, keeping every version as an audited revision', () => {
    let first: AttestationView;

    it('records an attestation of a requirement, without evidence', async () => {
      first = ok(await t.gql<{ attest: AttestationView }>(ATTEST, input(), editor)).attest;
      expect(first).toMatchObject({ status: 'IMPLEMENTED', requirement: { code: 'IAM-01' }, evidence: [] });
    });

    it('replaces it when the same requirement is attested again, keeping its id', async () => {
      const second = ok(
        await t.gql<{ attest: AttestationView }>(
          ATTEST,
          input({ status: 'PARTIALLY_IMPLEMENTED', statement: 'MFA för alla utom två servicekonton.' }),
          editor,
        ),
      ).attest;
      expect(second.id).toBe(first.id);
      expect(second).toMatchObject({
        status: 'PARTIALLY_IMPLEMENTED',
        statement: 'MFA för alla utom två servicekonton.',
      });
    });

    it('lists the current version to a customer under its baseline, and nothing under another', async () => {
      const viewer = await (await municipality(t, '1480')).token(Role.VIEWER);
      const listed = ok(
        await t.gql<{ attestations: AttestationView[] }>(
          LIST,
          { productId: product.id, baselineId: baseline.id },
          viewer,
        ),
      ).attestations;
      expect(listed.map((a) => [a.requirement.code, a.statement])).toEqual([
        ['IAM-01', 'MFA för alla utom två servicekonton.'],
      ]);
      const other = await newBaseline(t, { publish: true });
      expect(
        ok(
          await t.gql<{ attestations: unknown[] }>(
            LIST,
            { productId: product.id, baselineId: other.id },
            viewer,
          ),
        ).attestations,
      ).toEqual([]);
    });

    it('resolves the current version through node(id) for any signed-in caller, an unknown id to null', async () => {
      const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Attestation { status statement } } }`;
      const viewer = await (await municipality(t, '0180')).token(Role.VIEWER);
      expect(ok(await t.gql<{ node: unknown }>(NODE, { id: first.id }, viewer)).node).toEqual({
        __typename: 'Attestation',
        id: first.id,
        status: 'PARTIALLY_IMPLEMENTED',
        statement: 'MFA för alla utom två servicekonton.',
      });
      const unknown = toGlobalId('Attestation', '00000000-0000-4000-8000-000000000000');
      expect(ok(await t.gql<{ node: unknown }>(NODE, { id: unknown }, viewer)).node).toBeNull();
    });

    it('keeps both versions as revisions, each audited', async () => {
      const uuid = Buffer.from(first.id, 'base64url').toString('utf8').split(':')[1];
      const revisions = await t.dataSource.query<{ id: string; statement: string }[]>(
        `SELECT id, statement FROM attestation_revision WHERE attestation_id = $1 ORDER BY recorded_at`,
        [uuid],
      );
      expect(revisions.map((r) => r.statement)).toEqual([
        'MFA krävs för alla administratörer sedan 2025-03-01.',
        'MFA för alla utom två servicekonton.',
      ]);
      const audited = await t.dataSource.query<{ entity_id: string }[]>(
        `SELECT entity_id FROM audit_entry WHERE action = 'attestation.revision'`,
      );
      const auditedIds = new Set(audited.map((row) => row.entity_id));
      for (const revision of revisions)
        expect(auditedIds.has(toGlobalId('AttestationRevision', revision.id))).toBe(true);
    });
  });

  it('refuses a statement holding a personal identity number, naming the field and the rule, never the number', async () => {
    const response = await t.gql(
      ATTEST,
      input({ statement: 'Kontakt: Anna, 19640823-3234, ansvarig.' }),
      editor,
    );
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.fields).toEqual(['input.statement']);
    expect(response.errors?.[0].message).toMatch(/TWELVE_DIGIT_FORM.*column 16/);
    expect(JSON.stringify(response)).not.toMatch(/640823|3234/);
  });

  it('links evidence of the same product only, and shows each caller only the evidence it may see', async () => {
    const ids = baseline.requirements.map((r) => r.id);
    const open = await newEvidence(t, supplier, product, ids, { confidentiality: 'PUBLIC' });
    const secret = await newEvidence(t, supplier, product, ids, { confidentiality: 'AGENCY_ONLY' });
    for (const e of [open, secret]) expect((await upload(t, e, f.pdf(['Bevis']), editor)).status).toBe(200);
    const foreignProduct = await newProduct(t, supplier);
    const foreign = await newEvidence(t, supplier, foreignProduct, ids);

    const bad = await t.gql(ATTEST, input({ requirementId: ids[1], evidenceIds: [foreign.id] }), editor);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].extensions?.fields).toEqual(['input.evidenceIds']);

    const made = ok(
      await t.gql<{ attest: AttestationView }>(
        ATTEST,
        input({ requirementId: ids[1], evidenceIds: [open.id, secret.id] }),
        editor,
      ),
    ).attest;
    expect(made.evidence.map((e) => e.id).sort()).toEqual([open.id, secret.id].sort());

    const customer = await (await municipality(t, '1480')).token(Role.VIEWER);
    const seen = ok(
      await t.gql<{ attestations: AttestationView[] }>(LIST, { productId: product.id }, customer),
    ).attestations;
    expect(seen.find((a) => a.id === made.id)?.evidence.map((e) => e.id)).toEqual([open.id]);
    const agencyView = ok(
      await t.gql<{ attestations: AttestationView[] }>(
        LIST,
        { productId: product.id },
        await (await agency(t)).token(Role.VIEWER),
      ),
    ).attestations;
    expect(agencyView.find((a) => a.id === made.id)?.evidence).toHaveLength(2);
  });

  it('lets only the owning supplier editor attest, on requirements of published baselines', async () => {
    const draft = await newBaseline(t);
    expect(errorCode(await t.gql(ATTEST, input(), await supplier.token(Role.VIEWER)))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(ATTEST, input(), await (await agency(t)).token(Role.ADMIN)))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.gql(ATTEST, input(), await (await newSupplier(t)).token(Role.EDITOR)))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await t.gql(ATTEST, input({ requirementId: draft.requirements[0].id }), editor))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await t.gql(ATTEST, input({ statement: 'x'.repeat(4001) }), editor))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await t.gql(LIST, { productId: 'bm9wZQ' }, editor))).toBe('NOT_FOUND');
  });
});
