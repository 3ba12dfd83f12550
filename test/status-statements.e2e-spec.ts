import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, SignJWT } from 'jose';
import { Role } from '../src/common/actor.js';
import { completeAssessment, recordFinding, startedAssessment } from './support/assessments.js';
import { municipality } from './support/factories.js';
import { request } from './support/oscal.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const STATEMENT = `query($id: ID!) { statusStatement(productId: $id) { jws keyId issuedAt } }`;
const run = promisify(execFile);

/** `npm run statement:verify` as a user runs it: exit code and output. */
async function verifyCli(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('node', ['scripts/statement-verify.mjs', ...args]);
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, out: e.stderr };
  }
}

describe('status statements anyone can verify offline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('signs the status with EdDSA; it verifies against the published JWKS, and every tampering fails', () => {
    let s: Awaited<ReturnType<typeof startedAssessment>>;
    let statusStatement: { jws: string; keyId: string; issuedAt: string };
    let jwks: JSONWebKeySet;
    let claims: Json;
    let results: Awaited<ReturnType<typeof request>>;
    let tampered: string;
    let impostor: string;
    beforeAll(async () => {
      s = await startedAssessment(t, { requirements: [{ code: 'SEC-01' }] });
      await recordFinding(t, s.assessor, s.assessmentId, s.baseline.requirements[0].id, {
        result: 'SATISFIED',
      });
      await completeAssessment(t, s.assessor, s.assessmentId, 'APPROVED');
      const customer = await (await municipality(t)).token(Role.VIEWER);
      statusStatement = ok(await t.gql<Json>(STATEMENT, { id: s.product.id }, customer)).statusStatement;
      results = await request(
        t,
        'GET',
        `/oscal/assessments/${s.assessmentId}/assessment-results.json`,
        customer,
      );
    });

    it('publishes its Ed25519 public key, without the private part, under the statement’s kid', async () => {
      const jwksResponse = await request(t, 'GET', '/.well-known/jwks.json');
      expect(jwksResponse.statusCode).toBe(200);
      jwks = jwksResponse.json<JSONWebKeySet>();
      expect(jwks.keys[0]).toMatchObject({
        kty: 'OKP',
        crv: 'Ed25519',
        alg: 'EdDSA',
        kid: statusStatement.keyId,
      });
      expect(jwks.keys.every((k) => !('d' in k))).toBe(true);
      expect(decodeProtectedHeader(statusStatement.jws)).toMatchObject({
        alg: 'EdDSA',
        kid: statusStatement.keyId,
      });
    });

    it('verifies against the JWKS, claiming the product, supplier, state, baseline and assessment', async () => {
      const { payload } = await compactVerify(statusStatement.jws, createLocalJWKSet(jwks));
      claims = JSON.parse(Buffer.from(payload).toString('utf8')) as Json;
      expect(claims).toMatchObject({
        product: { id: s.product.id, name: s.product.name },
        supplier: { name: s.supplier.name, orgNumber: expect.stringMatching(/^\d{6}-\d{4}$/) },
        state: expect.any(String),
        reasons: expect.any(Array),
        baseline: { key: s.baseline.key, version: s.baseline.version },
        assessment: { id: s.assessmentId, outcome: 'APPROVED' },
        validUntil: expect.any(String),
        issuedAt: new Date(statusStatement.issuedAt).toISOString(),
      });
      // The assessment document it rests on: the SHA-256 of the exact bytes served.
      expect(claims.assessment.resultsSha256).toBe(
        createHash('sha256').update(results.rawPayload).digest('hex'),
      );
    });

    it('fails with a tampered payload, and when another key signs under the published kid', async () => {
      const keys = createLocalJWKSet(jwks);
      const [header, , signature] = statusStatement.jws.split('.');
      const forged = Buffer.from(JSON.stringify({ ...claims, state: 'APPROVED', reasons: [] })).toString(
        'base64url',
      );
      tampered = `${header}.${forged}.${signature}`;
      await expect(compactVerify(tampered, keys)).rejects.toThrow();
      const other = generateKeyPairSync('ed25519').privateKey;
      impostor = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid: statusStatement.keyId })
        .sign(other);
      await expect(compactVerify(impostor, keys)).rejects.toThrow();
    });

    describe('offline, with `npm run statement:verify`', () => {
      let dir: string;
      let jwksFile: string;
      const file = (name: string, content: string | Buffer) => {
        writeFileSync(join(dir, name), content);
        return join(dir, name);
      };
      beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), 'statement-'));
        jwksFile = file('jwks.json', JSON.stringify(jwks));
      });

      it('verifies the statement with its assessment results, and a whole GraphQL answer', async () => {
        const resultsFile = file('ar.json', results.rawPayload);
        const good = await verifyCli(
          file('s.jws', statusStatement.jws),
          '--jwks',
          jwksFile,
          '--assessment-results',
          resultsFile,
        );
        expect(good.code).toBe(0);
        expect(JSON.parse(good.out)).toMatchObject({
          valid: true,
          claims: { assessment: { id: s.assessmentId } },
        });
        const answer = file('answer.json', JSON.stringify({ data: { statusStatement } }));
        expect((await verifyCli(answer, '--jwks', jwksFile)).code).toBe(0);
      }, 120_000);

      it('refuses a tampered or impostor statement, and assessment results whose bytes changed', async () => {
        expect((await verifyCli(file('t.jws', tampered), '--jwks', jwksFile)).code).toBe(1);
        expect((await verifyCli(file('i.jws', impostor), '--jwks', jwksFile)).code).toBe(1);
        const altered = JSON.parse(results.body) as Json;
        altered['assessment-results'].results[0].findings[0].target.status.state = 'not-satisfied';
        const alteredFile = file('ar-altered.json', JSON.stringify(altered, null, 2) + '\n');
        const changed = await verifyCli(
          file('s2.jws', statusStatement.jws),
          '--jwks',
          jwksFile,
          '--assessment-results',
          alteredFile,
        );
        expect(changed.code).toBe(1);
        expect(changed.out).toMatch(/NOT VALID: .*SHA-256/);
      }, 120_000);
    });
  });

  it('keeps retired keys published and is for signed-in callers only', async () => {
    const retired = {
      kty: 'OKP',
      crv: 'Ed25519',
      x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
      kid: 'retired-2025',
    };
    const t2 = await createTestApp({ STATEMENT_RETIRED_KEYS: JSON.stringify([retired]) });
    try {
      const keys = (await request(t2, 'GET', '/.well-known/jwks.json')).json<JSONWebKeySet>().keys;
      expect(keys).toHaveLength(2);
      expect(keys[1]).toMatchObject(retired);
      const s = await startedAssessment(t2);
      const response = await t2.gql(STATEMENT, { id: s.product.id });
      expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await t2.close();
    }
  }, 120_000);
});
