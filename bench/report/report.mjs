import { mkdirSync, writeFileSync } from 'node:fs';

const fmt = (value, digits = 1) =>
  value === null || value === undefined ? 'n/a' : Number(value).toFixed(digits);
const ratio = (a, b) =>
  a === null || b === null || b === 0 || a === undefined || b === undefined ? null : a / b;

/** The targets of issue 9, checked against the medians of this run. */
export function checkTargets(results) {
  const s = results.scenarios;
  const out = [];
  const add = (name, target, actual, met, unit = '') => out.push({ name, target, actual, met, unit });
  if (s.S1?.ratio) {
    add('S1 throughput vs raw', '>= 1.0x', s.S1.ratio.rps, s.S1.ratio.rps >= 1.0, 'x');
    add('S1 p99 vs raw', '<= 1.5x', s.S1.ratio.p99, s.S1.ratio.p99 <= 1.5, 'x');
  }
  if (s.S2?.ratio) add('S2 throughput vs raw', '>= 0.6x', s.S2.ratio.rps, s.S2.ratio.rps >= 0.6, 'x');
  if (s.S3?.ratio) add('S3 throughput vs raw', '>= 0.8x', s.S3.ratio.rps, s.S3.ratio.rps >= 0.8, 'x');
  for (const name of ['S1', 'S2', 'S3', 'S7', 'S8']) {
    const statements = results.statements?.[name];
    // The median request: an occasional one also looks up the caller's organisation (30 s cache).
    if (statements)
      add(
        `${name} SQL statements per request (median; max ${statements.max})`,
        '<= 3',
        statements.median,
        statements.median <= 3,
      );
  }
  const writes = results.statements?.S4;
  if (writes)
    add(
      `S4 recordFinding SQL statements (median; max ${writes.max})`,
      '<= 8',
      writes.median,
      writes.median <= 8,
    );
  if (s.S4)
    add(
      'S4 writes/s at its best level',
      '>= 150',
      s.S4.graphql.median.rps,
      s.S4.graphql.median.rps >= 150,
      '/s',
    );
  if (s.S6) {
    add('S6 writes/s beside the morning reads', '>= 25', s.S6.s4.median.rps, s.S6.s4.median.rps >= 25, '/s');
    if (s.S6.p99VsAlone !== undefined && s.S6.p99VsAlone !== null)
      add('S1 p99 while S4 runs vs S1 alone', '<= 2x', s.S6.p99VsAlone, s.S6.p99VsAlone <= 2, 'x');
  }
  if (s.S5) {
    add(
      `S5 time to last event (${s.S5.exposure.municipalities} municipalities exposed)`,
      '< 1000 ms',
      s.S5.median.lastEventMs,
      s.S5.median.lastEventMs < 1000 && s.S5.exposure.municipalities >= 290,
      ' ms',
    );
  }
  return out;
}

function scenarioRows(results) {
  const rows = [];
  const line = (label, m, statements, r) =>
    rows.push(
      `| ${label} | ${fmt(m.rps, 0)} | ${fmt(m.p50, 0)} | ${fmt(m.p99, 0)} | ${statements ?? 'n/a'} | ${fmt(m.nodeCpuMsPerRequest, 2)} | ${fmt(m.pgCpuMsPerRequest, 2)} | ${r ? `${fmt(r.rps, 2)}x / ${fmt(r.p99, 2)}x` : ''} |`,
    );
  const s = results.scenarios;
  for (const name of ['S1', 'S2', 'S3']) {
    if (!s[name]) continue;
    line(`${name} raw`, s[name].raw.median, '1');
    line(`${name} GraphQL`, s[name].graphql.median, results.statements?.[name]?.median, s[name].ratio);
  }
  if (s.S7) line('S7 public registry page (GET /)', s.S7.graphql.median, results.statements?.S7?.median);
  if (s.S8)
    line("S8 a municipality's portal page (GET /my)", s.S8.graphql.median, results.statements?.S8?.median);
  if (s.S4)
    line(
      `S4 recordFinding (${s.S4.connections} writers)`,
      s.S4.graphql.median,
      results.statements?.S4?.median,
    );
  if (s.S6) {
    line('S6 S1 while S4 runs', s.S6.s1.median, results.statements?.S1?.median);
    line(
      `S6 S4 beside it (${results.config.mixedWriters} conn.)`,
      s.S6.s4.median,
      results.statements?.S4?.median,
    );
  }
  return rows;
}

/** S4's ramp: each step, where it stopped, which level the rounds ran at and why. */
function rampSection(s4) {
  const ramp = s4.ramp;
  const lines = ['## S4 writes: the highest sustained rate', ''];
  if (ramp.skipped) {
    lines.push(`No ramp: ${ramp.skipped} set the S4 rounds to ${s4.connections} writers.`, '');
  } else {
    const rule = s4.rampRule;
    lines.push(
      `After a warm-up, ${rule.stepSec} s steps of ${rule.levels.join(', ')} concurrent recordFinding writers, stopped at the first step with refusals, a p99 over ${rule.maxP99Ms} ms, or less than ${fmt(rule.minGain * 100, 0)}% more writes/s than the step before. The level is the best step without refusals within that p99: the fewest writers within ${fmt(rule.minGain * 100, 0)}% of the most writes/s.`,
      '',
      '| writers | writes/s | p50 ms | p99 ms | refusals | Node CPU ms/write | PG CPU ms/write |',
      '|---:|---:|---:|---:|---:|---:|---:|',
      ...ramp.steps.map(
        (x) =>
          `| ${x.writers === s4.connections ? `**${x.writers}**` : x.writers} | ${fmt(x.rps, 0)} | ${fmt(x.p50, 0)} | ${fmt(x.p99, 0)} | ${x.refusals} | ${fmt(x.nodeCpuMsPerRequest, 2)} | ${fmt(x.pgCpuMsPerRequest, 2)} |`,
      ),
      '',
      `Stopped: ${ramp.stop}. **Chosen: ${ramp.writers} writers**: ${ramp.reason}. The S4 round${s4.graphql.rounds.length === 1 ? '' : 's'} ran at that level.`,
      '',
    );
    const refused = ramp.steps.find((x) => x.refusalSample);
    if (refused) lines.push(`First refusal in the ramp: \`${refused.refusalSample}\``, '');
  }
  const trail = s4.graphql.rounds.reduce(
    (t, r) => ({
      requests: t.requests + (r.trail?.requestsBuilt ?? 0),
      audit: t.audit + (r.trail?.auditEntries ?? 0),
      events: t.events + (r.trail?.statusChanged ?? 0),
    }),
    { requests: 0, audit: 0, events: 0 },
  );
  lines.push(
    `In the rounds (warm-ups included) ${trail.requests.toLocaleString('en')} write requests were started; they left ${trail.audit.toLocaleString('en')} audit entries and ${trail.events.toLocaleString('en')} STATUS_CHANGED events (an event only where a write changes a product's computed state).`,
    '',
  );
  return lines;
}

/** S1 and S2 at every scale measured: a municipality's cost must not grow with the registry's size. */
function scalesSection(results) {
  if (!results.scales?.length) return [];
  const main = {
    scale: results.config.scaleName,
    findings: results.data.counts.finding,
    products: results.data.counts.product,
    customers: results.data.customers,
    loadMs: results.data.loadMs,
    readModelCheck: results.data.readModelCheck,
    chainModelCheck: results.data.chainModelCheck,
    scenarios: Object.fromEntries(
      ['S1', 'S2']
        .filter((name) => results.scenarios[name])
        .map((name) => [
          name,
          {
            raw: results.scenarios[name].raw.median,
            graphql: results.scenarios[name].graphql.median,
            ratio: results.scenarios[name].ratio,
          },
        ]),
    ),
  };
  const order = ['small', 'national', 'eu'];
  const all = [main, ...results.scales].sort((a, b) => order.indexOf(a.scale) - order.indexOf(b.scale));
  const lines = [
    '## Cost against data size',
    '',
    'S1 and S2 at each scale, each in its own database with both servers started anew (the same 40 subscriptions per customer at every scale).',
    '',
    '| scale | products | findings | customers | scenario | raw req/s | GraphQL req/s | GraphQL p99 ms | vs raw (req/s, p99) |',
    '|---|---:|---:|---:|---|---:|---:|---:|---:|',
  ];
  for (const x of all) {
    for (const [name, m] of Object.entries(x.scenarios)) {
      lines.push(
        `| ${x.scale} | ${x.products.toLocaleString('en')} | ${x.findings.toLocaleString('en')} | ${x.customers.toLocaleString('en')} | ${name} | ${fmt(m.raw.rps, 0)} | ${fmt(m.graphql.rps, 0)} | ${fmt(m.graphql.p99, 0)} | ${fmt(m.ratio.rps, 2)}x / ${fmt(m.ratio.p99, 2)}x |`,
      );
    }
  }
  const checked = (c) => (c ? `${c.differences} differences in ${c.compared} rows` : 'not checked');
  lines.push(
    '',
    ...all.map(
      (x) =>
        `- ${x.scale}: loaded in ${fmt(x.loadMs / 1000, 1)} s; read models against the status module's statements: status ${checked(x.readModelCheck)}, supply chain ${checked(x.chainModelCheck)}`,
    ),
  );
  lines.push('');
  return lines;
}

export function renderMarkdown(results) {
  const e = results.environment;
  const d = results.data;
  const lines = [
    `# Benchmark ${results.startedAt}`,
    '',
    `Scale **${results.config.scaleName}**; ${results.config.rounds} interleaved rounds of ${results.config.warmupSec} s warm-up + ${results.config.durationSec} s at concurrency ${results.config.connections}${results.scenarios.S4 ? ` (S4: ${results.scenarios.S4.connections} writers, ${results.scenarios.S4.ramp.skipped ? `set by ${results.scenarios.S4.ramp.skipped}` : 'the level of its ramp'})` : ''}; medians. Total ${fmt(results.durationSec, 0)} s.`,
    'Absolute numbers drift by a third on this shared machine from run to run: read the ratios to the raw server of the same run.',
    '',
    '## Environment',
    '',
    `- ${e.cpus} x ${e.cpuModel}, ${e.memoryGb} GB RAM, load average ${e.loadAverage.start} at start, ${e.loadAverage.end} at end`,
    `- Node ${e.node}; ${e.postgres}; ${e.database}`,
    `- PostgreSQL settings: ${Object.entries(e.postgresSettings ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
    `- Commit ${e.commit}${e.dirty ? ` with ${e.dirty} uncommitted changes` : ''}; autocannon ${e.autocannon}; GraphQL server: NODE_ENV=${e.graphqlEnv}, DB pool ${e.poolSize}; raw server: node:http + pg, pool ${e.poolSize}`,
    '',
    '## Data',
    '',
    `Loaded in ${fmt(d.loadMs / 1000, 1)} s (migrations and reference-data seed of the app, then set-based SQL${d.triggersOff ? '; row triggers off during the load' : ''}).`,
    '',
    '| table | rows |',
    '|---|---:|',
    ...Object.entries(d.counts)
      .filter(([k]) => !['findingsInserted', 'remediationsInserted', 'subscriptions'].includes(k))
      .map(([k, v]) => `| ${k} | ${v.toLocaleString('en')} |`),
    '',
    `Status read model: computed set-based, then ${d.readModelCheck.compared} rows of a 200-product sample recomputed with the status module's own refresh statements: ${d.readModelCheck.differences} differences.`,
    ...(d.chainModelCheck
      ? [
          '',
          `Supply-chain read model: computed set-based (one walk down the sub-processor edges), then the ${d.chainModelCheck.compared} rows that the status module's PROPAGATE_CHAIN rewrites for a sample of ${d.chainModelCheck.roots} products (the hub, products with sub-processors, any) recomputed by it: ${d.chainModelCheck.differences} differences.`,
        ]
      : []),
    '',
    '## Same answers',
    '',
    ...Object.entries(results.identity).map(
      ([name, r]) =>
        `- ${name}: ${r.identical}/${r.samples} responses byte-identical between the GraphQL and the raw server (mean ${r.meanBytes.toLocaleString('en')} bytes)${r.difference ? `; first difference at byte ${r.difference.at}: GraphQL \`${r.difference.graphql}\` vs raw \`${r.difference.raw}\`` : ''}`,
    ),
    '',
    '## Results (medians of the rounds)',
    '',
    '| scenario | req/s | p50 ms | p99 ms | SQL/req | Node CPU ms/req | PG CPU ms/req | vs raw (req/s, p99) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...scenarioRows(results),
    '',
  ];
  const s5 = results.scenarios.S5;
  if (s5) {
    lines.push(
      `**S5 incident fan-out**: a report on "${d.hub.name}" (a sub-processor under ${s5.exposure.paths.toLocaleString('en')} dependency paths) exposes ${s5.exposure.organizations} organisations, ${s5.exposure.municipalities} of them municipalities. ` +
        `Median over ${s5.reports.length} reports: last event row visible after ${fmt(s5.median.lastEventMs, 0)} ms (request ${fmt(s5.median.requestMs, 0)} ms), ${s5.median.events} events${s5.reports[0]?.statements ? `, ${s5.reports[0].statements} SQL statements` : ''}.`,
      '',
    );
  }
  lines.push(...scalesSection(results));
  if (results.scenarios.S4) lines.push(...rampSection(results.scenarios.S4));
  if (results.scenarios.S4?.refusals)
    lines.push(
      `S4 refusals in the rounds: ${results.scenarios.S4.refusals}; first: \`${results.scenarios.S4.refusalSample}\``,
      '',
    );
  lines.push('## Targets', '', '| target | wanted | this run | |', '|---|---|---:|---|');
  for (const t of results.targets) {
    lines.push(
      `| ${t.name} | ${t.target} | ${fmt(t.actual, t.unit === ' ms' ? 0 : 2)}${t.unit} | ${t.met ? 'met' : '**missed**'} |`,
    );
  }
  lines.push('');
  if (results.analysis.length > 0)
    lines.push('## Where the time goes', '', ...results.analysis.map((a) => `- ${a}`), '');
  for (const profile of results.profiles ?? []) {
    lines.push(
      `### CPU profile of the GraphQL server during ${profile.scenario} (${profile.seconds} s under load, --cpu-prof, ${profile.samples} samples, idle excluded)`,
      '',
      '| where | self time |',
      '|---|---:|',
      ...profile.buckets.map((b) => `| ${b.name} | ${b.percent}% |`),
      '',
      'Hottest functions:',
      '',
      ...profile.functions.map((f) => `- ${f.percent}% \`${f.name}\``),
      '',
    );
  }
  if (results.notes.length > 0) lines.push('## Notes', '', ...results.notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

/** Where a GraphQL scenario's extra cost per request goes, compared with the raw server's. */
export function analyse(results) {
  const out = [];
  for (const name of ['S1', 'S2', 'S3']) {
    const s = results.scenarios[name];
    if (!s) continue;
    const g = s.graphql.median;
    const r = s.raw.median;
    const node = [g.nodeCpuMsPerRequest, r.nodeCpuMsPerRequest];
    const pgc = [g.pgCpuMsPerRequest, r.pgCpuMsPerRequest];
    if (node[0] === null || node[1] === null) continue;
    out.push(
      `${name}: per request the GraphQL server spends ${fmt(node[0], 2)} ms of Node CPU (raw ${fmt(node[1], 2)} ms, ${fmt(ratio(node[0], node[1]), 1)}x) ` +
        `and PostgreSQL ${fmt(pgc[0], 2)} ms (raw ${fmt(pgc[1], 2)} ms); ${results.statements?.[name]?.median ?? '?'} statements vs 1.`,
    );
  }
  return out;
}

export function writeResults(dir, stamp, results) {
  mkdirSync(dir, { recursive: true });
  const base = `${dir}/${stamp}`;
  writeFileSync(`${base}.json`, JSON.stringify(results, null, 2) + '\n');
  writeFileSync(`${base}.md`, renderMarkdown(results) + '\n');
  return { json: `${base}.json`, md: `${base}.md` };
}
