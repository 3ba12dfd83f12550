import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  developerEnv,
  ensureBuild,
  npmRun,
  type SpawnedService,
  spawnService,
} from './support/spawned-service.js';

const AGENCY = '202100-0001';

async function viewer(service: SpawnedService, token: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${service.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: 'query Me { viewer { roles organization { kind orgNumber } } }' }),
  });
  return (await response.json()) as Record<string, unknown>;
}

describe('npm start and npm run token with a non-default DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-data-'));
  const otherDir = mkdtempSync(join(tmpdir(), 'registry-other-'));
  let service: SpawnedService;

  beforeAll(async () => {
    ensureBuild();
    service = await spawnService(dataDir);
  }, 900_000);
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(otherDir, { recursive: true, force: true });
  });

  it('prints each stage of the first start as it happens', () => {
    const out = service.output();
    const stages = [
      '[database] Creating an embedded PostgreSQL cluster',
      '[migrations] Applying pending migrations',
      '[migrations] Applied CreateOrganizationsAndAuditTrail',
      '[service] Starting the service; seeding reference data',
      '[listening] Assurance registry listening on',
      'GraphiQL (development only):',
      'export TOKEN=',
      `DATA_DIR=${dataDir} npm run token`,
    ];
    let at = -1;
    for (const text of stages) {
      const next = out.indexOf(text);
      expect({ text, found: next > at }).toEqual({ text, found: true });
      at = next;
    }
  });

  it('mints a token the running service accepts, with its DATA_DIR secret, and says which', async () => {
    const result = await npmRun(
      'token',
      ['--org', AGENCY, '--role', 'EDITOR'],
      developerEnv({ DATA_DIR: dataDir }),
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Secret: the development secret in ${dataDir}/secrets/jwt-secret`);
    expect(result.stderr).toContain(
      `looked up in the embedded PostgreSQL of the running service (${dataDir}/pg`,
    );
    const body = await viewer(service, result.stdout.trim());
    expect(body).toEqual({
      data: { viewer: { roles: ['EDITOR'], organization: { kind: 'AGENCY', orgNumber: AGENCY } } },
    });
    console.log(`npm run token took ${result.ms} ms`);
  });

  it('refuses an organisation that does not exist', async () => {
    const result = await npmRun(
      'token',
      ['--org', '559999-9999', '--role', 'ADMIN'],
      developerEnv({ DATA_DIR: dataDir }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No organisation "559999-9999" in the registry');
  });

  it('refuses a DATA_DIR where no service ever ran instead of inventing a secret', async () => {
    const result = await npmRun(
      'token',
      ['--org', AGENCY, '--role', 'ADMIN'],
      developerEnv({ DATA_DIR: otherDir }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`No development secret in ${otherDir}/secrets/jwt-secret`);
  });

  it('starts a second time without creating or migrating anything, and quickly', async () => {
    await service.stop();
    service = await spawnService(dataDir);
    const out = service.output();
    expect(out).not.toContain('Creating an embedded PostgreSQL cluster');
    expect(out).toContain('[migrations] Schema is up to date');
    console.log(`second start listened after ${service.startMs} ms`);
    // About 5 s on an idle 2-core machine; the bound only catches a rebuild or a hang, since
    // this shared machine runs other suites at the same time (34 s measured at load 16).
    expect(service.startMs).toBeLessThan(90_000);
  }, 500_000);
});

describe('npm run dev:seed and npm run orgnr', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-seed-'));
  let service: SpawnedService;

  beforeAll(async () => {
    ensureBuild();
    service = await spawnService(dataDir);
  }, 900_000);
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds a demo world through the API, and a second run changes nothing', async () => {
    const env = developerEnv({ DATA_DIR: dataDir, PORT: new URL(service.url).port });
    const first = await npmRun('dev:seed', [], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Assessment of Molnhotellet: COMPLETED, APPROVED');
    expect(first.stdout).toContain('Open incident on Molnhotellet');
    const second = await npmRun('dev:seed', [], env);
    expect(second.code).toBe(0);
    const token = await npmRun('token', ['--org', '559900-0022', '--role', 'VIEWER'], env);
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.stdout.trim()}` },
      body: JSON.stringify({
        query: `query Mine { viewer { organization { name } }
          products(first: 10) { edges { node { name supplier { name } status { state openIncidents } } } } }`,
      }),
    });
    const body = (await response.json()) as {
      data: { products: { edges: { node: { name: string; supplier: { name: string } } }[] } };
    };
    const own = body.data.products.edges
      .map((e) => e.node)
      .filter((p) => p.supplier.name === 'Lönesystem Demo AB');
    expect(own.map((p) => p.name).sort()).toEqual(['Lön Analys', 'Lön Online']);
  }, 300_000);

  it('npm run orgnr prints valid organisation numbers', async () => {
    const result = await npmRun('orgnr', ['--count', '3', '--from', '556036079'], developerEnv({}));
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual(['556036-0793', '556036-0801', '556036-0819']);
  });
});
