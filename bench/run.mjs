/**
 * npm run bench: the registry at national scale beside the fastest thing possible (issue 9).
 * Data -> both servers -> same answers? -> SQL statements per request -> S4's write ramp (the highest
 * sustained write rate) -> three interleaved rounds of the scenarios, S4 at that level -> S5 incident
 * fan-out -> (a CPU profile where a target is missed) -> report in bench/results/. Every process it
 * starts is stopped at the end, also on Ctrl-C or failure.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchConfig } from './config.mjs';
import { loadData } from './data/load.mjs';
import { cleanupStack } from './lib/cleanup.mjs';
import { freshDatabase } from './lib/database.mjs';
import { environment } from './lib/environment.mjs';
import { startGraphql, startRaw } from './lib/servers.mjs';
import { profileReads } from './report/profile.mjs';
import { analyse, checkTargets, writeResults } from './report/report.mjs';
import { runNotes, summariseRounds } from './report/summary.mjs';
import { measureAtScale } from './scales.mjs';
import { compareServers, countStatements } from './scenarios/check.mjs';
import { prepareFixtures } from './scenarios/fixtures.mjs';
import { hubExposure, reportIncident } from './scenarios/incident.mjs';
import { errorCounter, measure } from './scenarios/measure.mjs';
import { rampWriters } from './scenarios/ramp.mjs';
import { measureMixed, measureWrites } from './scenarios/writes.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const log = (line) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const cleanup = cleanupStack(log);

async function main() {
  const config = benchConfig();
  if (!existsSync(join(ROOT, 'dist/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const selected = (name) => config.only.length === 0 || config.only.includes(name);
  log(
    `scale ${config.scaleName}, ${config.rounds} rounds of ${config.warmupSec}+${config.durationSec} s at concurrency ${config.connections}` +
      (selected('S4')
        ? `, S4 at ${config.s4Connections ?? `the level of a ramp over ${config.s4Ramp.levels.join(', ')}`} writers`
        : ''),
  );

  const work = mkdtempSync(join(tmpdir(), 'registry-bench-run-'));
  cleanup.push(async () => rmSync(work, { recursive: true, force: true }));
  const db = await freshDatabase(config, log);
  cleanup.push(() => db.stop());

  log('loading data');
  const data = await loadData(db.url, config, log);
  log(
    `data loaded in ${(data.loadMs / 1000).toFixed(1)} s: ${data.counts.finding.toLocaleString('en')} findings`,
  );
  const { env, postmaster } = await environment(db.url, config);
  if (!postmaster) log('PostgreSQL runs elsewhere: its CPU cannot be read from /proc (reported as n/a)');

  const { freePort } = await import(join(ROOT, 'dist/database/embedded-postgres.js'));
  const secret = randomBytes(32).toString('base64url');
  const [gqlPort, rawPort] = [await freePort(), await freePort()];
  const gqlData = join(work, 'graphql-data');
  mkdirSync(gqlData);
  let graphql = await startGraphql(db, secret, gqlData, gqlPort, { development: true, log });
  cleanup.push(() => graphql.stop());
  const raw = await startRaw(db, secret, rawPort, log);
  cleanup.push(() => raw.stop());
  const gqlUrl = `http://127.0.0.1:${gqlPort}/graphql`;
  const rawUrl = `http://127.0.0.1:${rawPort}/graphql`;

  const fixtures = await prepareFixtures(db.url, secret, config.seed);
  const pool = fixtures.s4Pool;
  log(
    `${fixtures.municipalities} municipality tokens; S4 writes to ${pool.pairs} (assessment, requirement) pairs of ${pool.assessments} in-progress assessments (${pool.products} products), ${pool.withFinding} already with a finding`,
  );

  const statements = await countStatements(
    gqlUrl,
    fixtures.generators,
    ['S1', 'S2', 'S3', 'S4', 'S7', 'S8'].filter(selected),
  );
  log(
    `SQL statements per request: ${Object.entries(statements)
      .map(([k, v]) => `${k} ${v?.median ?? 'n/a'}`)
      .join(', ')}`,
  );
  await graphql.stop();
  graphql = await startGraphql(db, secret, gqlData, gqlPort, { log });
  const identity = await compareServers(gqlUrl, rawUrl, fixtures.generators);
  for (const [name, r] of Object.entries(identity)) {
    log(`${name}: ${r.identical}/${r.samples} byte-identical (${r.meanBytes} bytes)`);
    if (r.identical !== r.samples && !config.ignoreMismatch) {
      throw new Error(
        `${name}: the servers answer differently (first difference at byte ${r.difference.at}):\n  graphql: ${r.difference.graphql}\n  raw:     ${r.difference.raw}\n(BENCH_IGNORE_MISMATCH=1 measures anyway)`,
      );
    }
  }
  const exposure = await hubExposure(db.url, data.hub.productId);
  const hubToken = await fixtures.mint(data.hub.supplierId, 'EDITOR');
  const hubGlobalId = fixtures.gid('Product', data.hub.productId);

  const base = {
    connections: config.connections,
    seconds: config.durationSec,
    warmupSec: config.warmupSec,
    postmaster,
  };
  const rounds = {
    S1: { raw: [], graphql: [] },
    S2: { raw: [], graphql: [] },
    S3: { raw: [], graphql: [] },
    S4: [],
    S6: { s1: [], s4: [], p99: [] },
    S5: [],
    S7: [],
    S8: [],
  };
  let refusals = 0;
  let refusalSample = null;
  let s4Writers = config.s4Connections;
  let ramp = null;
  if (selected('S4') && s4Writers === null) {
    const writesBefore = fixtures.s4Writes().sent;
    ramp = await rampWriters({
      url: gqlUrl,
      serverPid: graphql.pid,
      postmaster,
      generator: fixtures.generators.S4,
      ...config.s4Ramp,
      warmupSec: config.warmupSec,
      log,
    });
    ramp.requestsBuilt = fixtures.s4Writes().sent - writesBefore;
    s4Writers = ramp.writers;
    log(`S4 ramp stopped (${ramp.stop}); S4 runs at ${s4Writers} writers: ${ramp.reason}`);
  }
  for (let round = 1; round <= config.rounds; round++) {
    for (const name of ['S1', 'S2', 'S3']) {
      if (!selected(name)) continue;
      const generator = fixtures.generators[name];
      const r = await measure({ ...base, url: rawUrl, serverPid: raw.pid, generator });
      const g = await measure({ ...base, url: gqlUrl, serverPid: graphql.pid, generator });
      rounds[name].raw.push(r);
      rounds[name].graphql.push(g);
      log(
        `round ${round} ${name}: raw ${r.rps.toFixed(0)} req/s p99 ${r.p99} ms | GraphQL ${g.rps.toFixed(0)} req/s p99 ${g.p99} ms`,
      );
    }
    for (const name of ['S7', 'S8']) {
      if (!selected(name)) continue;
      const counter = errorCounter();
      const g = await measure({
        ...base,
        url: gqlUrl,
        serverPid: graphql.pid,
        generator: fixtures.generators[name],
        onResponse: counter.onResponse,
      });
      refusals += counter.errors + g.errors;
      refusalSample ??= counter.sample;
      rounds[name].push(g);
      log(`round ${round} ${name}: ${g.rps.toFixed(0)} pages/s p99 ${g.p99} ms`);
    }
    if (selected('S4')) {
      const {
        result: w,
        refused,
        sample,
      } = await measureWrites({
        base,
        writers: s4Writers,
        url: gqlUrl,
        serverPid: graphql.pid,
        fixtures,
        dbUrl: db.url,
      });
      refusals += refused;
      refusalSample ??= sample;
      rounds.S4.push(w);
      log(
        `round ${round} S4: ${w.rps.toFixed(0)} writes/s p99 ${w.p99} ms at ${s4Writers} writers, ${refused} refused; ${w.trail.auditEntries} audit entries, ${w.trail.statusChanged} STATUS_CHANGED events for ${w.trail.requestsBuilt} requests`,
      );
    }
    if (selected('S6')) {
      const { reads, writes, refused, sample } = await measureMixed({
        url: gqlUrl,
        connections: config.connections,
        writers: config.mixedWriters,
        seconds: config.durationSec,
        generators: fixtures.generators,
      });
      refusals += refused;
      refusalSample ??= sample;
      rounds.S6.s1.push(reads);
      rounds.S6.s4.push(writes);
      log(
        `round ${round} S6: S1 ${reads.rps.toFixed(0)} req/s p99 ${reads.p99} ms beside S4 ${writes.rps.toFixed(0)} writes/s`,
      );
    }
    if (selected('S5')) {
      const n = Math.max(1, Math.round(config.incidentReports / config.rounds));
      for (let i = 0; i < n; i++) {
        const report = await reportIncident(gqlUrl, db.url, hubToken, hubGlobalId, rounds.S5.length + 1);
        rounds.S5.push(report);
        log(
          `round ${round} S5: last event after ${report.lastEventMs?.toFixed(0)} ms (request ${report.requestMs.toFixed(0)} ms), ${report.events} events`,
        );
      }
    }
  }

  const scenarios = summariseRounds(rounds, {
    s4Writers,
    ramp,
    rampRule: config.s4Ramp,
    fixtures,
    refusals,
    refusalSample,
    exposure,
  });
  const results = {
    startedAt: new Date(started).toISOString(),
    config: { ...config, databaseUrl: config.databaseUrl ? '(set)' : null },
    environment: env,
    data: { ...data, customers: data.customers.length },
    identity,
    statements,
    scenarios,
    targets: [],
    analysis: [],
    profiles: [],
    notes: runNotes(config, scenarios, statements),
  };
  results.targets = checkTargets(results);
  results.analysis = analyse(results);

  // Where a read target is missed, a CPU profile of the GraphQL server under that load says where the time goes.
  const missed = ['S2', 'S1', 'S3'].filter(
    (name) => scenarios[name] && results.targets.some((t) => !t.met && t.name.startsWith(name)),
  );
  if (config.profile) {
    const profiled = await profileReads(missed.slice(0, 2), {
      graphql,
      restart: (extraArgs) => startGraphql(db, secret, gqlData, gqlPort, { extraArgs, log }),
      url: gqlUrl,
      connections: config.connections,
      durationSec: config.durationSec,
      generators: fixtures.generators,
      dir: config.profileDir ?? work,
      log,
    });
    results.profiles = profiled.profiles;
    graphql = profiled.graphql;
  }

  const stamp = new Date(started).toISOString().replace(/:/g, '').replace(/\..*$/, '').replace('T', '-');
  const write = () => {
    results.environment.loadAverage.end = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    results.durationSec = (Date.now() - started) / 1000;
    return writeResults(join(ROOT, 'bench/results'), `${stamp}-${config.scaleName}`, results);
  };
  // The other scales, after the main run's servers and database are gone (one data set at a time);
  // the report is written before them and again with each, so a long one interrupted loses nothing.
  results.scales = [];
  let files = write();
  if (config.alsoScales.length) {
    await graphql.stop();
    await raw.stop();
    await db.stop();
    for (const scaleName of config.alsoScales) {
      results.scales.push(await measureAtScale(scaleName, { config, secret, work, freePort, log }));
      files = write();
    }
  }
  for (const t of results.targets)
    log(
      `${t.met ? 'met   ' : 'MISSED'} ${t.name}: ${typeof t.actual === 'number' ? t.actual.toFixed(2) : t.actual}${t.unit} (${t.target})`,
    );
  log(`report: ${files.md}`);
}

try {
  await main();
} catch (error) {
  console.error(error?.stack ?? error);
  process.exitCode = 1;
} finally {
  await cleanup.run();
  log('stopped every process it started');
}
