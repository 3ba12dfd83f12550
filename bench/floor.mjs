/**
 * npm run bench:floor: how close any GraphQL server on this stack can come to the raw server, and
 * what the registry adds on top. Beside the raw server and the registry it starts the floor server
 * (Fastify + Mercurius with JIT answering with the raw server's statements, no NestJS, no domain
 * layer) twice: with the raw server's narrow row, and with the wider row the registry's mappers
 * read. Same answers are checked byte for byte, then interleaved rounds of S1 (BENCH_ONLY adds S2,
 * S3), medians, and a report in bench/results/<date>-floor.md and .json.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchConfig } from './config.mjs';
import { loadData } from './data/load.mjs';
import { cleanupStack } from './lib/cleanup.mjs';
import { freshDatabase } from './lib/database.mjs';
import { environment } from './lib/environment.mjs';
import { startFloor, startGraphql, startRaw } from './lib/servers.mjs';
import { compareServers } from './scenarios/check.mjs';
import { prepareFixtures } from './scenarios/fixtures.mjs';
import { measure, median } from './scenarios/measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const log = (line) =>
  console.log(`[floor ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const SERVERS = [
  ['raw', 'raw server: node:http + pg, one statement'],
  ['floor', 'floor: Fastify + Mercurius JIT, the same statement'],
  ['wide', 'floor, with the whole-model row (what mySubscriptions reads beyond heads; S1 only)'],
  ['registry', 'the registry'],
];

/** The servers measured for a scenario: the wide row differs from the floor's on S1 only. */
const serversOf = (name) => SERVERS.filter(([key]) => key !== 'wide' || name === 'S1');

const fixed = (value, digits) => (value === null ? 'n/a' : value.toFixed(digits));

function renderMarkdown(r) {
  const e = r.environment;
  const lines = [
    `# Floor of the stack ${r.startedAt}`,
    '',
    `Scale **${r.scale}**; ${r.rounds} interleaved rounds of ${r.warmupSec} s warm-up + ${r.durationSec} s at concurrency ${r.connections}; medians. Node ${e.node}, ${e.postgres}, ${e.cpus} x ${e.cpuModel}; load average ${e.loadAverage.start} at start, ${e.loadAverage.end} at end. Commit ${e.commit}${e.dirty ? ` with ${e.dirty} uncommitted changes` : ''}; Mercurius ${e.mercurius}.`,
    '',
    ...SERVERS.map(([key, label]) => `- **${key}**: ${label}`),
    '',
    `Same answers: ${Object.entries(r.identity)
      .map(([server, byScenario]) =>
        Object.entries(byScenario)
          .map(([name, s]) => `${server} ${name} ${s.identical}/${s.samples}`)
          .join(', '),
      )
      .join('; ')} byte-identical to the raw server.`,
    '',
    '| scenario | server | req/s | p99 ms | Node CPU ms/req | PG CPU ms/req | vs raw (req/s, p99) |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const [name, servers] of Object.entries(r.results)) {
    const raw = servers.raw;
    for (const [key] of serversOf(name)) {
      const m = servers[key];
      const ratio =
        key === 'raw' ? '' : `${(m.rps / raw.rps).toFixed(2)}x / ${(m.p99 / raw.p99).toFixed(2)}x`;
      lines.push(
        `| ${name} | ${key} | ${m.rps.toFixed(0)} | ${m.p99} | ${fixed(m.nodeCpuMsPerRequest, 2)} | ${fixed(m.pgCpuMsPerRequest, 2)} | ${ratio} |`,
      );
    }
  }
  lines.push('', 'Node CPU (and PostgreSQL CPU) per request added at each step, ms:', '');
  for (const [name, servers] of Object.entries(r.results)) {
    const steps = serversOf(name).map(([key]) => key);
    const added = steps.slice(1).map((key, i) => {
      const [a, b] = [servers[steps[i]], servers[key]];
      const delta = (k) => (a[k] === null || b[k] === null ? 'n/a' : (b[k] - a[k]).toFixed(2));
      return `${steps[i]} -> ${key} ${delta('nodeCpuMsPerRequest')} (${delta('pgCpuMsPerRequest')})`;
    });
    lines.push(`- ${name}: ${added.join('; ')}`);
  }
  lines.push(
    '',
    'CPU per request is the server process and every PostgreSQL process over each measured window, divided by the completed requests; the load generator runs on the same cores.',
  );
  return lines.join('\n');
}

async function main() {
  const config = benchConfig();
  if (!existsSync(join(ROOT, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const scenarios = config.only.length > 0 ? config.only : ['S1'];
  const unknown = scenarios.filter((name) => !['S1', 'S2', 'S3'].includes(name));
  if (unknown.length > 0) throw new Error(`bench:floor measures S1, S2 and S3 (got ${unknown.join(', ')})`);
  const cleanup = cleanupStack(log);
  const work = mkdtempSync(join(tmpdir(), 'registry-bench-floor-'));
  cleanup.push(async () => rmSync(work, { recursive: true, force: true }));
  const db = await freshDatabase(config, log);
  cleanup.push(() => db.stop());
  try {
    log('loading data');
    const data = await loadData(db.url, config, log);
    log(`data loaded in ${(data.loadMs / 1000).toFixed(1)} s`);
    const { env, postmaster } = await environment(db.url, config);
    const { freePort } = await import(join(ROOT, 'dist/database/embedded-postgres.js'));
    const secret = randomBytes(32).toString('base64url');
    const ports = {};
    for (const [key] of SERVERS) ports[key] = await freePort();
    mkdirSync(join(work, 'graphql-data'));
    const starts = {
      raw: () => startRaw(db, secret, ports.raw, log),
      floor: () => startFloor(db, secret, ports.floor, false, log),
      wide: () => startFloor(db, secret, ports.wide, true, log),
      registry: () => startGraphql(db, secret, join(work, 'graphql-data'), ports.registry, { log }),
    };
    const servers = {};
    for (const [key, start] of Object.entries(starts)) {
      const server = await start();
      cleanup.push(() => server.stop());
      servers[key] = server;
    }
    const url = (key) => `http://127.0.0.1:${ports[key]}/graphql`;
    const fixtures = await prepareFixtures(db.url, secret, config.seed);
    const identity = {};
    for (const key of ['floor', 'wide', 'registry']) {
      identity[key] = await compareServers(url(key), url('raw'), fixtures.generators);
      for (const [name, s] of Object.entries(identity[key])) {
        if (s.identical !== s.samples)
          throw new Error(
            `${key} ${name} answers differently from the raw server at byte ${s.difference.at}`,
          );
        delete s.difference;
      }
    }
    const rounds = Object.fromEntries(scenarios.map((name) => [name, {}]));
    for (let round = 1; round <= config.rounds; round++) {
      for (const name of scenarios) {
        for (const [key] of serversOf(name)) {
          const m = await measure({
            url: url(key),
            serverPid: servers[key].pid,
            postmaster,
            connections: config.connections,
            seconds: config.durationSec,
            warmupSec: config.warmupSec,
            generator: fixtures.generators[name],
          });
          (rounds[name][key] ??= []).push(m);
          log(`round ${round} ${name} ${key}: ${m.rps.toFixed(0)} req/s, p99 ${m.p99} ms`);
        }
      }
    }
    const keys = ['rps', 'p99', 'nodeCpuMsPerRequest', 'pgCpuMsPerRequest'];
    const results = Object.fromEntries(
      Object.entries(rounds).map(([name, byServer]) => [
        name,
        Object.fromEntries(
          Object.entries(byServer).map(([key, list]) => [
            key,
            Object.fromEntries(keys.map((k) => [k, median(list.map((m) => m[k]))])),
          ]),
        ),
      ]),
    );
    env.loadAverage.end = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    const report = {
      startedAt: new Date(started).toISOString(),
      scale: config.scaleName,
      rounds: config.rounds,
      durationSec: config.durationSec,
      warmupSec: config.warmupSec,
      connections: config.connections,
      environment: env,
      identity,
      results,
      roundsRaw: rounds,
    };
    const stamp = report.startedAt.replace(/:/g, '').replace(/\..*$/, '').replace('T', '-');
    const base = join(ROOT, 'bench/results', `${stamp}-floor`);
    writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
    writeFileSync(`${base}.md`, renderMarkdown(report) + '\n');
    log(`report: ${base}.md`);
  } finally {
    await cleanup.run();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
