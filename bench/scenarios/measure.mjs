import { runLoad } from '../lib/loadgen.mjs';
import { cpuMs, postgresCpuMs } from '../lib/processes.mjs';

/**
 * A warm-up, then a measured autocannon run, with the CPU the server process and PostgreSQL spent
 * during the measured part (from /proc), per completed request.
 */
export async function measure({
  url,
  serverPid,
  postmaster,
  connections,
  seconds,
  warmupSec,
  generator,
  onResponse,
}) {
  if (warmupSec > 0) await runLoad({ url, connections, seconds: warmupSec, next: generator(), onResponse });
  const before = { node: cpuMs(serverPid), pg: postgresCpuMs(postmaster) };
  const result = await runLoad({ url, connections, seconds, next: generator(), onResponse });
  const after = { node: cpuMs(serverPid), pg: postgresCpuMs(postmaster) };
  const per = (a, b) =>
    a === null || b === null || result.requests === 0 ? null : (b - a) / result.requests;
  return {
    ...result,
    nodeCpuMsPerRequest: per(before.node, after.node),
    pgCpuMsPerRequest: per(before.pg, after.pg),
  };
}

/** A response-checking hook for writes: counts refusals (GraphQL errors come with status 200). */
export function errorCounter() {
  const counter = { errors: 0, sample: null };
  counter.onResponse = (status, body) => {
    if (status !== 200 || body.includes('"errors"')) {
      counter.errors += 1;
      counter.sample ??= `${status} ${String(body).slice(0, 300)}`;
    }
  };
  return counter;
}

export function median(values) {
  const list = values.filter((v) => v !== null && v !== undefined && !Number.isNaN(v)).sort((a, b) => a - b);
  if (list.length === 0) return null;
  const mid = Math.floor(list.length / 2);
  return list.length % 2 ? list[mid] : (list[mid - 1] + list[mid]) / 2;
}
