import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { scaleSettings } from './config.mjs';
import { loadData } from './data/load.mjs';
import { freshDatabase } from './lib/database.mjs';
import { startGraphql, startRaw } from './lib/servers.mjs';
import { compareServers } from './scenarios/check.mjs';
import { prepareFixtures } from './scenarios/fixtures.mjs';
import { measure, median } from './scenarios/measure.mjs';

const median_ = (rounds, key) => median(rounds.map((r) => r[key]));

/**
 * S1 and S2 at another scale, in their own fresh database with both servers started anew: whether a
 * municipality's cost grows with the size of the registry (it should not: every customer has the
 * same 40 subscriptions at every scale). The same rounds, warm-up and concurrency as the main run.
 */
export async function measureAtScale(scaleName, { config, secret, work, freePort, log }) {
  const scaleConfig = { ...config, scaleName, scale: scaleSettings(scaleName) };
  const db = await freshDatabase(scaleConfig, log);
  const stops = [() => db.stop()];
  try {
    log(`scale ${scaleName}: loading data`);
    const data = await loadData(db.url, scaleConfig, log);
    const [gqlPort, rawPort] = [await freePort(), await freePort()];
    const dataDir = join(work, `graphql-data-${scaleName}`);
    mkdirSync(dataDir);
    const graphql = await startGraphql(db, secret, dataDir, gqlPort, { log });
    stops.push(() => graphql.stop());
    const raw = await startRaw(db, secret, rawPort, log);
    stops.push(() => raw.stop());
    const gqlUrl = `http://127.0.0.1:${gqlPort}/graphql`;
    const rawUrl = `http://127.0.0.1:${rawPort}/graphql`;
    const fixtures = await prepareFixtures(db.url, secret, config.seed);
    const identity = await compareServers(gqlUrl, rawUrl, fixtures.generators);
    const base = {
      connections: config.connections,
      seconds: config.durationSec,
      warmupSec: config.warmupSec,
    };
    const rounds = { S1: { raw: [], graphql: [] }, S2: { raw: [], graphql: [] } };
    for (let round = 1; round <= config.rounds; round++) {
      for (const name of ['S1', 'S2']) {
        const generator = fixtures.generators[name];
        const r = await measure({ ...base, url: rawUrl, serverPid: raw.pid, generator });
        const g = await measure({ ...base, url: gqlUrl, serverPid: graphql.pid, generator });
        rounds[name].raw.push(r);
        rounds[name].graphql.push(g);
        log(
          `scale ${scaleName} round ${round} ${name}: raw ${r.rps.toFixed(0)} req/s p99 ${r.p99} ms | GraphQL ${g.rps.toFixed(0)} req/s p99 ${g.p99} ms`,
        );
      }
    }
    const scenarios = {};
    for (const name of ['S1', 'S2']) {
      const [r, g] = [rounds[name].raw, rounds[name].graphql];
      const m = (list) => ({
        rps: median_(list, 'rps'),
        p50: median_(list, 'p50'),
        p99: median_(list, 'p99'),
      });
      scenarios[name] = {
        raw: m(r),
        graphql: m(g),
        ratio: { rps: median_(g, 'rps') / median_(r, 'rps'), p99: median_(g, 'p99') / median_(r, 'p99') },
      };
    }
    return {
      scale: scaleName,
      findings: data.counts.finding,
      products: data.counts.product,
      customers: data.customers.length,
      loadMs: data.loadMs,
      loadTimings: data.timings,
      readModelCheck: data.readModelCheck,
      chainModelCheck: data.chainModelCheck,
      identical: Object.fromEntries(
        Object.entries(identity).map(([k, v]) => [k, `${v.identical}/${v.samples}`]),
      ),
      scenarios,
    };
  } finally {
    while (stops.length) await stops.pop()();
  }
}
