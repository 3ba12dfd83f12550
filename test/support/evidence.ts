import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/common/actor.js';
import type { TestOrg, TestProduct } from './factories.js';
import { ok, type TestApp } from './test-app.js';

/** Evidence helpers: record through GraphQL, PUT and GET through the HTTP routes, inspect the disk. */

export const CREATE_EVIDENCE = `mutation($input: CreateEvidenceInput!) {
  createEvidence(input: $input) {
    uploadUrl expiresAt
    evidence { id status title confidentiality fileName requirements { id code } product { id } }
  }
}`;

export const EVIDENCE_FIELDS = `id status rejectionReason title confidentiality fileName mediaType sizeBytes sha256 uploadedAt contentScanned validUntil downloadUrl`;

export interface TestEvidence {
  readonly id: string;
  readonly uploadUrl: string;
  readonly uploadPath: string;
}

export interface EvidenceOverrides {
  title?: string;
  description?: string | null;
  confidentiality?: string;
  fileName?: string;
  validFrom?: string | null;
  validUntil?: string | null;
}

export async function newEvidence(
  t: TestApp,
  supplier: TestOrg,
  product: TestProduct,
  requirementIds: string[],
  overrides: EvidenceOverrides = {},
): Promise<TestEvidence> {
  const data = ok(
    await t.gql<{ createEvidence: { uploadUrl: string; evidence: { id: string } } }>(
      CREATE_EVIDENCE,
      {
        input: {
          productId: product.id,
          title: 'Penetration test summary',
          requirementIds,
          confidentiality: 'PUBLIC',
          fileName: 'report.pdf',
          ...overrides,
        },
      },
      await supplier.token(Role.EDITOR),
    ),
  );
  const { uploadUrl, evidence } = data.createEvidence;
  return { id: evidence.id, uploadUrl, uploadPath: new URL(uploadUrl).pathname };
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
  json<T = Record<string, unknown>>(): T;
}

async function inject(
  t: TestApp,
  method: 'PUT' | 'GET',
  url: string,
  token?: string,
  payload?: Buffer,
): Promise<HttpResult> {
  const response = await t.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(payload ? { 'content-type': 'application/octet-stream' } : {}),
      },
      ...(payload ? { payload } : {}),
    });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: response.rawPayload,
    json: <T>() => JSON.parse(response.body) as T,
  };
}

export const upload = (t: TestApp, evidence: TestEvidence, bytes: Buffer, token: string) =>
  inject(t, 'PUT', evidence.uploadPath, token, bytes);

export const download = (t: TestApp, url: string, token?: string) => {
  const parsed = new URL(url);
  return inject(t, 'GET', parsed.pathname + parsed.search, token);
};

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Whether bytes with this hash are in evidence storage. */
export function stored(t: TestApp, hash: string): boolean {
  return existsSync(join(t.config.dataDir, 'evidence', 'sha256', hash));
}

/**
 * Files waiting in quarantine for this evidence (none once its requests have finished). Other test
 * files upload into the same DATA_DIR at the same time, so only this evidence's files are counted.
 */
export function quarantined(t: TestApp, ...evidence: { id: string }[]): string[] {
  const dir = join(t.config.dataDir, 'quarantine');
  const owners = new Set(evidence.map((e) => Buffer.from(e.id, 'base64url').toString('utf8').split(':')[1]));
  return existsSync(dir) ? readdirSync(dir).filter((name) => owners.has(name.split('.')[0])) : [];
}
