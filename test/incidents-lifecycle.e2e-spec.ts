import { Role } from '../src/common/actor.js';
import { agency, newProduct, newSupplier, subscribe, type TestOrg } from './support/factories.js';
import {
  INCIDENT,
  listIncidentIds,
  reportIncident,
  someMunicipalities,
  type TestIncident,
} from './support/incidents.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const UPDATE = `mutation($id: ID!, $input: UpdateIncidentInput!) {
  updateIncident(id: $id, input: $input) { id severity dataCategories description state }
}`;
const RESOLVE = `mutation($id: ID!, $summary: String!) {
  resolveIncident(id: $id, summary: $summary) { id state resolvedAt resolutionSummary }
}`;

describe('incidents: status, suspension, updates and resolution', () => {
  let t: TestApp;
  let supplier: TestOrg;

  const incidentAs = (token: string, id: string) =>
    t.gql<{ incident: TestIncident | null }>(INCIDENT, { id }, token);
  const listAll = (token: string, state?: string) => listIncidentIds(t, token, state);

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
  });
  afterAll(() => t.close());

  describe("status and the agency's response", () => {
    const STATUS = `query($id: ID!) { product(id: $id) { status { state openIncidents reasons } } }`;
    type Status = { product: { status: { state: string; openIncidents: number; reasons: string[] } } };
    const statusOf = async (productId: string) =>
      ok(await t.gql<Status>(STATUS, { id: productId }, await supplier.token(Role.VIEWER))).product.status;

    it("counts the open incident in each affected product's status until it is resolved", async () => {
      const [a, b, untouched] = [
        await newProduct(t, supplier),
        await newProduct(t, supplier),
        await newProduct(t, supplier),
      ];
      const first = await reportIncident(t, supplier, [a, b]);
      await reportIncident(t, supplier, [a]);
      expect((await statusOf(a.id)).openIncidents).toBe(2);
      expect((await statusOf(b.id)).openIncidents).toBe(1);
      expect((await statusOf(untouched.id)).openIncidents).toBe(0);
      ok(await t.gql(RESOLVE, { id: first.id, summary: 'Fixed.' }, await supplier.token(Role.EDITOR)));
      expect((await statusOf(a.id)).openIncidents).toBe(1);
      expect((await statusOf(b.id)).openIncidents).toBe(0);
    });

    it('lets the agency suspend an affected product from the incident; every subscriber is told', async () => {
      const product = await newProduct(t, supplier);
      const [customer] = await someMunicipalities(t, 1);
      await subscribe(t, customer, product.id);
      const incident = await reportIncident(t, supplier, [product], { severity: 'CRITICAL' });
      const agencyToken = await (await agency(t)).token(Role.EDITOR);
      const seen = ok(await incidentAs(agencyToken, incident.id)).incident!;
      const suspended = ok(
        await t.gql<{ suspendProduct: { status: { state: string } } }>(
          `mutation($id: ID!, $reason: String!) { suspendProduct(id: $id, reason: $reason) { status { state } } }`,
          { id: seen.products[0].id, reason: `Critical incident ${incident.id} under investigation` },
          agencyToken,
        ),
      );
      expect(suspended.suspendProduct.status.state).toBe('SUSPENDED');
      const told = await t.dataSource.query<{ organization_id: string }[]>(
        `SELECT r.organization_id FROM registry_event e JOIN registry_event_recipient r ON r.event_id = e.id
          WHERE e.type = 'STATUS_CHANGED' AND e.product_id = $1`,
        [product.uuid],
      );
      expect(told.map((row) => row.organization_id)).toContain(customer.uuid);
    });
  });

  describe('updateIncident and resolveIncident', () => {
    let customer: TestOrg;
    const eventsOf = async (incidentId: string, type: string) =>
      t.dataSource.query<{ organization_id: string; message: string }[]>(
        `SELECT r.organization_id, e.message FROM registry_event e JOIN registry_event_recipient r ON r.event_id = e.id
          WHERE e.incident_id = (SELECT id FROM incident WHERE id::text = $1) AND e.type = $2`,
        [Buffer.from(incidentId, 'base64url').toString('utf8').split(':')[1], type],
      );

    const newIncident = async () => {
      const product = await newProduct(t, supplier, { dataCategories: ['CONTACT_DETAILS', 'CHILDREN'] });
      [customer] = await someMunicipalities(t, 1);
      await subscribe(t, customer, product.id);
      return reportIncident(t, supplier, [product], { dataCategories: ['CONTACT_DETAILS'] });
    };

    it('lets the supplier change severity, categories and description, telling the exposed (INCIDENT_UPDATED)', async () => {
      const incident = await newIncident();
      const updated = ok(
        await t.gql<{ updateIncident: TestIncident }>(
          UPDATE,
          {
            id: incident.id,
            input: { severity: 'CRITICAL', dataCategories: ['CHILDREN'], description: 'Now also CHILDREN.' },
          },
          await supplier.token(Role.EDITOR),
        ),
      ).updateIncident;
      expect(updated).toMatchObject({
        severity: 'CRITICAL',
        dataCategories: ['CHILDREN'],
        description: 'Now also CHILDREN.',
      });
      const events = await eventsOf(incident.id, 'INCIDENT_UPDATED');
      expect(events.map((e) => e.organization_id)).toEqual([customer.uuid]);
      expect(events[0].message).toContain('severity HIGH -> CRITICAL');
      const seen = ok(await incidentAs(await customer.token(Role.VIEWER), incident.id)).incident!;
      expect(seen.exposures[0].dataCategories).toEqual(['CHILDREN']);
    });

    it('accepts an update that changes nothing without telling anyone again', async () => {
      const incident = await newIncident();
      const same = ok(
        await t.gql<{ updateIncident: TestIncident }>(
          UPDATE,
          { id: incident.id, input: { severity: 'HIGH' } },
          await supplier.token(Role.EDITOR),
        ),
      ).updateIncident;
      expect(same.severity).toBe('HIGH');
      expect(await eventsOf(incident.id, 'INCIDENT_UPDATED')).toEqual([]);
    });

    it('refuses an empty update, a PIN in the description, another supplier (NOT_FOUND) and a VIEWER (FORBIDDEN)', async () => {
      const incident = await newIncident();
      const as = async (token: string, input: unknown) => t.gql(UPDATE, { id: incident.id, input }, token);
      const editor = await supplier.token(Role.EDITOR);
      expect(errorCode(await as(editor, {}))).toBe('BAD_USER_INPUT');
      const pin = await as(editor, { description: 'Affected: 19640823-3234' });
      expect(pin.errors?.[0].extensions?.fields).toEqual(['input.description']);
      expect(errorCode(await as(await (await newSupplier(t)).token(Role.ADMIN), { severity: 'LOW' }))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await as(await supplier.token(Role.VIEWER), { severity: 'LOW' }))).toBe('FORBIDDEN');
      expect(errorCode(await as(await customer.token(Role.ADMIN), { severity: 'LOW' }))).toBe('FORBIDDEN');
    });

    it('lets the supplier resolve; afterwards updates and a second resolve are CONFLICT', async () => {
      const incident = await newIncident();
      const resolved = ok(
        await t.gql<{ resolveIncident: TestIncident }>(
          RESOLVE,
          { id: incident.id, summary: 'Patched and restored from backup.' },
          await supplier.token(Role.EDITOR),
        ),
      ).resolveIncident;
      expect(resolved).toMatchObject({
        state: 'RESOLVED',
        resolutionSummary: 'Patched and restored from backup.',
      });
      expect(resolved.resolvedAt).not.toBeNull();
      expect((await eventsOf(incident.id, 'INCIDENT_UPDATED')).map((e) => e.organization_id)).toEqual([
        customer.uuid,
      ]);
      const token = await supplier.token(Role.EDITOR);
      expect(errorCode(await t.gql(RESOLVE, { id: incident.id, summary: 'again' }, token))).toBe('CONFLICT');
      expect(errorCode(await t.gql(UPDATE, { id: incident.id, input: { severity: 'LOW' } }, token))).toBe(
        'CONFLICT',
      );
      expect(await listAll(await customer.token(Role.VIEWER), 'RESOLVED')).toContain(incident.id);
    });

    it('lets the agency resolve; refuses other suppliers (NOT_FOUND), customers (FORBIDDEN) and PINs', async () => {
      const incident = await newIncident();
      const as = (token: string, summary = 'Closed by the agency.') =>
        t.gql(RESOLVE, { id: incident.id, summary }, token);
      expect(errorCode(await as(await (await newSupplier(t)).token(Role.ADMIN)))).toBe('NOT_FOUND');
      expect(errorCode(await as(await customer.token(Role.ADMIN)))).toBe('FORBIDDEN');
      expect(errorCode(await as(await (await agency(t)).token(Role.VIEWER)))).toBe('FORBIDDEN');
      expect(errorCode(await as(await supplier.token(Role.EDITOR), 'Notified 640823-3234'))).toBe(
        'BAD_USER_INPUT',
      );
      const done = ok(await as(await (await agency(t)).token(Role.EDITOR))) as {
        resolveIncident: { state: string };
      };
      expect(done.resolveIncident.state).toBe('RESOLVED');
    });
  });
});
