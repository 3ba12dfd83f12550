import Fastify from 'fastify';
import mercurius from 'mercurius';
import {
  fromGlobalId,
  organizationOf,
  product,
  serverSetup,
  subscriptionsAnswer,
} from '../raw-server/answers.mjs';
import { DASHBOARD_SQL, DETAIL_SQL, PRODUCT_SQL, REGISTRY_ROW_EXTRA } from '../raw-server/queries.mjs';

/*
 * The floor of the mandated stack (npm run bench:floor): Fastify + Mercurius with JIT, as the
 * registry runs them, answering S1-S3 with the raw server's statements and JSON: no NestJS, no
 * domain layer, no per-request loaders or authorization. Whatever the registry adds costs on top.
 * FLOOR_WIDE=1 selects, beside what S1 reads, the other columns the registry's row carries.
 */

const { key, pool } = serverSetup('floor-server');
const dashboardSql =
  process.env.FLOOR_WIDE === '1'
    ? DASHBOARD_SQL.replace(
        'count(*) OVER ()::int AS total,',
        `count(*) OVER ()::int AS total, ${REGISTRY_ROW_EXTRA},`,
      )
    : DASHBOARD_SQL;

/** The registry's schema, cut to the fields S1-S3 read. */
const schema = `
  type Query {
    mySubscriptions(first: Int): SubscriptionConnection!
    product(id: ID!): Product
  }
  type SubscriptionConnection { totalCount: Int! edges: [SubscriptionEdge!]! }
  type SubscriptionEdge { node: ProductSubscription! }
  type ProductSubscription { id: ID! product: Product! }
  type Organization { name: String! }
  type ProductStatus {
    state: String! satisfied: Int! partiallySatisfied: Int! notSatisfied: Int! notApplicable: Int!
    notAssessed: Int! openRemediations: Int! overdueRemediations: Int!
  }
  type Product {
    id: ID! name: String! supplier: Organization! status: ProductStatus!
    assessments(first: Int): AssessmentConnection!
  }
  type AssessmentConnection { edges: [AssessmentEdge!]! }
  type AssessmentEdge { node: Assessment! }
  type Assessment { id: ID! findings: [Finding!]! }
  type Finding { result: String! requirement: Requirement! }
  type Requirement { code: String! }
`;

/** True when the selection under `info`'s field asks for `name` anywhere (a lookahead). */
function selects(nodes, name) {
  return nodes.some(
    (node) => node.name?.value === name || (node.selectionSet && selects(node.selectionSet.selections, name)),
  );
}

const resolvers = {
  Query: {
    async mySubscriptions(_, { first }, context, info) {
      const withFindings = selects(info.fieldNodes, 'assessments');
      const sql = withFindings ? DETAIL_SQL : dashboardSql;
      const { rows } = await pool.query(sql, [context.organization, first ?? 40]);
      return subscriptionsAnswer(rows, withFindings);
    },
    async product(_, { id }) {
      const uuid = fromGlobalId(id, 'Product');
      if (!uuid) return null;
      const { rows } = await pool.query(PRODUCT_SQL, [uuid]);
      return rows[0] ? product(rows[0], true) : null;
    },
  },
};

const app = Fastify();
app.get('/health', async () => ({ status: 'ok' }));
app.addHook('preHandler', async (request, reply) => {
  if (request.url !== '/graphql') return;
  request.organization = organizationOf(key, request.headers.authorization);
  if (!request.organization) return reply.code(401).send({ errors: [{ message: 'unauthenticated' }] });
});
await app.register(mercurius, {
  schema,
  resolvers,
  jit: 1,
  context: (request) => ({ organization: request.organization }),
});
const stop = () => app.close().then(() => pool.end().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
console.log(`floor-server listening on ${JSON.stringify(app.server.address())}`);
