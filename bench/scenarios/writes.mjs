import { runLoad } from '../lib/loadgen.mjs';
import { errorCounter, measure } from './measure.mjs';
import { writeTrail } from './ramp.mjs';

/**
 * One S4 round: recordFinding at `writers` concurrent writers, with what the round's writes left
 * (requests built, audit entries, STATUS_CHANGED events; warm-up and measured part together) and
 * the refusals (GraphQL errors, non-200 answers, timeouts).
 */
export async function measureWrites({ base, writers, url, serverPid, fixtures, dbUrl }) {
  const counter = errorCounter();
  const [trail, built] = [await writeTrail(dbUrl), fixtures.s4Writes().sent];
  const result = await measure({
    ...base,
    connections: writers,
    url,
    serverPid,
    generator: fixtures.generators.S4,
    onResponse: counter.onResponse,
  });
  const after = await writeTrail(dbUrl);
  result.trail = {
    requestsBuilt: fixtures.s4Writes().sent - built,
    auditEntries: after.audit - trail.audit,
    statusChanged: after.statusChanged - trail.statusChanged,
  };
  return { result, refused: counter.errors + result.errors, sample: counter.sample };
}

/** One S6 round: S1 at `connections` with `writers` recordFinding writers beside it (CPU not split). */
export async function measureMixed({ url, connections, writers, seconds, generators }) {
  const counter = errorCounter();
  const [reads, writes] = await Promise.all([
    runLoad({ url, connections, seconds, next: generators.S1() }),
    runLoad({ url, connections: writers, seconds, next: generators.S4(), onResponse: counter.onResponse }),
  ]);
  const cpu = { nodeCpuMsPerRequest: null, pgCpuMsPerRequest: null };
  return {
    reads: { ...reads, ...cpu },
    writes: { ...writes, ...cpu },
    refused: counter.errors,
    sample: counter.sample,
  };
}
