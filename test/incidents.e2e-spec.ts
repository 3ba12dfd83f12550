import { Role } from '../src/common/actor.js';
import {
  agency,
  newAssessor,
  newProduct,
  newSupplier,
  region,
  subscribe,
  type TestOrg,
} from './support/factories.js';
import {
  INCIDENT,
  listIncidentIds,
  type ReportOverrides,
  REPORT,
  reportIncident,
  reportInput,
  someMunicipalities,
  type TestIncident,
} from './support/incidents.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

describe('incidents: reporting, visibility, deadlines', () => {
  let t: TestApp;
  let supplier: TestOrg;

  const report = (token: string, input: unknown) =>
    t.gql<{ reportIncident: TestIncident }>(REPORT, { input }, token);
  const incidentAs = (token: string, id: string) =>
    t.gql<{ incident: TestIncident | null }>(INCIDENT, { id }, token);
  const listAll = (token: string, state?: string) => listIncidentIds(t, token, state);

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
  });
  afterAll(() => t.close());

  describe('reportIncident', () => {
    it('lets a supplier EDITOR report for its own products, with the server time as reportedAt', async () => {
      const products = [await newProduct(t, supplier), await newProduct(t, supplier)];
      const before = Date.now();
      const incident = await reportIncident(t, supplier, products, {
        dataCategories: ['CHILDREN', 'CHILDREN', 'FINANCIAL'],
        severity: 'CRITICAL',
      });
      expect(incident).toMatchObject({
        state: 'OPEN',
        severity: 'CRITICAL',
        resolvedAt: null,
        dataCategories: ['CHILDREN', 'FINANCIAL'],
        supplier: { id: supplier.id },
      });
      expect(incident.products.map((p) => p.id).sort()).toEqual(products.map((p) => p.id).sort());
      const reportedAt = new Date(incident.reportedAt).getTime();
      expect(reportedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(reportedAt).toBeLessThanOrEqual(Date.now() + 1000);
      const [audit] = await t.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_entry WHERE entity_type = 'Incident' AND entity_id = $1`,
        [incident.id],
      );
      expect(audit.action).toBe('incident.reported');
    });

    it('lets a supplier ADMIN report too', async () => {
      const product = await newProduct(t, supplier);
      ok(await report(await supplier.token(Role.ADMIN), reportInput([product])));
    });

    it("answers NOT_FOUND for another supplier's product, also mixed with own ones, and for malformed ids", async () => {
      const own = await newProduct(t, supplier);
      const others = await newProduct(t, await newSupplier(t));
      const token = await supplier.token(Role.EDITOR);
      expect(errorCode(await report(token, reportInput([others])))).toBe('NOT_FOUND');
      expect(errorCode(await report(token, reportInput([own, others])))).toBe('NOT_FOUND');
      expect(errorCode(await report(token, reportInput([{ id: 'not-an-id' }])))).toBe('NOT_FOUND');
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM incident_product WHERE product_id = $1',
        [own.uuid],
      );
      expect(n).toBe(0);
    });

    it.each([
      ['a supplier VIEWER', (s: TestOrg) => s.token(Role.VIEWER)],
      ['the agency', async () => (await agency(t)).token(Role.ADMIN)],
      ['a municipality', async () => (await someMunicipalities(t, 1))[0].token(Role.ADMIN)],
      ['an assessor', async () => (await newAssessor(t)).token(Role.ADMIN)],
    ])('refuses %s with FORBIDDEN', async (_who, tokenOf) => {
      const product = await newProduct(t, supplier);
      expect(errorCode(await report(await tokenOf(supplier), reportInput([product])))).toBe('FORBIDDEN');
    });

    it.each<[string, ReportOverrides | { productIds: string[] }, string[]]>([
      [
        'a detection time in the future',
        { detectedAt: new Date(Date.now() + 86_400_000).toISOString() },
        ['input.detectedAt'],
      ],
      [
        'a personal identity number in the description',
        { description: 'Leaked: 19640823-3234' },
        ['input.description'],
      ],
      [
        'a personal identity number near "pnr" in the title',
        { title: 'pnr 6408233234 leaked' },
        ['input.title'],
      ],
      ['a blank title', { title: '   ' }, ['input.title']],
      ['no products', { productIds: [] }, ['input.productIds']],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, overrides, fields) => {
      const product = await newProduct(t, supplier);
      const response = await report(await supplier.token(Role.EDITOR), {
        ...reportInput([product]),
        ...overrides,
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toEqual(fields);
    });
  });

  describe('visibility', () => {
    let incident: TestIncident;
    let exposedA: TestOrg;
    let exposedB: TestOrg;
    let bystander: TestOrg;

    beforeAll(async () => {
      const product = await newProduct(t, supplier, { dataCategories: ['CONTACT_DETAILS', 'FINANCIAL'] });
      const unrelated = await newProduct(t, supplier);
      [exposedA, exposedB, bystander] = await someMunicipalities(t, 3);
      await subscribe(t, exposedA, product.id, ['CONTACT_DETAILS']);
      await subscribe(t, exposedB, product.id, ['FINANCIAL']);
      await subscribe(t, bystander, unrelated.id);
      incident = await reportIncident(t, supplier, [product], { dataCategories: ['FINANCIAL'] });
    });

    it("shows the agency every exposure and every exposed organisation's deadlines", async () => {
      const seen = ok(await incidentAs(await (await agency(t)).token(Role.VIEWER), incident.id)).incident!;
      expect(seen.exposures.map((e) => e.organization.id).sort()).toEqual([exposedA.id, exposedB.id].sort());
      const kindsOf = (org: TestOrg) =>
        seen.deadlines.filter((d) => d.organization.id === org.id).map((d) => d.kind);
      // A entrusts only contact details, which the incident does not name: no personal data at stake.
      expect(kindsOf(exposedA)).toEqual(['EARLY_WARNING', 'NOTIFICATION', 'FINAL_REPORT']);
      // B entrusts financial data, which is personal data (GDPR art. 33 applies).
      expect(kindsOf(exposedB)).toEqual([
        'EARLY_WARNING',
        'NOTIFICATION',
        'PERSONAL_DATA_BREACH',
        'FINAL_REPORT',
      ]);
      expect(seen.exposures.find((e) => e.organization.id === exposedA.id)!.dataCategories).toEqual([]);
      expect(seen.exposures.find((e) => e.organization.id === exposedB.id)!.dataCategories).toEqual([
        'FINANCIAL',
      ]);
    });

    it('shows the reporting supplier every exposure but no deadlines (it has none of its own)', async () => {
      const seen = ok(await incidentAs(await supplier.token(Role.VIEWER), incident.id)).incident!;
      expect(seen.exposures).toHaveLength(2);
      expect(seen.deadlines).toEqual([]);
    });

    it('shows an exposed organisation only its own exposures and deadlines', async () => {
      const seen = ok(await incidentAs(await exposedA.token(Role.VIEWER), incident.id)).incident!;
      expect(seen.exposures.map((e) => e.organization.id)).toEqual([exposedA.id]);
      expect(new Set(seen.deadlines.map((d) => d.organization.id))).toEqual(new Set([exposedA.id]));
      const reportedAt = new Date(incident.reportedAt).getTime();
      const due = Object.fromEntries(
        seen.deadlines.map((d) => [d.kind, new Date(d.dueAt).getTime() - reportedAt]),
      );
      expect(due.EARLY_WARNING).toBe(24 * 3_600_000);
      expect(due.NOTIFICATION).toBe(72 * 3_600_000);
    });

    it.each([
      ['an organisation subscribed only to an unaffected product', () => bystander.token(Role.ADMIN)],
      ['another supplier', async () => (await newSupplier(t)).token(Role.ADMIN)],
      ['an assessor', async () => (await newAssessor(t)).token(Role.ADMIN)],
      ['a region without subscriptions', async () => (await region(t, '25')).token(Role.ADMIN)],
    ])('answers NOT_FOUND to %s, lists nothing and node(id) is null', async (_who, tokenOf) => {
      const token = await tokenOf();
      expect(errorCode(await incidentAs(token, incident.id))).toBe('NOT_FOUND');
      expect(await listAll(token)).not.toContain(incident.id);
      const node = ok(
        await t.gql<{ node: unknown }>(
          `query($id: ID!) { node(id: $id) { id } }`,
          { id: incident.id },
          token,
        ),
      );
      expect(node.node).toBeNull();
    });

    it('lists the incident for the agency, the supplier and the exposed, newest first, filtered by state', async () => {
      for (const org of [await agency(t), supplier, exposedA, exposedB]) {
        const token = await org.token(Role.VIEWER);
        expect(await listAll(token)).toContain(incident.id);
        expect(await listAll(token, 'OPEN')).toContain(incident.id);
        expect(await listAll(token, 'RESOLVED')).not.toContain(incident.id);
      }
      const newer = await reportIncident(t, supplier, [await newProduct(t, supplier)]);
      const mine = await listAll(await supplier.token(Role.VIEWER));
      expect(mine.indexOf(newer.id)).toBeLessThan(mine.indexOf(incident.id));
    });

    it('reads a page of incidents with exposures, paths and deadlines in a fixed number of statements', async () => {
      const query = `{ incidents(first: 10) { edges { node { ${'id supplier { name } products { name }'}
        exposures { organization { name } product { name } path { name } dataCategories }
        deadlines { kind dueAt organization { name } } } } } }`;
      const small = await t.gql(query, {}, await exposedA.token(Role.VIEWER));
      const wide = await t.gql(query, {}, await (await agency(t)).token(Role.VIEWER));
      ok(small);
      ok(wide);
      expect(Number(wide.headers['x-sql-statements'])).toBeLessThanOrEqual(8);
      expect(Number(small.headers['x-sql-statements'])).toBeLessThanOrEqual(8);
    });

    it('answers node(id) with the incident for those who may see it', async () => {
      const node = ok(
        await t.gql<{ node: { id: string; title: string } }>(
          `query($id: ID!) { node(id: $id) { id ... on Incident { title } } }`,
          { id: incident.id },
          await exposedB.token(Role.VIEWER),
        ),
      );
      expect(node.node).toEqual({ id: incident.id, title: incident.title });
    });

    it('adds the GDPR deadline for an organisation whose personal data is at stake', async () => {
      const product = await newProduct(t, supplier, { dataCategories: ['CHILDREN'] });
      const [customer] = await someMunicipalities(t, 1);
      await subscribe(t, customer, product.id);
      const unnamed = await reportIncident(t, supplier, [product], { dataCategories: [] });
      const seen = ok(await incidentAs(await customer.token(Role.VIEWER), unnamed.id)).incident!;
      expect(seen.exposures[0].dataCategories).toEqual(['CHILDREN']);
      expect(seen.deadlines.map((d) => d.kind)).toEqual([
        'EARLY_WARNING',
        'NOTIFICATION',
        'PERSONAL_DATA_BREACH',
        'FINAL_REPORT',
      ]);
    });
  });
});
