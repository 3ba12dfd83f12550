import { Role } from '../src/common/actor.js';
import {
  agency,
  municipality,
  newAssessor,
  newSupplier,
  randomOrgNumber,
  region,
} from './support/factories.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';

const REGISTER = `mutation($kind: OrganizationKind!, $name: String!, $orgNumber: String!) {
  registerOrganization(kind: $kind, name: $name, orgNumber: $orgNumber) { id kind name orgNumber }
}`;
const LIST = `query($kind: OrganizationKind, $search: String, $first: Int, $after: String) {
  organizations(kind: $kind, search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind name orgNumber municipalityCode countyCode } }
  }
}`;

type ListResult = {
  organizations: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        id: string;
        kind: string;
        name: string;
        municipalityCode: string | null;
        countyCode: string | null;
      };
    }[];
  };
};

describe('organisations', () => {
  let t: TestApp;
  let agencyAdmin: string;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp();
    agencyAdmin = await (await agency(t)).token(Role.ADMIN);
    viewer = await (await municipality(t, '1280')).token(Role.VIEWER);
  });
  afterAll(() => t.close());

  describe('seeded reference data', () => {
    it('holds the 290 municipalities and 20 regions, Gotland once', async () => {
      const municipalities = ok(await t.gql<ListResult>(LIST, { kind: 'MUNICIPALITY', first: 1 }, viewer));
      const regions = ok(await t.gql<ListResult>(LIST, { kind: 'REGION', first: 100 }, viewer));
      expect(municipalities.organizations.totalCount).toBe(290);
      expect(regions.organizations.totalCount).toBe(20);
      expect(regions.organizations.edges.map((e) => e.node.countyCode)).not.toContain('09');
      const gotland = ok(await t.gql<ListResult>(LIST, { search: 'region gotland' }, viewer)).organizations
        .edges;
      expect(gotland.map((e) => e.node)).toEqual([
        expect.objectContaining({
          kind: 'MUNICIPALITY',
          name: 'Region Gotland',
          municipalityCode: '0980',
          countyCode: '09',
        }),
      ]);
    });

    it('keeps leading zeros of codes', async () => {
      const found = ok(await t.gql<ListResult>(LIST, { search: 'Upplands Väsby' }, viewer)).organizations
        .edges;
      expect(found[0].node).toMatchObject({ municipalityCode: '0114', countyCode: '01' });
    });
  });

  describe('search', () => {
    it('ignores case and accents', async () => {
      for (const term of ['MALMÖ', 'malmo', 'Malmö']) {
        const names = ok(await t.gql<ListResult>(LIST, { search: term }, viewer)).organizations.edges.map(
          (e) => e.node.name,
        );
        expect(names).toContain('Malmö kommun');
      }
      const names = ok(await t.gql<ListResult>(LIST, { search: 'orebro' }, viewer)).organizations.edges.map(
        (e) => e.node.name,
      );
      expect(names).toEqual(expect.arrayContaining(['Örebro kommun', 'Region Örebro län']));
    });

    it('treats LIKE wildcards as text', async () => {
      expect(ok(await t.gql<ListResult>(LIST, { search: '%' }, viewer)).organizations.totalCount).toBe(0);
    });
  });

  describe('pagination', () => {
    it('walks pages with after, without repeats, and reports totalCount', async () => {
      const seen = new Set<string>();
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: ListResult = ok(
          await t.gql<ListResult>(LIST, { kind: 'REGION', first: 7, after }, viewer),
        );
        page.organizations.edges.forEach((e) => seen.add(e.node.id));
        expect(page.organizations.totalCount).toBe(20);
        pages += 1;
        if (!page.organizations.pageInfo.hasNextPage) break;
        after = page.organizations.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen.size).toBe(20);
    });

    it.each([0, -1, 101, 99999])('refuses first: %p with BAD_USER_INPUT naming first', async (first) => {
      const response = await t.gql(LIST, { first }, viewer);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toContain('first');
    });

    it('refuses a cursor it did not issue', async () => {
      const response = await t.gql(LIST, { after: 'bm90LWEtY3Vyc29y' }, viewer);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toEqual(['after']);
    });

    it('defaults to 20', async () => {
      expect(
        ok(await t.gql<ListResult>(LIST, { kind: 'MUNICIPALITY' }, viewer)).organizations.edges,
      ).toHaveLength(20);
    });
  });

  describe('registerOrganization', () => {
    it('registers a supplier, an assessor and a public body', async () => {
      for (const kind of ['SUPPLIER', 'ASSESSOR', 'PUBLIC_BODY']) {
        const orgNumber = randomOrgNumber();
        const data = ok(await t.gql(REGISTER, { kind, name: `  New   ${kind} AB `, orgNumber }, agencyAdmin));
        expect(data.registerOrganization).toMatchObject({ kind, name: `New ${kind} AB`, orgNumber });
      }
    });

    it('normalises a number written without hyphen', async () => {
      const orgNumber = randomOrgNumber();
      const data = ok(
        await t.gql(
          REGISTER,
          { kind: 'SUPPLIER', name: 'Hyphenless AB', orgNumber: orgNumber.replace('-', '') },
          agencyAdmin,
        ),
      );
      expect((data.registerOrganization as { orgNumber: string }).orgNumber).toBe(orgNumber);
    });

    it('answers CONFLICT for a number already registered', async () => {
      const orgNumber = randomOrgNumber();
      ok(await t.gql(REGISTER, { kind: 'SUPPLIER', name: 'First AB', orgNumber }, agencyAdmin));
      const again = await t.gql(REGISTER, { kind: 'ASSESSOR', name: 'Second AB', orgNumber }, agencyAdmin);
      expect(errorCode(again)).toBe('CONFLICT');
    });

    it.each([
      ['a wrong check digit', { orgNumber: '556036-0794' }, 'orgNumber'],
      ['a personal identity number', { orgNumber: '640823-3234' }, 'orgNumber'],
      ['a short number', { orgNumber: '55603607' }, 'orgNumber'],
      ['a one-letter name', { name: 'X' }, 'name'],
      ['a seeded kind', { kind: 'MUNICIPALITY' }, 'kind'],
      ['a second agency', { kind: 'AGENCY' }, 'kind'],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_, override, field) => {
      const variables = {
        kind: 'SUPPLIER',
        name: 'Valid Name AB',
        orgNumber: randomOrgNumber(),
        ...override,
      };
      const response = await t.gql(REGISTER, variables, agencyAdmin);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.fields).toEqual([field]);
    });

    it('names the field once in the message', async () => {
      const variables = { kind: 'SUPPLIER', name: 'Valid Name AB', orgNumber: '556036-0794' };
      const response = await t.gql(REGISTER, variables, agencyAdmin);
      expect(response.errors?.[0].message).toBe('orgNumber: the check digit does not match');
      const short = await t.gql(
        REGISTER,
        { ...variables, orgNumber: randomOrgNumber(), name: 'X' },
        agencyAdmin,
      );
      expect(short.errors?.[0].message).toMatch(/^name: (?!name )/);
    });

    it('is for the agency ADMIN only', async () => {
      const variables = { kind: 'SUPPLIER', name: 'Sneaky AB', orgNumber: randomOrgNumber() };
      const supplier = await newSupplier(t);
      for (const token of [
        await (await agency(t)).token(Role.EDITOR),
        await supplier.token(Role.ADMIN),
        await (await newAssessor(t)).token(Role.ADMIN),
        await (await region(t)).token(Role.ADMIN),
      ]) {
        expect(errorCode(await t.gql(REGISTER, variables, token))).toBe('FORBIDDEN');
      }
      expect(errorCode(await t.gql(REGISTER, variables))).toBe('UNAUTHENTICATED');
    });
  });

  describe('organization(id) and node(id)', () => {
    const ONE = `query($id: ID!) { organization(id: $id) { id name kind registeredAt } }`;
    const NODE = `query($id: ID!) { node(id: $id) { id ... on Organization { name } } }`;

    it('finds an organisation by id for any signed-in caller', async () => {
      const supplier = await newSupplier(t);
      const asSupplier = ok(await t.gql(ONE, { id: supplier.id }, await supplier.token(Role.VIEWER)));
      expect(asSupplier.organization).toMatchObject({
        id: supplier.id,
        name: supplier.name,
        kind: 'SUPPLIER',
      });
      const node = ok(await t.gql(NODE, { id: supplier.id }, viewer));
      expect(node.node).toEqual({ id: supplier.id, name: supplier.name });
    });

    it('shows registration details to the agency only', async () => {
      const supplier = await newSupplier(t);
      const asAgency = ok(
        await t.gql<{ organization: { registeredAt: string } }>(ONE, { id: supplier.id }, agencyAdmin),
      );
      expect(new Date(asAgency.organization.registeredAt).getTime()).toBeGreaterThan(0);
      const asOther = ok(
        await t.gql<{ organization: { registeredAt: null } }>(ONE, { id: supplier.id }, viewer),
      );
      expect(asOther.organization.registeredAt).toBeNull();
    });

    it.each([
      'nonsense',
      'T3JnYW5pemF0aW9uOjAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMA',
      'UHJvZHVjdDoxMjM',
    ])('answers NOT_FOUND for %p, and node answers null', async (id) => {
      expect(errorCode(await t.gql(ONE, { id }, viewer))).toBe('NOT_FOUND');
      expect(ok(await t.gql(NODE, { id }, viewer)).node).toBeNull();
    });
  });
});
