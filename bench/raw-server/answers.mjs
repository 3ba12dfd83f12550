import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import pg from 'pg';

/*
 * What the raw server (and the floor server beside it) share: the caller from the bearer token,
 * global ids, and the JSON shape of S1-S3 built from the rows of queries.mjs.
 */

/**
 * A bench server's token key and pool from its environment (DATABASE_URL, AUTH_JWT_SECRET,
 * DB_POOL_SIZE); exits when one is missing.
 */
export function serverSetup(name) {
  const secret = process.env.AUTH_JWT_SECRET;
  if (!secret || !process.env.DATABASE_URL) {
    console.error(`${name} needs DATABASE_URL and AUTH_JWT_SECRET`);
    process.exit(1);
  }
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    application_name: `bench-${name}`,
  });
  return { key: Buffer.from(secret, 'utf8'), pool };
}

/** The API's global id: base64url of `Type:uuid`. */
export const globalId = (type, uuid) => Buffer.from(`${type}:${uuid}`, 'utf8').toString('base64url');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function fromGlobalId(id, type) {
  if (typeof id !== 'string' || id.length > 200) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const [kind, uuid] = [text.slice(0, text.indexOf(':')), text.slice(text.indexOf(':') + 1)];
  return kind === type && UUID.test(uuid) ? uuid : null;
}

/** The caller's organisation uuid from a valid HS256 token signed with `key`, else null. */
export function organizationOf(key, authorization) {
  const match = /^Bearer\s+([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization ?? '');
  if (!match) return null;
  const [, header, payload, signature] = match;
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  if (head.alg !== 'HS256') return null;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return null;
  return fromGlobalId(claims.org, 'Organization');
}
function status(row) {
  return {
    state: row.state,
    satisfied: row.satisfied,
    partiallySatisfied: row.partially_satisfied,
    notSatisfied: row.not_satisfied,
    notApplicable: row.not_applicable,
    notAssessed: row.not_assessed,
    openRemediations: row.open_remediations,
    overdueRemediations: row.overdue_remediations,
  };
}

function assessments(row) {
  if (!row.a_id) return { edges: [] };
  const findings = row.findings
    ? row.findings.split(',').map((pair) => {
        const colon = pair.indexOf(':');
        return { result: pair.slice(colon + 1), requirement: { code: pair.slice(0, colon) } };
      })
    : [];
  return { edges: [{ node: { id: globalId('Assessment', row.a_id), findings } }] };
}

export function product(row, withFindings) {
  const node = {
    id: globalId('Product', row.p_id),
    name: row.p_name,
    supplier: { name: row.o_name },
    status: status(row),
  };
  if (withFindings) node.assessments = assessments(row);
  return node;
}

/** mySubscriptions from the rows of DASHBOARD_SQL (S1) or DETAIL_SQL (S2). */
export function subscriptionsAnswer(rows, withFindings) {
  return {
    totalCount: rows.length > 0 ? rows[0].total : 0,
    edges: rows.map((row) => ({
      node: { id: globalId('ProductSubscription', row.s_id), product: product(row, withFindings) },
    })),
  };
}
