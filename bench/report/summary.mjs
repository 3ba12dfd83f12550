import { median } from '../scenarios/measure.mjs';

/*
 * From the rounds of a run to the report's scenarios (medians, ratios to the raw server) and its
 * notes. bench/run.mjs measures, report.mjs checks the targets and writes.
 */

export function medians(rounds) {
  const keys = [
    'rps',
    'p50',
    'p99',
    'nodeCpuMsPerRequest',
    'pgCpuMsPerRequest',
    'bytesPerResponse',
    'requests',
  ];
  return Object.fromEntries(keys.map((k) => [k, median(rounds.map((r) => r[k]))]));
}

/** What S4's pairs were and how many of its writes rewrote a finding (an update, not a new row). */
function s4Notes(s4) {
  if (!s4) return [];
  const { pool, writes } = s4;
  const share = writes.sent ? ` (${((writes.updates / writes.sent) * 100).toFixed(0)}%)` : '';
  return [
    `S4 draws its (assessment, requirement) pairs uniformly, on one seeded sequence for the whole run, from all ${pool.pairs.toLocaleString('en')} applicable pairs of the ${pool.assessments} in-progress assessments (${pool.products} products); ${pool.withFinding.toLocaleString('en')} of them had a finding after the load.`,
    `recordFinding upserts on (assessment, requirement): writing a pair that already has a finding (from the load or an earlier write of this run) updates that finding (result, note, recorded_at; its remediation is replaced) and adds no row. Of the ${writes.sent.toLocaleString('en')} S4 requests of this run (statement count, ramp, rounds, S6), ${writes.updates.toLocaleString('en')}${share} were such updates, ${writes.inserts.toLocaleString('en')} new findings.`,
  ];
}

/** The scenarios of the report from the rounds measured (only those that ran). */
export function summariseRounds(
  rounds,
  { s4Writers, ramp, rampRule, fixtures, refusals, refusalSample, exposure },
) {
  const scenarios = {};
  for (const name of ['S1', 'S2', 'S3']) {
    if (rounds[name].raw.length === 0) continue;
    const raw_ = medians(rounds[name].raw);
    const gql = medians(rounds[name].graphql);
    scenarios[name] = {
      raw: { rounds: rounds[name].raw, median: raw_ },
      graphql: { rounds: rounds[name].graphql, median: gql },
      ratio: { rps: gql.rps / raw_.rps, p99: gql.p99 / raw_.p99 },
    };
  }
  for (const name of ['S7', 'S8']) {
    if (rounds[name].length)
      scenarios[name] = { graphql: { rounds: rounds[name], median: medians(rounds[name]) } };
  }
  if (rounds.S4.length)
    scenarios.S4 = {
      connections: s4Writers,
      ramp: ramp ?? { skipped: `BENCH_S4_CONNECTIONS=${s4Writers}`, writers: s4Writers },
      rampRule,
      pool: fixtures.s4Pool,
      writes: fixtures.s4Writes(),
      graphql: { rounds: rounds.S4, median: medians(rounds.S4) },
      refusals,
      refusalSample,
    };
  if (rounds.S6.s1.length) {
    const s1 = medians(rounds.S6.s1);
    scenarios.S6 = {
      s1: { rounds: rounds.S6.s1, median: s1 },
      s4: { rounds: rounds.S6.s4, median: medians(rounds.S6.s4) },
      p99VsAlone: scenarios.S1 ? s1.p99 / scenarios.S1.graphql.median.p99 : null,
    };
  }
  if (rounds.S5.length) {
    scenarios.S5 = {
      exposure,
      reports: rounds.S5,
      median: {
        lastEventMs: median(rounds.S5.map((r) => r.lastEventMs)),
        requestMs: median(rounds.S5.map((r) => r.requestMs)),
        events: median(rounds.S5.map((r) => r.events)),
      },
    };
  }
  return scenarios;
}

/** The report's notes on how CPU was counted and what S4 and S6 did. */
export function runNotes(config, scenarios, statements) {
  return [
    `CPU per request is the server process (utime+stime) and every PostgreSQL process (postmaster, backends and reaped children) over each measured ${config.durationSec} s, divided by the completed requests; the load generator runs on the same cores.`,
    ...(scenarios.S6
      ? [
          `S6 runs S1 at concurrency ${config.connections} with ${config.mixedWriters} recordFinding writers beside it; its CPU is not split between the two.`,
        ]
      : []),
    'S4 writes go through the whole write path: product lock, checks, upsert, status refresh (with STATUS_CHANGED events when the state changes) and the hash-chained audit entry.',
    ...s4Notes(scenarios.S4),
    ...(statements?.S4
      ? [
          `S4's ${statements.S4.median} statements per write: the transaction (2), the product and assessment locks taken with the assessment read (with whether a completed assessment of the same baseline exists) in one statement, the finding with its evidence and remediation written and answered in one statement, and the audit append (head lock, chain, insert) in one.`,
          "Every in-progress assessment of the loaded data is a reassessment of a product whose completed assessment of the same baseline decides its status, so S4's findings leave the status read model as it is and skip its refresh. A finding on a product's first assessment (no completed one beside it) also refreshes the status (the read-before and rewrite in one statement, the read-after with its audience: 7 statements, guarded by test/assessments-write-statements.e2e-spec.ts), and the chain propagation (2 more) runs when a product's own state moves.",
        ]
      : []),
  ];
}
