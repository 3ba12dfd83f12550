import pg from 'pg';
import { runLoad } from '../lib/loadgen.mjs';
import { errorCounter, measure } from './measure.mjs';

/**
 * S4's level: the highest write rate the registry sustains. After one warm-up, short steps of
 * `levels` concurrent writers; the ramp stops at the first step that has refusals (GraphQL errors,
 * non-200 answers, timeouts), whose p99 passes `maxP99Ms`, or that adds less than `minGain` writes/s
 * to the step before. The chosen level is the best step without refusals within the p99 bound:
 * the fewest writers whose writes/s are within `minGain` of the highest (more writers only queue).
 */
export async function rampWriters({
  url,
  serverPid,
  postmaster,
  generator,
  levels,
  stepSec,
  warmupSec,
  minGain,
  maxP99Ms,
  log,
}) {
  if (warmupSec > 0) {
    await runLoad({
      url,
      connections: Math.min(4, Math.max(...levels)),
      seconds: warmupSec,
      next: generator(),
    });
  }
  const steps = [];
  let stop = null;
  for (const writers of levels) {
    const counter = errorCounter();
    const m = await measure({
      url,
      serverPid,
      postmaster,
      connections: writers,
      seconds: stepSec,
      warmupSec: 0,
      generator,
      onResponse: counter.onResponse,
    });
    const step = {
      writers,
      rps: m.rps,
      p50: m.p50,
      p99: m.p99,
      refusals: counter.errors + m.errors,
      refusalSample: counter.sample,
      nodeCpuMsPerRequest: m.nodeCpuMsPerRequest,
      pgCpuMsPerRequest: m.pgCpuMsPerRequest,
      requests: m.requests,
    };
    const previous = steps.at(-1);
    steps.push(step);
    log(
      `S4 ramp ${writers} writers: ${step.rps.toFixed(0)} writes/s p50 ${step.p50} ms p99 ${step.p99} ms, ${step.refusals} refused`,
    );
    if (step.refusals > 0) stop = `${writers} writers had ${step.refusals} refusals`;
    else if (step.p99 > maxP99Ms) stop = `${writers} writers: p99 ${step.p99} ms passed ${maxP99Ms} ms`;
    else if (previous && step.rps < previous.rps * (1 + minGain)) {
      stop = `${writers} writers: ${step.rps.toFixed(0)} writes/s, ${signed(step.rps / previous.rps - 1)} on ${previous.writers} writers (less than +${pct(minGain)})`;
    }
    if (stop) break;
  }
  stop ??= `still rising at the top level (${levels.at(-1)} writers): the ceiling may be higher`;
  return { steps, stop, ...choose(steps, minGain, maxP99Ms) };
}

/** The fewest writers within `minGain` of the best eligible writes/s (see rampWriters). */
export function choose(steps, minGain, maxP99Ms) {
  const eligible = steps.filter((s) => s.refusals === 0 && s.p99 <= maxP99Ms);
  if (eligible.length === 0) {
    const fallback = steps.find((s) => s.refusals === 0) ?? steps[0];
    return {
      writers: fallback.writers,
      reason: `no step was free of refusals within p99 ${maxP99Ms} ms: ${fallback.writers} writers, the first ${fallback.refusals === 0 ? 'without refusals' : 'step'}`,
    };
  }
  const best = eligible.reduce((a, b) => (b.rps > a.rps ? b : a));
  const chosen = eligible.find((s) => s.rps * (1 + minGain) >= best.rps);
  const reason =
    chosen === best
      ? `${chosen.writers} writers gave the most writes/s (${chosen.rps.toFixed(0)}) without refusals, p99 ${chosen.p99} ms`
      : `${chosen.writers} writers gave ${chosen.rps.toFixed(0)} writes/s, within ${pct(minGain)} of the most (${best.rps.toFixed(0)} with ${best.writers}), without refusals, p99 ${chosen.p99} ms; more writers only queue`;
  return { writers: chosen.writers, reason };
}

const pct = (x) => `${(x * 100).toFixed(0)}%`;
const signed = (x) => `${x >= 0 ? '+' : '-'}${pct(Math.abs(x))}`;

/**
 * What the writes left behind so far: audit entries (one per write, hash-chained) and the
 * STATUS_CHANGED events (only where a write changed a product's computed state).
 */
export async function writeTrail(dbUrl) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM audit_entry)::int AS audit,
              (SELECT count(*) FROM registry_event WHERE type = 'STATUS_CHANGED')::int AS "statusChanged"`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}
