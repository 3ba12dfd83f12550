import { Role } from '../src/common/actor.js';
import { agency, newSupplier, randomOrgNumber } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const REGISTER = `mutation($name: String!, $orgNumber: String!) {
  registerOrganization(kind: SUPPLIER, name: $name, orgNumber: $orgNumber) { id name }
}`;

describe('Idempotency-Key on mutations', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await (await agency(t)).token(Role.ADMIN);
  });
  afterAll(() => t.close());

  const send = (key: string, variables: Record<string, unknown>, token = admin, query = REGISTER) =>
    t.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/graphql',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': key,
        },
        payload: JSON.stringify({ query, variables }),
      });
  const auditEntries = async (entityId: string) =>
    Number(
      (await t.dataSource.query(`SELECT count(*) FROM audit_entry WHERE entity_id = $1`, [entityId]))[0]
        .count,
    );

  it('returns the first answer to a retry with the same key and body, and changes nothing twice', async () => {
    const key = `k-${randomOrgNumber()}`;
    const variables = { name: 'Retry AB', orgNumber: randomOrgNumber() };
    const first = await send(key, variables);
    const again = await send(key, variables);
    expect(first.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const id = first.json().data.registerOrganization.id as string;
    expect(await auditEntries(id)).toBe(1);
  });

  it('answers CONFLICT when the key comes back with another body', async () => {
    const key = `k-${randomOrgNumber()}`;
    await send(key, { name: 'One AB', orgNumber: randomOrgNumber() });
    const other = await send(key, { name: 'Two AB', orgNumber: randomOrgNumber() });
    expect(other.statusCode).toBe(409);
    expect(other.json().errors[0].extensions.code).toBe('CONFLICT');
  });

  it('keeps keys apart per organisation', async () => {
    const key = `shared-${randomOrgNumber()}`;
    const supplierA = await newSupplier(t);
    const supplierB = await newSupplier(t);
    const query = `{ viewer { organization { id } } }`;
    const a = await send(key, {}, await supplierA.token(Role.ADMIN), query);
    const b = await send(key, {}, await supplierB.token(Role.ADMIN), query);
    expect(a.json().data.viewer.organization.id).toBe(supplierA.id);
    expect(b.json().data.viewer.organization.id).toBe(supplierB.id);
  });

  it('claims no key when the mutation fails, so a corrected retry may reuse it', async () => {
    const key = `k-${randomOrgNumber()}`;
    const bad = await send(key, { name: 'Bad AB', orgNumber: '556036-0794' });
    expect(bad.json().errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const again = await send(key, { name: 'Bad AB', orgNumber: '556036-0794' });
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key', async () => {
    const response = await send('has spaces and ümlauts', { name: 'X AB', orgNumber: randomOrgNumber() });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['Idempotency-Key'],
    });
  });
});
