import { Buffer } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { prng } from '../lib/prng.mjs';
import { body, S1_QUERY, S2_QUERY, S3_QUERY, S4_MUTATION } from './queries.mjs';

const dist = (path) => import(new URL(`../../dist/${path}`, import.meta.url).href);
const gid = (type, uuid) => Buffer.from(`${type}:${uuid}`, 'utf8').toString('base64url');

/**
 * What the scenarios draw from: a token and a portal session per municipality (minted with the app's token signer), the
 * products for S3, and (assessment, requirement, assessor) triples of in-progress assessments for
 * S4. Each generator has its own seeded sequence, so runs send the same requests in the same order;
 * S1-S3 restart theirs on every run, S4 goes on with one sequence for the whole bench.
 */
export async function prepareFixtures(url, secret, seed) {
  const { signToken } = await dist('auth/token-signer.js');
  const mint = (uuid, role) =>
    signToken({ secret, org: gid('Organization', uuid), roles: [role], subject: 'bench', ttl: '3h' });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const municipalities = (
      await client.query(`SELECT id FROM organization WHERE kind = 'MUNICIPALITY' ORDER BY id`)
    ).rows;
    const products = (await client.query(`SELECT id FROM product ORDER BY md5(id::text) LIMIT 2000`)).rows;
    // Every applicable requirement of every in-progress assessment (the whole pool, not a sample),
    // and whether it already has a finding (about half do): writing one that has is an update.
    const triples = (
      await client.query(
        `SELECT a.id AS assessment_id, a.assessor_id, a.product_id, r.id AS requirement_id,
                (f.id IS NOT NULL) AS has_finding
           FROM assessment a JOIN product p ON p.id = a.product_id
           JOIN requirement r ON r.baseline_id = a.baseline_id AND p.tier = ANY (r.tiers)
           LEFT JOIN finding f ON f.assessment_id = a.id AND f.requirement_id = r.id
          WHERE a.state = 'IN_PROGRESS'
          ORDER BY md5(a.id::text || r.id::text)`,
      )
    ).rows;
    const assessorIds = [...new Set(triples.map((t) => t.assessor_id))];
    const viewerTokens = await Promise.all(municipalities.map((m) => mint(m.id, 'VIEWER')));
    const assessorTokens = new Map(
      await Promise.all(assessorIds.map(async (id) => [id, await mint(id, 'EDITOR')])),
    );

    // S8: a signed-in portal session per municipality, stored as the portal stores them (the
    // cookie's token, its SHA-256 in web_session); both cookie names, for development and production.
    const sessionCookies = [];
    for (const m of municipalities) {
      const token = randomBytes(32).toString('base64url');
      await client.query(
        `INSERT INTO web_session (id, subject, organization_id, roles, csrf_token)
         VALUES ($1, 'bench', $2, '{VIEWER}', $3)`,
        [createHash('sha256').update(token).digest('hex'), m.id, randomBytes(32).toString('base64url')],
      );
      sessionCookies.push(`registry_session=${token}; __Host-registry_session=${token}`);
    }

    const s4Random = prng(seed + 4);
    /** Pairs that have a finding (from the load or an earlier S4 request): writing one is an update. */
    const written = new Set(triples.flatMap((t, i) => (t.has_finding ? [i] : [])));
    const s4Writes = { sent: 0, updates: 0 };
    const s4Pool = {
      pairs: triples.length,
      withFinding: written.size,
      assessments: new Set(triples.map((t) => t.assessment_id)).size,
      products: new Set(triples.map((t) => t.product_id)).size,
    };

    const s1Body = body('S1', S1_QUERY, { first: 40 });
    const s2Body = body('S2', S2_QUERY, { first: 40 });
    const s3Bodies = products.map((p) => body('S3', S3_QUERY, { id: gid('Product', p.id) }));
    const generators = {
      S1: () => {
        const r = prng(seed + 1);
        return () => ({ body: s1Body, token: r.pick(viewerTokens) });
      },
      S2: () => {
        const r = prng(seed + 2);
        return () => ({ body: s2Body, token: r.pick(viewerTokens) });
      },
      S3: () => {
        const r = prng(seed + 3);
        return () => ({ body: r.pick(s3Bodies), token: r.pick(viewerTokens) });
      },
      // The public registry's first page, as a visitor without an account opens it.
      S7: () => () => ({ path: '/' }),
      // A municipality's morning page in the portal.
      S8: () => {
        const r = prng(seed + 8);
        return () => ({ path: '/my', cookie: r.pick(sessionCookies) });
      },
      // One sequence for the whole run: each S4 run (warm-up, ramp step, round, S6) draws on where
      // the previous one stopped, instead of rewriting the findings the warm-up just wrote.
      S4: () => () => {
        const i = s4Random.int(triples.length);
        const t = triples[i];
        s4Writes.sent += 1;
        if (written.has(i)) s4Writes.updates += 1;
        else written.add(i);
        return {
          body: body('S4', S4_MUTATION, {
            input: {
              assessmentId: gid('Assessment', t.assessment_id),
              requirementId: gid('Requirement', t.requirement_id),
              result: s4Random.chance(0.8) ? 'SATISFIED' : 'NOT_APPLICABLE',
            },
          }),
          token: assessorTokens.get(t.assessor_id),
        };
      },
    };
    return {
      generators,
      municipalities: municipalities.length,
      mint,
      gid,
      inProgressTriples: triples.length,
      s4Pool,
      /** S4 requests built so far (sent or about to be), and how many rewrote an existing finding. */
      s4Writes: () => ({ ...s4Writes, inserts: s4Writes.sent - s4Writes.updates }),
    };
  } finally {
    await client.end();
  }
}
