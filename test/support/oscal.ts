import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { TestApp } from './test-app.js';

/*
 * NIST's OSCAL files (public domain) for the OSCAL tests: the official 1.2.1 JSON schemas and
 * NIST's catalogs. Looked up in OSCAL_FIXTURES_DIR, then test/fixtures/oscal, then shared/ beside
 * the repository (shared/data/oscal), where the steering side keeps such data files.
 */

export const OSCAL_FILES = {
  catalogSchema: 'oscal_catalog_schema.json',
  profileSchema: 'oscal_profile_schema.json',
  assessmentResultsSchema: 'oscal_assessment-results_schema.json',
  poamSchema: 'oscal_poam_schema.json',
  sampleCatalog: 'basic-catalog.json',
  low: 'NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json',
} as const;

export function oscalFixtureDir(): string {
  const candidates = [
    process.env.OSCAL_FIXTURES_DIR,
    resolve('test/fixtures/oscal'),
    resolve('../shared/data/oscal'),
  ].filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(join(d, OSCAL_FILES.catalogSchema)));
  if (!found) {
    throw new Error(
      `NIST's OSCAL fixtures (${Object.values(OSCAL_FILES).join(', ')}) are in none of ${candidates.join(', ')}`,
    );
  }
  return found;
}

export const oscalFixture = (name: string): Buffer => readFileSync(join(oscalFixtureDir(), name));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const oscalJson = <T = Record<string, any>>(name: string): T =>
  JSON.parse(oscalFixture(name).toString('utf8')) as T;

const validators = new Map<string, ValidateFunction>();

/** A validator of one official schema (ajv 8, draft-07, strict off as NIST's schemas need). */
export function oscalValidator(schemaFile: string): ValidateFunction {
  let validate = validators.get(schemaFile);
  if (!validate) {
    const ajv = new Ajv({ strict: false, allErrors: false });
    const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
    addFormats(ajv);
    validate = ajv.compile(oscalJson(schemaFile));
    validators.set(schemaFile, validate);
  }
  return validate;
}

/** Asserts schema validity, printing the first errors when it fails. */
export function expectSchemaValid(schemaFile: string, document: unknown): void {
  const validate = oscalValidator(schemaFile);
  const valid = validate(document);
  if (!valid)
    throw new Error(`not valid against ${schemaFile}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
}

export function request(
  t: TestApp,
  method: 'GET' | 'POST',
  url: string,
  token?: string,
  body?: string | Buffer,
) {
  return t.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      ...(body !== undefined ? { payload: body } : {}),
    });
}
