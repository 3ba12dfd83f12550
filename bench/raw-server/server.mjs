import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { fromGlobalId, organizationOf, product, serverSetup, subscriptionsAnswer } from './answers.mjs';
import { DASHBOARD_SQL, DETAIL_SQL, PRODUCT_SQL } from './queries.mjs';

/*
 * The practical limit: the same questions as the registry's GraphQL API (S1 dashboard, S2 detail,
 * S3 one product), answered by node:http + pg with one hand-written statement each, no framework.
 * It takes the same POST body as /graphql and picks the answer by `operationName`, and writes the
 * same JSON bytes. It checks the same HS256 bearer token (signature and expiry) the registry does.
 */

const { key, pool } = serverSetup('raw-server');

async function subscriptions(org, first, withFindings) {
  const { rows } = await pool.query(withFindings ? DETAIL_SQL : DASHBOARD_SQL, [org, first]);
  return { mySubscriptions: subscriptionsAnswer(rows, withFindings) };
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
  const org = organizationOf(key, req.headers.authorization);
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
