import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad } from '../lib/loadgen.mjs';

/** Where a sample's function lives: a package, a module of the app, Node's core, or the engine. */
function bucketOf(frame) {
  const url = frame.url || '';
  if (!url) {
    if (frame.functionName === '(garbage collector)') return 'GC';
    if (frame.functionName === '(idle)') return null;
    return 'V8 / native';
  }
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 14).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return `app: ${url
      .slice(dist + 6)
      .split('/')[0]
      .replace(/\.js$/, '')}`;
  if (url.startsWith('node:')) return 'Node core';
  return url;
}

/**
 * Self time of a V8 .cpuprofile by package / app module, and the hottest functions, counting only
 * the samples between `fromMs` and `toMs` after the process started (the measured load).
 */
export function summariseProfile(dir, fromMs = 0, toMs = Infinity) {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return null;
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  // Sample times are deltas from the profile's start, which is close to the process's start.
  const hitsOf = new Map();
  let at = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] / 1000;
    if (at < fromMs || at > toMs) continue;
    hitsOf.set(profile.samples[i], (hitsOf.get(profile.samples[i]) ?? 0) + 1);
  }
  const buckets = new Map();
  const functions = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = hitsOf.get(node.id) ?? 0;
    if (hits === 0) continue;
    const bucket = bucketOf(node.callFrame);
    if (bucket === null) continue;
    total += hits;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + hits);
    const url = node.callFrame.url.replace(/^.*\/node_modules\//, '').replace(/^.*\/dist\//, 'dist/');
    const name = `${node.callFrame.functionName || '(anonymous)'} ${url}:${node.callFrame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + hits);
  }
  const share = (entries, n) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, hits]) => ({ name, percent: Math.round((hits / total) * 1000) / 10 }));
  return { samples: total, buckets: share(buckets, 14), functions: share(functions, 12) };
}

/**
 * A CPU profile of the GraphQL server under each scenario of `names` (where a read target was
 * missed): the server restarted with --cpu-prof, 2 s of warm-up, then at most 6 s of the load,
 * of which only the load's samples are summarised. Answers the summaries and the server's
 * last handle (stopped).
 */
export async function profileReads(
  names,
  { graphql, restart, url, connections, durationSec, generators, dir, log },
) {
  const profiles = [];
  let server = graphql;
  for (const name of names) {
    log(`profiling the GraphQL server during ${name} (a target was missed)`);
    await server.stop();
    const profileDir = join(dir, `profile-${name}`);
    server = await restart(['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
    const seconds = Math.min(6, durationSec);
    await runLoad({ url, connections, seconds: 2, next: generators[name]() });
    // Only the samples of the measured load count, not the start-up (module loading) nor the warm-up.
    const from = Date.now() - server.spawnedAt;
    await runLoad({ url, connections, seconds, next: generators[name]() });
    const to = Date.now() - server.spawnedAt;
    await server.stop();
    const summary = summariseProfile(profileDir, from, to);
    if (summary) profiles.push({ scenario: name, seconds, ...summary });
  }
  return { profiles, graphql: server };
}
