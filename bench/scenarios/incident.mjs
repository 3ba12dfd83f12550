/* global fetch */
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { body, S5_MUTATION } from './queries.mjs';

const dist = (path) => import(new URL(`../../dist/${path}`, import.meta.url).href);

/** Who an incident on the hub exposes, by the incidents module's own exposure query. */
export async function hubExposure(url, hubId) {
  const { PRODUCT_EXPOSURE_SQL } = await dist('incidents/exposure.sql.js');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(DISTINCT e.subscriber_id)::int AS organizations,
              count(DISTINCT e.subscriber_id) FILTER (WHERE o.kind = 'MUNICIPALITY')::int AS municipalities,
              count(*)::int AS paths
         FROM (${PRODUCT_EXPOSURE_SQL}) e JOIN organization o ON o.id = e.subscriber_id`,
      [hubId, null, null],
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/**
 * S5: the hub's supplier reports an incident on the hub; the time until the last of its events is
 * visible in registry_event (polled every few ms from another connection), and the request's own time.
 */
export async function reportIncident(graphqlUrl, dbUrl, token, hubGlobalId, n) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const count = async () =>
      (await client.query(`SELECT count(*)::int AS n FROM registry_event WHERE type = 'INCIDENT_REPORTED'`))
        .rows[0].n;
    const before = await count();
    const started = performance.now();
    let responded = null;
    const request = fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body('S5', S5_MUTATION, {
        input: {
          productIds: [hubGlobalId],
          title: `Driftstörning ${n} i plattformen`,
          description: 'Benchmark: obehörig åtkomst till lagringskonton upptäckt.',
          severity: 'HIGH',
          detectedAt: new Date(Date.now() - 3_600_000).toISOString(),
          dataCategories: [],
        },
      }),
    }).then(async (response) => {
      responded = performance.now() - started;
      return {
        status: response.status,
        text: await response.text(),
        statements: response.headers.get('x-sql-statements'),
      };
    });
    // The events are written in the reporting transaction: they appear all at once, at its commit.
    let visibleAt = null;
    for (;;) {
      const done = responded !== null;
      if ((await count()) > before) {
        visibleAt = performance.now() - started;
        break;
      }
      if (done) break;
    }
    const answer = await request;
    if (answer.status !== 200 || answer.text.includes('"errors"')) {
      throw new Error(`S5: reportIncident failed: ${answer.text.slice(0, 500)}`);
    }
    const events = (await count()) - before;
    return {
      requestMs: responded,
      lastEventMs: visibleAt,
      events,
      statements: answer.statements ? Number(answer.statements) : null,
    };
  } finally {
    await client.end();
  }
}
