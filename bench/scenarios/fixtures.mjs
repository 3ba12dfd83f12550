import { Buffer } from 'node:buffer';
import pg from 'pg';
import { prng } from '../lib/prng.mjs';
import { body, S1_QUERY, S2_QUERY, S3_QUERY, S4_MUTATION } from './queries.mjs';

const dist = (path) => import(new URL(`../../dist/${path}`, import.meta.url).href);
const gid = (type, uuid) => Buffer.from(`${type}:${uuid}`, 'utf8').toString('base64url');

/**
 * What the scenarios draw from: a token per municipality (minted with the app's token signer), the
 * products for S3, and (assessment, requirement, assessor) triples of in-progress assessments for
 * S4. Each generator has its own seeded sequence, so runs send the same requests in the same order.
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
    const triples = (
      await client.query(
        `SELECT a.id AS assessment_id, a.assessor_id, r.id AS requirement_id
           FROM assessment a JOIN product p ON p.id = a.product_id
           JOIN requirement r ON r.baseline_id = a.baseline_id AND p.tier = ANY (r.tiers)
          WHERE a.state = 'IN_PROGRESS'
          ORDER BY md5(a.id::text || r.id::text) LIMIT 5000`,
      )
    ).rows;
    const assessorIds = [...new Set(triples.map((t) => t.assessor_id))];
    const viewerTokens = await Promise.all(municipalities.map((m) => mint(m.id, 'VIEWER')));
    const assessorTokens = new Map(
      await Promise.all(assessorIds.map(async (id) => [id, await mint(id, 'EDITOR')])),
    );

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
      S4: () => {
        const r = prng(seed + 4);
        return () => {
          const t = r.pick(triples);
          return {
            body: body('S4', S4_MUTATION, {
              input: {
                assessmentId: gid('Assessment', t.assessment_id),
                requirementId: gid('Requirement', t.requirement_id),
                result: r.chance(0.8) ? 'SATISFIED' : 'NOT_APPLICABLE',
              },
            }),
            token: assessorTokens.get(t.assessor_id),
          };
        };
      },
    };
    return {
      generators,
      municipalities: municipalities.length,
      mint,
      gid,
      inProgressTriples: triples.length,
    };
  } finally {
    await client.end();
  }
}
