import { Role } from '../src/common/actor.js';
import {
  agency,
  newProduct,
  newPublicBody,
  newSupplier,
  region,
  subscribe,
  type TestOrg,
} from './support/factories.js';
import { someMunicipalities } from './support/incidents.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const CONCENTRATION = `query($first: Int, $after: String) {
  supplierConcentration(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { supplier { id } dependents municipalities regions directDependents share
      byDataCategory { dataCategory dependents share } } }
  }
}`;

interface Row {
  supplier: { id: string };
  dependents: number;
  municipalities: number;
  regions: number;
  directDependents: number;
  share: number;
  byDataCategory: { dataCategory: string; dependents: number; share: number }[];
}
type Page = {
  supplierConcentration: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Row }[];
  };
};

describe('supplierConcentration', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const everyRow = async (token: string): Promise<Row[]> => {
    const rows: Row[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page = ok(await t.gql<Page>(CONCENTRATION, { first: 100, after }, token));
      rows.push(...page.supplierConcentration.edges.map((e) => e.node));
      if (!page.supplierConcentration.pageInfo.hasNextPage) return rows;
      after = page.supplierConcentration.pageInfo.endCursor;
    }
  };

  it('ranks suppliers by the municipalities and regions depending on them, directly or through sub-processors', async () => {
    const hosting = await newSupplier(t);
    const app = await newSupplier(t);
    const base = await newProduct(t, hosting, { dataCategories: ['CONTACT_DETAILS', 'CHILDREN'] });
    const onTop = await newProduct(t, app, {
      dataCategories: ['CONTACT_DETAILS', 'CHILDREN'],
      subprocessorIds: [base.id],
    });
    const [m1, m2] = await someMunicipalities(t, 2);
    const r1 = await region(t, '12');
    const publicBody: TestOrg = await newPublicBody(t);
    await subscribe(t, m1, onTop.id, ['CHILDREN']);
    await subscribe(t, m2, onTop.id, ['CONTACT_DETAILS']);
    await subscribe(t, r1, base.id, ['CHILDREN']);
    await subscribe(t, publicBody, base.id); // not a municipality or region: not counted

    const token = await (await agency(t)).token(Role.VIEWER);
    // Other files add suppliers to the shared database meanwhile: counts lie between before and after.
    const suppliers = async () =>
      (
        await t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM organization WHERE kind = 'SUPPLIER'`,
        )
      )[0].n;
    const suppliersBefore = await suppliers();
    const rows = await everyRow(token);
    const [{ n: customers }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM organization WHERE kind IN ('MUNICIPALITY', 'REGION')`,
    );
    const hostingRow = rows.find((r) => r.supplier.id === hosting.id)!;
    expect(hostingRow).toMatchObject({ dependents: 3, municipalities: 2, regions: 1, directDependents: 1 });
    expect(hostingRow.share).toBeCloseTo(3 / customers, 10);
    expect(hostingRow.byDataCategory).toEqual([
      { dataCategory: 'CHILDREN', dependents: 2, share: 2 / customers },
      { dataCategory: 'CONTACT_DETAILS', dependents: 1, share: 1 / customers },
    ]);
    expect(rows.find((r) => r.supplier.id === app.id)).toMatchObject({
      dependents: 2,
      municipalities: 2,
      regions: 0,
      directDependents: 2,
    });

    // Ranked, most dependents first, every supplier exactly once across the pages.
    const counts = rows.map((r) => r.dependents);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(new Set(rows.map((r) => r.supplier.id)).size).toBe(rows.length);
    const first = ok(await t.gql<Page>(CONCENTRATION, { first: 1 }, token)).supplierConcentration;
    const suppliersAfter = await suppliers();
    for (const listed of [rows.length, first.totalCount]) {
      expect(listed).toBeGreaterThanOrEqual(suppliersBefore);
      expect(listed).toBeLessThanOrEqual(suppliersAfter);
    }
    const lone = await newSupplier(t);
    expect((await everyRow(token)).find((r) => r.supplier.id === lone.id)).toMatchObject({
      dependents: 0,
      share: 0,
    });
  });

  it('is for the agency only', async () => {
    const [municipality] = await someMunicipalities(t, 1);
    for (const token of [
      await municipality.token(Role.ADMIN),
      await (await newSupplier(t)).token(Role.ADMIN),
    ]) {
      expect(errorCode(await t.gql(CONCENTRATION, { first: 5 }, token))).toBe('FORBIDDEN');
    }
  });

  it('refuses a cursor it did not issue', async () => {
    const token = await (await agency(t)).token(Role.VIEWER);
    const response = await t.gql(CONCENTRATION, { first: 5, after: 'WyJ4Il0' }, token);
    expect(errorCode(response)).toBe('BAD_USER_INPUT');
  });
});
