import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { toSearchName } from '../search-name.js';

/** The project's own copy of the CC0 Swedish reference data (see resources/sweden/README.md). */
const DATA_DIR = fileURLToPath(new URL('../../../resources/sweden/', import.meta.url));

/** Gotland has no separate region: municipality 0980 carries the regional responsibility. */
export const GOTLAND_MUNICIPALITY_CODE = '0980';
const GOTLAND_COUNTY_CODE = '09';
export const GOTLAND_NAME = 'Region Gotland';

/**
 * The naming rule (docs/operator.md, "Names of municipalities and regions"): every municipality
 * carries its formal name as the source gives it ("Stockholms kommun", "Lunds kommun"), except
 * where the source's genitive is wrong; those are corrected here, by kommunkod. A municipality that
 * calls itself "stad" (Stockholms stad) may have its name edited; the seed never overwrites it.
 */
export const MUNICIPALITY_NAME_CORRECTIONS: Readonly<Record<string, string>> = {
  '0880': 'Kalmar kommun', // source: "Kalmars kommun"
  '2080': 'Falu kommun', // source: "Faluns kommun"
  '2513': 'Överkalix kommun', // source: "Överkalixs kommun"
  '2514': 'Kalix kommun', // source: "Kalixs kommun"
};

/** The formal name of a municipality from its row in municipalities.csv. */
export function municipalityName(code: string, sourceName: string): string {
  if (code === GOTLAND_MUNICIPALITY_CODE) return GOTLAND_NAME;
  return MUNICIPALITY_NAME_CORRECTIONS[code] ?? sourceName;
}

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(DATA_DIR + file, 'utf8')
    .trim()
    .split(/\r?\n/);
  const columns = header.split(',');
  // The files hold no quoted commas; every value is read as a string so leading zeros survive.
  return lines.map((line) => {
    const values = line.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? '']));
  });
}

interface SeedRow {
  kind: 'MUNICIPALITY' | 'REGION';
  name: string;
  municipalityCode: string | null;
  countyCode: string;
}

export function referenceOrganizations(): SeedRow[] {
  const municipalities: SeedRow[] = readCsv('municipalities.csv').map((m) => ({
    kind: 'MUNICIPALITY',
    name: municipalityName(m.municipality_code, m.municipality_name),
    municipalityCode: m.municipality_code,
    countyCode: m.county_code,
  }));
  const regions: SeedRow[] = readCsv('regions.csv')
    .filter((r) => r.county_code !== GOTLAND_COUNTY_CODE)
    .map((r) => ({ kind: 'REGION', name: r.region_name, municipalityCode: null, countyCode: r.county_code }));
  return [...municipalities, ...regions];
}

/** The advisory lock instances starting together take turns on while seeding (any fixed number). */
const SEED_LOCK = 7_395_882_090;

/**
 * Idempotent: creates the agency (once), the 290 municipalities and 20 regions; existing rows are
 * left as they are, so names edited later are kept. Instances starting together on an empty
 * database seed one after the other (a transaction-level advisory lock): the agency is unique.
 */
export async function seedReferenceData(
  dataSource: DataSource,
  agency: { orgNumber: string; name: string },
): Promise<void> {
  await dataSource.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    await em.query(
      `INSERT INTO organization (kind, name, search_name, org_number)
       SELECT 'AGENCY', $1, $2, $3
       WHERE NOT EXISTS (SELECT 1 FROM organization WHERE kind = 'AGENCY')`,
      [agency.name, toSearchName(agency.name), agency.orgNumber],
    );
    const rows = referenceOrganizations();
    const insert = (subset: SeedRow[], conflict: string) =>
      em.query(
        `INSERT INTO organization (kind, name, search_name, municipality_code, county_code)
         VALUES ${subset.map((_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}, $${i * 5 + 5})`).join(', ')}
         ON CONFLICT ${conflict} DO NOTHING`,
        subset.flatMap((r) => [r.kind, r.name, toSearchName(r.name), r.municipalityCode, r.countyCode]),
      );
    await insert(
      rows.filter((r) => r.kind === 'MUNICIPALITY'),
      '(municipality_code) WHERE municipality_code IS NOT NULL',
    );
    await insert(
      rows.filter((r) => r.kind === 'REGION'),
      `(county_code) WHERE kind = 'REGION'`,
    );
  });
}
