import { randomInt, randomUUID } from 'node:crypto';
import { luhnValid } from '../../src/organizations/org-number.js';

/**
 * Test data that needs no running service: the API factories (factories.ts, baselines.ts, ...) and
 * the service tier's (service-factories.ts) share it, and loading it loads no transport.
 */

/** A random organisation number of a legal person (third digit >= 2) with a valid check digit. */
export function randomOrgNumber(): string {
  for (;;) {
    const body = `${randomInt(1, 10)}${randomInt(0, 10)}${randomInt(2, 10)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    for (let check = 0; check < 10; check++) {
      if (luhnValid(body + check)) return `${body.slice(0, 6)}-${body.slice(6)}${check}`;
    }
  }
}

export interface TestProduct {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  readonly tier: string;
}

export interface ProductOverrides {
  name?: string;
  description?: string | null;
  dataCategories?: string[];
  hostingCountries?: string[];
  subprocessorIds?: string[];
}

export interface TestRequirement {
  readonly id: string;
  readonly code: string;
}

export interface TestBaseline {
  readonly id: string;
  readonly key: string;
  readonly version: string;
  readonly requirements: TestRequirement[];
}

export interface RequirementSeed {
  code: string;
  title?: string;
  statement?: string;
  guidance?: string | null;
  category?: string;
  tiers?: string[];
  evidenceExpected?: string | null;
  mappings?: { framework: string; reference: string; relationship: string }[];
}

export const requirementInput = (seed: RequirementSeed) => ({
  title: `Requirement ${seed.code}`,
  statement: `The supplier does what ${seed.code} asks.`,
  category: 'Identity and access',
  tiers: ['BASIC', 'ELEVATED', 'HIGH'],
  mappings: [{ framework: 'NIS2-IR-2024-2690', reference: '11.1', relationship: 'INTERSECTS' }],
  ...seed,
});

export const uniqueKey = (prefix = 'test'): string => `${prefix}-${randomUUID().slice(0, 8)}`;

export interface ReportOverrides {
  title?: string;
  description?: string;
  severity?: string;
  detectedAt?: string;
  dataCategories?: string[];
}

export function reportInput(products: readonly { id: string }[], overrides: ReportOverrides = {}) {
  return {
    productIds: products.map((p) => p.id),
    title: 'Ransomware in the hosting platform',
    description: 'File servers encrypted; backups intact.',
    severity: 'HIGH',
    detectedAt: new Date(Date.now() - 3_600_000).toISOString(),
    dataCategories: [],
    ...overrides,
  };
}

export const DAY = 24 * 60 * 60 * 1000;
export const daysFromNow = (days: number, from = Date.now()): string =>
  new Date(from + days * DAY).toISOString();

/** What newBaseline (API or service tier) makes: a key, version, requirements, a copy's source, published or not. */
export interface BaselineOptions {
  key?: string;
  version?: string;
  requirements?: RequirementSeed[];
  fromBaselineId?: string;
  publish?: boolean;
}
