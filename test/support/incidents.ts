import { OrganizationKind, Role } from '../../src/common/actor.js';
import { organizationId } from '../../src/organizations/organization.mapper.js';
import { type TestOrg, type TestProduct, newProduct, newSupplier } from './factories.js';
import { ok, type TestApp } from './test-app.js';
import { type ReportOverrides, reportInput } from './test-data.js';

export { type ReportOverrides, reportInput };

export const INCIDENT_FIELDS = `id title description severity state detectedAt reportedAt resolvedAt
  resolutionSummary dataCategories supplier { id } products { id }
  exposures { organization { id } product { id } path { id } dataCategories }
  deadlines { organization { id } kind dueAt }`;

export interface TestExposure {
  organization: { id: string };
  product: { id: string };
  path: { id: string }[];
  dataCategories: string[];
}

export interface TestIncident {
  id: string;
  title: string;
  description: string;
  severity: string;
  state: string;
  detectedAt: string;
  reportedAt: string;
  resolvedAt: string | null;
  resolutionSummary: string | null;
  dataCategories: string[];
  supplier: { id: string };
  products: { id: string }[];
  exposures: TestExposure[];
  deadlines: { organization: { id: string }; kind: string; dueAt: string }[];
}

export const REPORT = `mutation($input: ReportIncidentInput!) { reportIncident(input: $input) { ${INCIDENT_FIELDS} } }`;
export const INCIDENT = `query($id: ID!) { incident(id: $id) { ${INCIDENT_FIELDS} } }`;

/** Reports an incident through the API as the supplier's EDITOR. */
export async function reportIncident(
  t: TestApp,
  supplier: TestOrg,
  products: readonly { id: string }[],
  overrides: ReportOverrides = {},
): Promise<TestIncident> {
  const data = ok(
    await t.gql<{ reportIncident: TestIncident }>(
      REPORT,
      { input: reportInput(products, overrides) },
      await supplier.token(Role.EDITOR),
    ),
  );
  return data.reportIncident;
}

/** `n` distinct seeded municipalities, chosen at random so tests do not share them by habit. */
export async function someMunicipalities(t: TestApp, n: number): Promise<TestOrg[]> {
  const rows = await t.dataSource.query<{ id: string; name: string }[]>(
    `SELECT id, name FROM organization WHERE kind = 'MUNICIPALITY' ORDER BY random() LIMIT $1`,
    [n],
  );
  return rows.map((row) => {
    const id = organizationId(row.id);
    return {
      id,
      uuid: row.id,
      name: row.name,
      kind: OrganizationKind.MUNICIPALITY,
      token: (role = Role.ADMIN, sub = `user-${role.toLowerCase()}`) => t.token(id, role, { sub }),
    };
  });
}

/**
 * A chain of `depth` sub-processor steps above `bottom`, each product from a new supplier:
 * returns [top, ..., bottom] (top relies on the next, down to bottom).
 */
export async function chainAbove(t: TestApp, bottom: TestProduct, depth: number): Promise<TestProduct[]> {
  const chain = [bottom];
  for (let i = 0; i < depth; i++) {
    const supplier = await newSupplier(t);
    chain.unshift(
      await newProduct(t, supplier, {
        dataCategories: ['CONTACT_DETAILS', 'CHILDREN', 'FINANCIAL'],
        subprocessorIds: [chain[0].id],
      }),
    );
  }
  return chain;
}

/** Subscribes organisations straight in SQL as confirmed customers (fast, for large fan-outs). */
export async function subscribeInSql(
  t: TestApp,
  productUuid: string,
  subscriberUuids: readonly string[],
  categories: readonly string[],
  customerStatus: 'PENDING' | 'CONFIRMED' | 'DECLINED' = 'CONFIRMED',
): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO product_subscription (product_id, subscriber_id, data_categories, customer_status)
     SELECT $1, unnest($2::uuid[]), $3::text[], $4`,
    [productUuid, subscriberUuids, categories, customerStatus],
  );
}

const LIST = `query($state: IncidentState, $first: Int, $after: String) {
  incidents(state: $state, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor } edges { node { id } }
  }
}`;

type ListPage = {
  incidents: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string } }[];
  };
};

/** Every incident id the caller's `incidents` lists, following the pages. */
export async function listIncidentIds(t: TestApp, token: string, state?: string): Promise<string[]> {
  const found: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: ListPage = ok(await t.gql<ListPage>(LIST, { state, first: 100, after }, token));
    found.push(...page.incidents.edges.map((e) => e.node.id));
    if (!page.incidents.pageInfo.hasNextPage) return found;
    after = page.incidents.pageInfo.endCursor;
  }
}

export const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);
