import { randomUUID } from 'node:crypto';
import { OrganizationKind, Role } from '../../src/common/actor.js';
import { organizationId } from '../../src/organizations/organization.mapper.js';
import { ok, type TestApp } from './test-app.js';
import { randomOrgNumber, type ProductOverrides, type TestProduct } from './test-data.js';

export { randomOrgNumber, type ProductOverrides, type TestProduct };

export interface TestOrg {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  readonly kind: OrganizationKind;
  token(role?: Role, sub?: string): Promise<string>;
}

function orgHandle(t: TestApp, uuid: string, name: string, kind: OrganizationKind): TestOrg {
  const id = organizationId(uuid);
  return {
    id,
    uuid,
    name,
    kind,
    token: (role = Role.ADMIN, sub = `user-${role.toLowerCase()}`) => t.token(id, role, { sub }),
  };
}

export async function agency(t: TestApp): Promise<TestOrg> {
  const [row] = await t.dataSource.query<{ id: string; name: string }[]>(
    `SELECT id, name FROM organization WHERE kind = 'AGENCY'`,
  );
  return orgHandle(t, row.id, row.name, OrganizationKind.AGENCY);
}

export async function municipality(t: TestApp, code = '0180'): Promise<TestOrg> {
  const [row] = await t.dataSource.query<{ id: string; name: string }[]>(
    `SELECT id, name FROM organization WHERE municipality_code = $1`,
    [code],
  );
  return orgHandle(t, row.id, row.name, OrganizationKind.MUNICIPALITY);
}

export async function region(t: TestApp, countyCode = '01'): Promise<TestOrg> {
  const [row] = await t.dataSource.query<{ id: string; name: string }[]>(
    `SELECT id, name FROM organization WHERE kind = 'REGION' AND county_code = $1`,
    [countyCode],
  );
  return orgHandle(t, row.id, row.name, OrganizationKind.REGION);
}

/** Registers an organisation through the API, as the agency does. */
export async function newOrganization(t: TestApp, kind: OrganizationKind, name?: string): Promise<TestOrg> {
  const admin = await (await agency(t)).token(Role.ADMIN);
  const label = name ?? `${kind.toLowerCase()} ${randomUUID().slice(0, 8)} AB`;
  const data = ok(
    await t.gql<{ registerOrganization: { id: string; name: string } }>(
      `mutation($kind: OrganizationKind!, $name: String!, $orgNumber: String!) {
        registerOrganization(kind: $kind, name: $name, orgNumber: $orgNumber) { id name }
      }`,
      { kind, name: label, orgNumber: randomOrgNumber() },
      admin,
    ),
  );
  const uuid = Buffer.from(data.registerOrganization.id, 'base64url').toString('utf8').split(':')[1];
  return orgHandle(t, uuid, data.registerOrganization.name, kind);
}

export const newSupplier = (t: TestApp, name?: string) => newOrganization(t, OrganizationKind.SUPPLIER, name);
export const newAssessor = (t: TestApp, name?: string) => newOrganization(t, OrganizationKind.ASSESSOR, name);
export const newPublicBody = (t: TestApp, name?: string) =>
  newOrganization(t, OrganizationKind.PUBLIC_BODY, name);

// ---------------------------------------------------------------- products and subscriptions

/** Registers a product through the API as the supplier's EDITOR (default: CONTACT_DETAILS, SE). */
export async function newProduct(
  t: TestApp,
  supplier: TestOrg,
  overrides: ProductOverrides = {},
): Promise<TestProduct> {
  const input = {
    name: `product ${randomUUID().slice(0, 8)}`,
    dataCategories: ['CONTACT_DETAILS'],
    hostingCountries: ['SE'],
    ...overrides,
  };
  const data = ok(
    await t.gql<{ registerProduct: { id: string; name: string; tier: string } }>(
      `mutation($input: RegisterProductInput!) { registerProduct(input: $input) { id name tier } }`,
      { input },
      await supplier.token(Role.EDITOR),
    ),
  );
  const product = data.registerProduct;
  const uuid = Buffer.from(product.id, 'base64url').toString('utf8').split(':')[1];
  return { id: product.id, uuid, name: product.name, tier: product.tier };
}

/**
 * Subscribes a customer (municipality, region, public body) to a product as its EDITOR and, unless
 * `pending`, has the agency confirm it as a customer (what most tests mean by "a subscriber").
 */
export async function subscribe(
  t: TestApp,
  customer: TestOrg,
  productId: string,
  categories?: string[],
  options: { pending?: boolean } = {},
): Promise<{ id: string; dataCategories: string[] }> {
  const data = ok(
    await t.gql<{ subscribeToProduct: { id: string; dataCategories: string[] } }>(
      `mutation($input: SubscribeInput!) { subscribeToProduct(input: $input) { id dataCategories } }`,
      { input: { productId, ...(categories ? { dataCategories: categories } : {}) } },
      await customer.token(Role.EDITOR),
    ),
  );
  if (!options.pending) await confirmCustomer(t, data.subscribeToProduct.id);
  return data.subscribeToProduct;
}

/** A subscription that stays PENDING (declared use, not confirmed). */
export function subscribePending(
  t: TestApp,
  customer: TestOrg,
  productId: string,
  categories?: string[],
): Promise<{ id: string; dataCategories: string[] }> {
  return subscribe(t, customer, productId, categories, { pending: true });
}

/** Confirms a subscription as a customer, as the agency (or `by`, e.g. the product's supplier). */
export async function confirmCustomer(t: TestApp, subscriptionId: string, by?: TestOrg): Promise<void> {
  ok(
    await t.gql(
      `mutation($id: ID!) { confirmCustomer(subscriptionId: $id) { id customerStatus } }`,
      { id: subscriptionId },
      await (by ?? (await agency(t))).token(Role.EDITOR),
    ),
  );
}
