import { randomUUID } from 'node:crypto';
import { Role } from '../src/common/actor.js';
import {
  agency,
  municipality,
  newAssessor,
  newProduct,
  newSupplier,
  subscribe,
  type TestOrg,
} from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const FIELDS =
  'id name description dataCategories tier hostingCountries supplier { id name } subprocessors { id name tier }';
const REGISTER = `mutation($input: RegisterProductInput!) { registerProduct(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { ${FIELDS} } }`;
const SET_TIER = `mutation($id: ID!, $tier: Tier!) { setProductTier(id: $id, tier: $tier) { id tier } }`;
const PRODUCT = `query($id: ID!) { product(id: $id) { ${FIELDS} subscriberCount } }`;
const LIST = `query($filter: ProductFilter, $first: Int, $after: String) {
  products(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name tier } }
  }
}`;

interface ProductShape {
  id: string;
  name: string;
  description: string | null;
  dataCategories: string[];
  tier: string;
  hostingCountries: string[];
  supplier: { id: string; name: string };
  subprocessors: { id: string; name: string; tier: string }[];
  subscriberCount?: number | null;
}
type ListResult = {
  products: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; name: string; tier: string } }[];
  };
};

const input = (overrides: Record<string, unknown> = {}) => ({
  name: `Product ${randomUUID().slice(0, 8)}`,
  dataCategories: ['CONTACT_DETAILS'],
  hostingCountries: ['SE'],
  ...overrides,
});

describe('products', () => {
  let t: TestApp;
  let supplier: TestOrg;
  let otherSupplier: TestOrg;
  let editor: string;
  let agencyEditor: string;
  let municipalityEditor: string;

  const register = (token: string, overrides: Record<string, unknown> = {}) =>
    t.gql<{ registerProduct: ProductShape }>(REGISTER, { input: input(overrides) }, token);
  const update = (token: string, id: string, changes: Record<string, unknown>) =>
    t.gql<{ updateProduct: ProductShape }>(UPDATE, { id, input: changes }, token);
  const tierOf = async (id: string) =>
    ok(await t.gql<{ product: ProductShape }>(PRODUCT, { id }, agencyEditor)).product.tier;

  beforeAll(async () => {
    t = await createTestApp();
    supplier = await newSupplier(t);
    otherSupplier = await newSupplier(t);
    editor = await supplier.token(Role.EDITOR);
    agencyEditor = await (await agency(t)).token(Role.EDITOR);
    municipalityEditor = await (await municipality(t, '0180')).token(Role.EDITOR);
  });
  afterAll(() => t.close());

  describe('registerProduct', () => {
    it('lets a supplier EDITOR register its own product, normalising countries', async () => {
      const product = ok(
        await register(editor, {
          name: '  Lön  och HR ',
          description: 'Payroll',
          dataCategories: ['FINANCIAL', 'CONTACT_DETAILS', 'FINANCIAL'],
          hostingCountries: ['se', 'SE', 'fi'],
        }),
      ).registerProduct;
      expect(product).toMatchObject({
        name: 'Lön och HR',
        description: 'Payroll',
        dataCategories: ['CONTACT_DETAILS', 'FINANCIAL'],
        tier: 'ELEVATED',
        hostingCountries: ['SE', 'FI'],
        supplier: { id: supplier.id, name: supplier.name },
        subprocessors: [],
      });
    });

    it('lets a supplier ADMIN register too', async () => {
      ok(await register(await supplier.token(Role.ADMIN)));
    });

    it.each([
      ['a supplier VIEWER', async () => supplier.token(Role.VIEWER)],
      ['a municipality EDITOR', async () => municipalityEditor],
      ['the agency ADMIN', async () => (await agency(t)).token(Role.ADMIN)],
      ['an assessor ADMIN', async () => (await newAssessor(t)).token(Role.ADMIN)],
    ])('refuses %s with FORBIDDEN', async (_who, token) => {
      expect(errorCode(await register(await token()))).toBe('FORBIDDEN');
    });

    it('refuses a name the supplier already uses (case and accents ignored) with CONFLICT', async () => {
      const name = `Skolwebb ${randomUUID().slice(0, 6)}`;
      ok(await register(editor, { name }));
      const again = await register(editor, { name: name.toUpperCase().replace('O', 'Ö') });
      expect(errorCode(again)).toBe('CONFLICT');
      // Another supplier may use the same name.
      ok(await register(await otherSupplier.token(Role.EDITOR), { name }));
    });

    it.each([
      ['a one-letter name', { name: 'x' }, 'input.name'],
      ['a 121-character name', { name: 'x'.repeat(121) }, 'input.name'],
      ['a 2001-character description', { description: 'x'.repeat(2001) }, 'input.description'],
      ['no data categories', { dataCategories: [] }, 'input.dataCategories'],
      [
        'NO_PERSONAL_DATA with another category',
        { dataCategories: ['NO_PERSONAL_DATA', 'CHILDREN'] },
        'input.dataCategories',
      ],
      ['an unknown country code', { hostingCountries: ['SE', 'XX'] }, 'input.hostingCountries'],
      ['an alpha-3 country code', { hostingCountries: ['SWE'] }, 'input.hostingCountries'],
      ['a malformed sub-processor id', { subprocessorIds: ['not-an-id'] }, 'input.subprocessorIds'],
      ['an unknown sub-processor', { subprocessorIds: [globalId('Product')] }, 'input.subprocessorIds'],
      [
        'an organisation id as sub-processor',
        { subprocessorIds: [globalId('Organization')] },
        'input.subprocessorIds',
      ],
    ])('refuses %s as BAD_USER_INPUT naming the field', async (_what, overrides, field) => {
      const response = await register(editor, overrides);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toContain(field);
    });

    it('refuses more than 50 sub-processors', async () => {
      const ids = Array.from({ length: 51 }, () => globalId('Product'));
      const response = await register(editor, { subprocessorIds: ids });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toContain('input.subprocessorIds');
    });

    it("accepts other suppliers' and the supplier's own products as sub-processors", async () => {
      const hosting = await newProduct(t, otherSupplier, { name: `Hosting ${randomUUID().slice(0, 6)}` });
      const own = await newProduct(t, supplier);
      const product = ok(
        await register(editor, { subprocessorIds: [hosting.id, own.id, hosting.id] }),
      ).registerProduct;
      expect(product.subprocessors.map((s) => s.id).sort()).toEqual([hosting.id, own.id].sort());
    });
  });

  describe('updateProduct', () => {
    it('lets the owning supplier change fields, keeping what is omitted', async () => {
      const created = await newProduct(t, supplier, { description: 'before' });
      const updated = ok(
        await update(editor, created.id, { description: 'after', hostingCountries: ['de'] }),
      ).updateProduct;
      expect(updated).toMatchObject({ name: created.name, description: 'after', hostingCountries: ['DE'] });
      const cleared = ok(await update(editor, created.id, { description: '' })).updateProduct;
      expect(cleared.description).toBeNull();
    });

    it('answers NOT_FOUND to another supplier and for unknown ids, FORBIDDEN to customers', async () => {
      const created = await newProduct(t, supplier);
      expect(
        errorCode(await update(await otherSupplier.token(Role.ADMIN), created.id, { name: 'Taken over' })),
      ).toBe('NOT_FOUND');
      expect(errorCode(await update(editor, 'bm90LWFuLWlk', { name: 'Nothing' }))).toBe('NOT_FOUND');
      expect(errorCode(await update(municipalityEditor, created.id, { name: 'Nothing' }))).toBe('FORBIDDEN');
      expect(errorCode(await update(await supplier.token(Role.VIEWER), created.id, { name: 'Nope' }))).toBe(
        'FORBIDDEN',
      );
      expect(
        ok(await t.gql<{ product: ProductShape }>(PRODUCT, { id: created.id }, editor)).product.name,
      ).toBe(created.name);
    });

    it('refuses renaming onto another of its products with CONFLICT', async () => {
      const first = await newProduct(t, supplier);
      const second = await newProduct(t, supplier);
      expect(errorCode(await update(editor, second.id, { name: first.name }))).toBe('CONFLICT');
    });

    it('replaces the sub-processor list, [] removing every one', async () => {
      const sub = await newProduct(t, otherSupplier);
      const created = await newProduct(t, supplier, { subprocessorIds: [sub.id] });
      expect(
        ok(await update(editor, created.id, { subprocessorIds: [] })).updateProduct.subprocessors,
      ).toEqual([]);
    });
  });

  describe('sub-processor cycles', () => {
    it('refuses a product relying on itself', async () => {
      const product = await newProduct(t, supplier, { name: `Self ${randomUUID().slice(0, 6)}` });
      const response = await update(editor, product.id, { subprocessorIds: [product.id] });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toEqual(['input.subprocessorIds']);
      expect(response.errors?.[0].message).toContain(`${product.name} -> ${product.name}`);
    });

    it('refuses a cycle through a chain, naming the products in order', async () => {
      const tag = randomUUID().slice(0, 6);
      const c = await newProduct(t, otherSupplier, { name: `C ${tag}` });
      const b = await newProduct(t, supplier, { name: `B ${tag}`, subprocessorIds: [c.id] });
      const a = await newProduct(t, supplier, { name: `A ${tag}`, subprocessorIds: [b.id] });
      const response = await update(await otherSupplier.token(Role.EDITOR), c.id, {
        subprocessorIds: [a.id],
      });
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].message).toContain(`C ${tag} -> A ${tag} -> B ${tag} -> C ${tag}`);
      // Nothing was changed.
      expect(
        ok(await t.gql<{ product: ProductShape }>(PRODUCT, { id: c.id }, editor)).product.subprocessors,
      ).toEqual([]);
    });

    it('allows long chains and diamonds', async () => {
      let below = await newProduct(t, otherSupplier);
      const bottom = below;
      for (let i = 0; i < 8; i++) below = await newProduct(t, supplier, { subprocessorIds: [below.id] });
      const diamond = ok(await register(editor, { subprocessorIds: [below.id, bottom.id] })).registerProduct;
      expect(diamond.subprocessors).toHaveLength(2);
    });

    it('lets only one of two concurrent updates that would together close a cycle succeed', async () => {
      const x = await newProduct(t, supplier);
      const y = await newProduct(t, supplier);
      const [first, second] = await Promise.all([
        update(editor, x.id, { subprocessorIds: [y.id] }),
        update(editor, y.id, { subprocessorIds: [x.id] }),
      ]);
      const codes = [errorCode(first), errorCode(second)].sort();
      expect(codes).toEqual(['BAD_USER_INPUT', undefined].sort());
    });
  });

  describe('tier', () => {
    it.each([
      [['HEALTH_AND_REHABILITATION'], 'HIGH'],
      [['PROTECTED_IDENTITIES', 'CONTACT_DETAILS'], 'HIGH'],
      [['CHILDREN'], 'HIGH'],
      [['PERSONAL_IDENTITY_NUMBERS'], 'ELEVATED'],
      [['EMPLOYMENT_RECORDS'], 'ELEVATED'],
      [['FINANCIAL'], 'ELEVATED'],
      [['CONTACT_DETAILS'], 'BASIC'],
      [['NO_PERSONAL_DATA'], 'BASIC'],
    ])('derives %j -> %s', async (dataCategories, tier) => {
      expect(ok(await register(editor, { dataCategories })).registerProduct.tier).toBe(tier);
    });

    it('is never lower than a sub-processor, transitively, and follows changes down the chain', async () => {
      const bottom = await newProduct(t, otherSupplier, { dataCategories: ['CONTACT_DETAILS'] });
      const middle = await newProduct(t, supplier, { subprocessorIds: [bottom.id] });
      const top = await newProduct(t, supplier, {
        dataCategories: ['NO_PERSONAL_DATA'],
        subprocessorIds: [middle.id],
      });
      expect(top.tier).toBe('BASIC');

      const otherEditor = await otherSupplier.token(Role.EDITOR);
      ok(await update(otherEditor, bottom.id, { dataCategories: ['CHILDREN'] }));
      expect([await tierOf(bottom.id), await tierOf(middle.id), await tierOf(top.id)]).toEqual([
        'HIGH',
        'HIGH',
        'HIGH',
      ]);

      ok(await update(otherEditor, bottom.id, { dataCategories: ['FINANCIAL'] }));
      expect([await tierOf(middle.id), await tierOf(top.id)]).toEqual(['ELEVATED', 'ELEVATED']);

      ok(await update(editor, middle.id, { subprocessorIds: [] }));
      expect([await tierOf(middle.id), await tierOf(top.id)]).toEqual(['BASIC', 'BASIC']);
    });

    it('takes a sub-processor tier at registration', async () => {
      const high = await newProduct(t, otherSupplier, { dataCategories: ['HEALTH_AND_REHABILITATION'] });
      expect((await newProduct(t, supplier, { subprocessorIds: [high.id] })).tier).toBe('HIGH');
    });

    it('can be raised by an agency EDITOR; the raise survives updates and reaches dependents', async () => {
      const product = await newProduct(t, supplier, { dataCategories: ['CONTACT_DETAILS'] });
      const dependent = await newProduct(t, otherSupplier, { subprocessorIds: [product.id] });
      expect(
        ok(
          await t.gql<{ setProductTier: { tier: string } }>(
            SET_TIER,
            { id: product.id, tier: 'HIGH' },
            agencyEditor,
          ),
        ).setProductTier.tier,
      ).toBe('HIGH');
      expect(await tierOf(dependent.id)).toBe('HIGH');

      ok(await update(editor, product.id, { dataCategories: ['FINANCIAL'], name: `${product.name} 2` }));
      expect(await tierOf(product.id)).toBe('HIGH');

      // Setting exactly the derived tier removes the raise.
      ok(await t.gql(SET_TIER, { id: product.id, tier: 'ELEVATED' }, agencyEditor));
      expect([await tierOf(product.id), await tierOf(dependent.id)]).toEqual(['ELEVATED', 'ELEVATED']);
      ok(await update(editor, product.id, { dataCategories: ['CONTACT_DETAILS'] }));
      expect(await tierOf(product.id)).toBe('BASIC');
    });

    it('refuses lowering below the derived tier with BAD_USER_INPUT', async () => {
      const product = await newProduct(t, supplier, { dataCategories: ['CHILDREN'] });
      const response = await t.gql(SET_TIER, { id: product.id, tier: 'ELEVATED' }, agencyEditor);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toEqual(['tier']);
    });

    it("is the agency EDITOR's alone", async () => {
      const product = await newProduct(t, supplier);
      for (const token of [editor, municipalityEditor, await (await agency(t)).token(Role.VIEWER)]) {
        expect(errorCode(await t.gql(SET_TIER, { id: product.id, tier: 'HIGH' }, token))).toBe('FORBIDDEN');
      }
      expect(errorCode(await t.gql(SET_TIER, { id: 'bm9wZQ', tier: 'HIGH' }, agencyEditor))).toBe(
        'NOT_FOUND',
      );
    });
  });

  describe('reading', () => {
    it('shows any product to every signed-in caller; NOT_FOUND for unknown ids', async () => {
      const product = await newProduct(t, supplier);
      const viewer = await (await municipality(t, '1280')).token(Role.VIEWER);
      expect(ok(await t.gql<{ product: ProductShape }>(PRODUCT, { id: product.id }, viewer)).product.id).toBe(
        product.id,
      );
      const unknown = globalId('Product');
      expect(errorCode(await t.gql(PRODUCT, { id: unknown }, viewer))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(PRODUCT, { id: supplier.id }, viewer))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(PRODUCT, { id: product.id }))).toBe('UNAUTHENTICATED');
      const node = ok(
        await t.gql<{ node: { __typename: string; id: string } }>(
          `query($id: ID!) { node(id: $id) { __typename id } }`,
          { id: product.id },
          viewer,
        ),
      );
      expect(node.node).toEqual({ __typename: 'Product', id: product.id });
    });

    it('filters by supplier, search (case and accents ignored) and tier, and pages by keyset', async () => {
      const own = await newSupplier(t);
      const tag = randomUUID().slice(0, 6);
      await newProduct(t, own, { name: `Älvdalen ${tag} skola`, dataCategories: ['CHILDREN'] });
      await newProduct(t, own, { name: `Borås ${tag}` });
      await newProduct(t, own, { name: `Cirkus ${tag}`, dataCategories: ['FINANCIAL'] });
      const viewer = await (await municipality(t, '1280')).token(Role.VIEWER);
      const list = async (variables: Record<string, unknown>) =>
        ok(await t.gql<ListResult>(LIST, variables, viewer)).products;

      const page1 = await list({ filter: { supplierId: own.id }, first: 2 });
      expect(page1.totalCount).toBe(3);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const page2 = await list({ filter: { supplierId: own.id }, first: 2, after: page1.pageInfo.endCursor });
      // Sorted by the search name: "alvdalen", "boras", "cirkus".
      expect([...page1.edges, ...page2.edges].map((e) => e.node.name)).toEqual([
        `Älvdalen ${tag} skola`,
        `Borås ${tag}`,
        `Cirkus ${tag}`,
      ]);
      expect(page2.pageInfo.hasNextPage).toBe(false);
      expect(page2.totalCount).toBe(3);

      expect((await list({ filter: { search: `ALVDALEN ${tag}` } })).edges.map((e) => e.node.name)).toEqual([
        `Älvdalen ${tag} skola`,
      ]);
      expect((await list({ filter: { search: `boras ${tag}` } })).totalCount).toBe(1);
      expect(
        (await list({ filter: { supplierId: own.id, tier: 'ELEVATED' } })).edges.map((e) => e.node.name),
      ).toEqual([`Cirkus ${tag}`]);
      // None of the three has been assessed: the state filter keeps all of them or none.
      expect((await list({ filter: { supplierId: own.id, state: 'COMPLIANT' } })).totalCount).toBe(0);
      expect((await list({ filter: { supplierId: own.id, state: 'NOT_ASSESSED' } })).totalCount).toBe(3);
      const bad = await t.gql(LIST, { filter: { supplierId: 'nope' } }, viewer);
      expect(errorCode(bad)).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(LIST, { first: 101 }, viewer))).toBe('BAD_USER_INPUT');
    });

    it("lists an organisation's products on Organization.products, batched across organisations", async () => {
      const tag = randomUUID().slice(0, 6);
      const first = await newSupplier(t, `Leverantör ${tag} ett AB`);
      const second = await newSupplier(t, `Leverantör ${tag} två AB`);
      await newProduct(t, first, { name: 'Ett A' });
      await newProduct(t, first, { name: 'Ett B' });
      await newProduct(t, second, { name: 'Två A' });
      const viewer = await (await municipality(t, '1280')).token(Role.VIEWER);
      const response = await t.gql<{
        organizations: { edges: { node: { name: string; products: ListResult['products'] } }[] };
      }>(
        `query($search: String) { organizations(search: $search, kind: SUPPLIER) { edges { node { name
           products(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name tier } } } } } } }`,
        { search: `Leverantör ${tag}` },
        viewer,
      );
      const byName = Object.fromEntries(
        ok(response).organizations.edges.map((e) => [e.node.name, e.node.products]),
      );
      expect(byName[first.name].totalCount).toBe(2);
      expect(byName[first.name].edges.map((e) => e.node.name)).toEqual(['Ett A']);
      expect(byName[first.name].pageInfo.hasNextPage).toBe(true);
      expect(byName[second.name].edges.map((e) => e.node.name)).toEqual(['Två A']);
      // organisations (1) + organisation products for both suppliers (1)
      expect(Number(response.headers['x-sql-statements'])).toBeLessThanOrEqual(3);

      const next = ok(
        await t.gql<{ organization: { products: ListResult['products'] } }>(
          `query($id: ID!, $after: String) { organization(id: $id) { products(first: 1, after: $after) { totalCount edges { node { name } } pageInfo { hasNextPage } } } }`,
          { id: first.id, after: byName[first.name].pageInfo.endCursor },
          viewer,
        ),
      ).organization.products;
      expect(next.edges.map((e) => e.node.name)).toEqual(['Ett B']);
      expect(next.totalCount).toBe(2);
      expect(next.pageInfo.hasNextPage).toBe(false);
    });

    it('shows subscriberCount to the agency and the owning supplier only', async () => {
      const product = await newProduct(t, supplier);
      await subscribe(t, await municipality(t, '0114'), product.id);
      const count = async (token: string) =>
        ok(await t.gql<{ product: ProductShape }>(PRODUCT, { id: product.id }, token)).product
          .subscriberCount;
      expect(await count(agencyEditor)).toBe(1);
      expect(await count(await supplier.token(Role.VIEWER))).toBe(1);
      expect(await count(await otherSupplier.token(Role.ADMIN))).toBeNull();
      expect(await count(municipalityEditor)).toBeNull();
    });

    it('batches supplier and sub-processors of a whole page', async () => {
      const own = await newSupplier(t);
      const sub = await newProduct(t, otherSupplier);
      for (let i = 0; i < 5; i++) await newProduct(t, own, { subprocessorIds: [sub.id] });
      const response = await t.gql<ListResult>(
        `query($filter: ProductFilter) { products(filter: $filter) { edges { node { name supplier { name } subprocessors { name supplier { name } } subscriberCount } } } }`,
        { filter: { supplierId: own.id } },
        agencyEditor,
      );
      expect(ok(response).products.edges).toHaveLength(5);
      // count + page, suppliers, sub-processors, their suppliers, subscriber counts
      expect(Number(response.headers['x-sql-statements'])).toBeLessThanOrEqual(6);
    });
  });

  it('audits every mutation with the public id', async () => {
    const product = await newProduct(t, supplier);
    ok(await update(editor, product.id, { description: 'audited' }));
    ok(await t.gql(SET_TIER, { id: product.id, tier: 'HIGH' }, agencyEditor));
    const log = ok(
      await t.gql<{ auditLog: { edges: { node: { action: string; entityType: string } }[] } }>(
        `query($id: String) { auditLog(entityId: $id) { edges { node { action entityType } } } }`,
        { id: product.id },
        await (await agency(t)).token(Role.ADMIN),
      ),
    );
    expect(log.auditLog.edges.map((e) => e.node.action).sort()).toEqual(
      ['product.registered', 'product.tier_set', 'product.updated'].sort(),
    );
  });
});

/** A well-formed id of the given type that names nothing. */
function globalId(type: string): string {
  return Buffer.from(`${type}:${randomUUID()}`).toString('base64url');
}
