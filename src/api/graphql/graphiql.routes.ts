import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** Where GraphiQL answers (development only). */
export const GRAPHIQL_PATH = '/graphiql';

const require = createRequire(import.meta.url);
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

/** The only files served: the npm packages' own builds, no CDN. */
const ASSETS: Record<string, { readonly file: () => string; readonly type: string }> = {
  'react.production.min.js': {
    file: () => join(packageDir('react'), 'umd', 'react.production.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'react-dom.production.min.js': {
    file: () => join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.js': {
    file: () => join(packageDir('graphiql'), 'graphiql.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.css': {
    file: () => join(packageDir('graphiql'), 'graphiql.min.css'),
    type: 'text/css; charset=utf-8',
  },
  'start.js': { file: () => '', type: 'text/javascript; charset=utf-8' },
};

const START = `const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const defaultHeaders = JSON.stringify({ authorization: 'Bearer <paste a token from npm run token>' }, null, 2);
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultHeaders, shouldPersistHeaders: false }),
);
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="robots" content="noindex" />
  <title>Assurance Registry: GraphiQL</title>
  <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
  <link rel="stylesheet" href="${GRAPHIQL_PATH}/assets/graphiql.min.css" />
</head>
<body>
  <div id="graphiql">Loading GraphiQL ...</div>
  <script src="${GRAPHIQL_PATH}/assets/react.production.min.js"></script>
  <script src="${GRAPHIQL_PATH}/assets/react-dom.production.min.js"></script>
  <script src="${GRAPHIQL_PATH}/assets/graphiql.min.js"></script>
  <script src="${GRAPHIQL_PATH}/assets/start.js"></script>
</body>
</html>
`;

/**
 * GraphiQL at /graphiql from the service's own copies of graphiql, react and react-dom (npm), so it
 * works on a closed network. Registered in development only: elsewhere the path is 404.
 */
export function registerGraphiql(fastify: FastifyInstance): void {
  const cache = new Map<string, Buffer | string>();
  fastify.get(GRAPHIQL_PATH, async (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  fastify.get<{ Params: { file: string } }>(`${GRAPHIQL_PATH}/assets/:file`, async (request, reply) => {
    const name = request.params.file;
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return reply.code(404).send({ message: 'Not found' });
    let body = cache.get(name);
    if (body === undefined) {
      body = name === 'start.js' ? START : readFileSync(asset.file());
      cache.set(name, body);
    }
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(body);
  });
}
