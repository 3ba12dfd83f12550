import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import type { MercuriusContext } from 'mercurius';
import type { AuthService } from '../../auth/auth.service.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { DomainError, ServiceUnavailableError } from '../../common/errors/domain-error.js';
import {
  formatExecutionErrors,
  isTransientDatabaseError,
} from '../../common/errors/graphql-error-formatter.js';
import { bindIdempotencyClaim } from '../../idempotency/idempotency.service.js';
import '../../common/graphql/date-time.scalar.js';
import { CostBudget } from './cost-budget.js';
import { checkQueryCost } from './cost-check.js';
import { QUERY_LIMITS, validationRules } from './document-limits.js';
import { withPlainFields } from './plain-fields.js';
import { type RequestContext, RequestLoaders } from '../../common/graphql/request-context.js';
import { socketValidationHooks, subscriptionOptions } from './socket-server.js';

export async function buildRequestContext(
  auth: AuthService,
  request: FastifyRequest,
): Promise<RequestContext> {
  const context: RequestContext = { loaders: new RequestLoaders() };
  try {
    context.actor = await auth.authenticate(request.headers.authorization);
    bindIdempotencyClaim(request, context.actor);
  } catch (error) {
    // The organisation lookup needs the database: while it restarts, the caller gets the
    // retryable SERVICE_UNAVAILABLE like any other read, never a 500 naming its address.
    if (isTransientDatabaseError(error)) context.authError = new ServiceUnavailableError();
    else if (error instanceof DomainError) context.authError = error;
    else throw error;
  }
  return context;
}

/** `liveEmitter`: the Redis emitter for subscriptions across instances (events module), if any. */
export function graphqlOptions(
  config: AppConfig,
  auth: AuthService,
  liveEmitter?: object,
): MercuriusDriverConfig {
  const production = config.env === 'production';
  const budget = new CostBudget(config.rateLimitCostPerMinute);
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    // Our own GraphiQL (graphiql.routes.ts) serves its scripts locally; Mercurius's loads a CDN.
    graphiql: false,
    jit: 1,
    allowBatchedQueries: false,
    csrfPrevention: true,
    graphql: { parseOptions: { maxTokens: QUERY_LIMITS.maxTokens } },
    validationRules: validationRules(config),
    // Plain fields read inline by graphql-jit, not through NestJS's resolver per field.
    transformSchema: withPlainFields,
    context: (request: FastifyRequest) => buildRequestContext(auth, request),
    errorFormatter: (execution, context) =>
      formatExecutionErrors(execution, context, { hideSuggestions: production }),
    // graphql-ws on /graphql; the socket's auth and limits: socket-server.ts.
    subscription: subscriptionOptions(auth, liveEmitter, config),
    hooks: {
      ...socketValidationHooks(config, auth),
      preExecution: [
        async (schema, document, context: MercuriusContext & Partial<RequestContext>, variables) => {
          const body = context.reply?.request.body as { operationName?: unknown } | undefined;
          const operationName = typeof body?.operationName === 'string' ? body.operationName : undefined;
          const cost = checkQueryCost(schema, document, variables as Record<string, unknown>, operationName);
          if (context.actor) await budget.spend(context.actor.organizationId, cost);
        },
      ],
    },
  } as MercuriusDriverConfig;
}
