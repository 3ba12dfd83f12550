import { Role } from '../src/common/actor.js';
import { OfficialMunicipalityNames1796200000000 } from '../src/database/migrations/1796200000000-OfficialMunicipalityNames.js';
import { municipalityName } from '../src/organizations/seed/reference-data.js';
import { agency } from './support/factories.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/*
 * Municipalities and regions carry their formal names (docs/operator.md, "Names of municipalities
 * and regions"): the source's names, with its wrong genitives corrected; Gotland is Region Gotland.
 */
const BY_CODE = `query OrganizationsByName($search: String) {
  organizations(search: $search, first: 100) { edges { node { kind name municipalityCode countyCode } } }
}`;

type Found = {
  organizations: {
    edges: { node: { kind: string; name: string; municipalityCode: string | null; countyCode: string } }[];
  };
};

describe('names of municipalities and regions', () => {
  let t: TestApp;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await (await agency(t)).token(Role.VIEWER);
  });
  afterAll(() => t.close());

  async function nameOf(search: string, code: string): Promise<string | undefined> {
    const found = ok(await t.gql<Found>(BY_CODE, { search }, viewer)).organizations.edges;
    return found.find((e) => e.node.municipalityCode === code)?.node.name;
  }

  it('gives municipalities their formal names, genitive included', async () => {
    expect(await nameOf('Stockholm', '0180')).toBe('Stockholms kommun');
    expect(await nameOf('Lund', '1281')).toBe('Lunds kommun');
    expect(await nameOf('Malmö', '1280')).toBe('Malmö kommun');
    expect(await nameOf('Borås', '1490')).toBe('Borås kommun');
  });

  it("corrects the source's wrong genitives", async () => {
    expect(await nameOf('Kalmar', '0880')).toBe('Kalmar kommun');
    expect(await nameOf('Falu', '2080')).toBe('Falu kommun');
    expect(await nameOf('Kalix', '2514')).toBe('Kalix kommun');
    expect(await nameOf('Överkalix', '2513')).toBe('Överkalix kommun');
  });

  it('names Gotland Region Gotland and keeps the regions as they call themselves', async () => {
    expect(await nameOf('Gotland', '0980')).toBe('Region Gotland');
    const regions = ok(await t.gql<Found>(BY_CODE, { search: 'Region Kalmar' }, viewer)).organizations.edges;
    expect(regions.map((e) => e.node)).toEqual([
      { kind: 'REGION', name: 'Region Kalmar län', municipalityCode: null, countyCode: '08' },
    ]);
    const vg = ok(await t.gql<Found>(BY_CODE, { search: 'Västra Götalandsregionen' }, viewer)).organizations;
    expect(vg.edges.map((e) => e.node.name)).toEqual(['Västra Götalandsregionen']);
  });

  it('builds the name from the source row by the same rule', () => {
    expect(municipalityName('0180', 'Stockholms kommun')).toBe('Stockholms kommun');
    expect(municipalityName('0880', 'Kalmars kommun')).toBe('Kalmar kommun');
    expect(municipalityName('0980', 'Gotlands kommun')).toBe('Region Gotland');
  });

  it('renames rows seeded under the old rule, keeps names edited since, and can be undone', async () => {
    const db = t.dataSource;
    const set = (code: string, name: string) =>
      db.query(`UPDATE organization SET name = $2 WHERE municipality_code = $1`, [code, name]);
    const read = async (code: string) =>
      (
        await db.query<{ name: string; search_name: string }[]>(
          `SELECT name, search_name FROM organization WHERE municipality_code = $1`,
          [code],
        )
      )[0];
    await set('0180', 'Stockholm kommun');
    await set('1480', 'Göteborgs stad');
    const migration = new OfficialMunicipalityNames1796200000000();
    const runner = db.createQueryRunner();
    try {
      await migration.up(runner);
      expect(await read('0180')).toEqual({ name: 'Stockholms kommun', search_name: 'stockholms kommun' });
      expect((await read('1480')).name).toBe('Göteborgs stad');
      await migration.down(runner);
      expect((await read('0180')).name).toBe('Stockholm kommun');
      await migration.up(runner);
      expect((await read('0180')).name).toBe('Stockholms kommun');
    } finally {
      await runner.release();
      await set('1480', 'Göteborgs kommun');
    }
  });
});
