import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { DASHBOARD_SQL, DETAIL_SQL, PRODUCT_SQL } from './queries.mjs';

/*
 * The practical limit: the same questions as the registry's GraphQL API (S1 dashboard, S2 detail,
 * S3 one product), answered by node:http + pg with one hand-written statement each, no framework.
 * It takes the same POST body as /graphql and picks the answer by `operationName`, and writes the
 * same JSON bytes. It checks the same HS256 bearer token (signature and expiry) the registry does.
 */

const secret = process.env.AUTH_JWT_SECRET;
if (!secret || !process.env.DATABASE_URL) {
  console.error('raw-server needs DATABASE_URL and AUTH_JWT_SECRET');
  process.exit(1);
}
const key = Buffer.from(secret, 'utf8');
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
  application_name: 'bench-raw-server',
});

const globalId = (type, uuid) => Buffer.from(`${type}:${uuid}`, 'utf8').toString('base64url');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fromGlobalId(id, type) {
  if (typeof id !== 'string' || id.length > 200) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const [kind, uuid] = [text.slice(0, text.indexOf(':')), text.slice(text.indexOf(':') + 1)];
  return kind === type && UUID.test(uuid) ? uuid : null;
}

/** The caller's organisation uuid from a valid HS256 token, else null. */
function organizationOf(authorization) {
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

function product(row, withFindings) {
  const node = {
    id: globalId('Product', row.p_id),
    name: row.p_name,
    supplier: { name: row.o_name },
    status: status(row),
  };
  if (withFindings) node.assessments = assessments(row);
  return node;
}

async function subscriptions(org, first, withFindings) {
  const { rows } = await pool.query(withFindings ? DETAIL_SQL : DASHBOARD_SQL, [org, first]);
  return {
    mySubscriptions: {
      totalCount: rows.length > 0 ? rows[0].total : 0,
      edges: rows.map((row) => ({
        node: { id: globalId('ProductSubscription', row.s_id), product: product(row, withFindings) },
      })),
    },
  };
}

async function oneProduct(id) {
  const uuid = fromGlobalId(id, 'Product');
  if (!uuid) return { product: null };
  const { rows } = await pool.query(PRODUCT_SQL, [uuid]);
  return { product: rows[0] ? product(rows[0], true) : null };
}

async function answer(body, org) {
  const request = JSON.parse(body);
  const variables = request.variables ?? {};
  switch (request.operationName) {
    case 'S1':
      return subscriptions(org, variables.first ?? 40, false);
    case 'S2':
      return subscriptions(org, variables.first ?? 40, true);
    case 'S3':
      return oneProduct(variables.id);
    default:
      throw new Error(`unknown operation ${request.operationName}`);
  }
}

function send(res, code, payload) {
  const text = JSON.stringify(payload);
  res.writeHead(code, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return send(res, 200, { status: 'ok' });
  const org = organizationOf(req.headers.authorization);
  if (!org) return send(res, 401, { errors: [{ message: 'unauthenticated' }] });
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    answer(Buffer.concat(chunks).toString('utf8'), org).then(
      (data) => send(res, 200, { data }),
      (error) => send(res, 500, { errors: [{ message: String(error?.message ?? error) }] }),
    );
  });
});
server.keepAliveTimeout = 72_000;

const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`raw-server listening on ${JSON.stringify(server.address())}`);
});
