import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import type { MercuriusContext } from 'mercurius';
import {
  type GraphQLError,
  NoSchemaIntrospectionCustomRule,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { AuthService } from '../../auth/auth.service.js';
import type { AppConfig } from '../config/app-config.js';
import { BadUserInputError, DomainError } from '../errors/domain-error.js';
import { formatExecutionErrors } from '../errors/graphql-error-formatter.js';
import { bindIdempotencyClaim } from '../idempotency/idempotency.service.js';
import { MAX_PAGE_SIZE } from './connection.js';
import { maxFieldsRule } from './max-fields.rule.js';
import { resolvePreloadedFields } from './preloaded-fields.js';
import { CostBudget } from './cost-budget.js';
import { queryCost } from './query-cost.js';
import { type RequestContext, RequestLoaders } from './request-context.js';
import { socketValidationHooks, subscriptionOptions } from '../../events/live/socket-server.js';

/** Limits applied to every document before execution, over HTTP and (issue: events) WebSocket. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
  maxFields: 300,
  maxCost: 10_000,
} as const;

export function validationRules(config: AppConfig): ValidationRule[] {
  // Report instead of throw, so a refusal is an ordinary validation error (BAD_USER_INPUT, 400).
  const report = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  const rules: ValidationRule[] = [
    maxDepthRule({ n: QUERY_LIMITS.maxDepth, ...report }),
    maxAliasesRule({ n: QUERY_LIMITS.maxAliases, ...report }),
    maxDirectivesRule({ n: QUERY_LIMITS.maxDirectives, ...report }),
    maxFieldsRule(QUERY_LIMITS.maxFields),
  ];
  if (config.env === 'production') rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

export async function buildRequestContext(
  auth: AuthService,
  request: FastifyRequest,
): Promise<RequestContext> {
  const context: RequestContext = { loaders: new RequestLoaders() };
  try {
    context.actor = await auth.authenticate(request.headers.authorization);
    bindIdempotencyClaim(request, context.actor);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    context.authError = error;
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
    transformSchema: resolvePreloadedFields,
    allowBatchedQueries: false,
    csrfPrevention: true,
    graphql: { parseOptions: { maxTokens: QUERY_LIMITS.maxTokens } },
    validationRules: validationRules(config),
    context: (request: FastifyRequest) => buildRequestContext(auth, request),
    errorFormatter: (execution, context) =>
      formatExecutionErrors(execution, context, { hideSuggestions: production }),
    // graphql-ws on /graphql; the socket's auth and limits live with the events module.
    subscription: subscriptionOptions(auth, liveEmitter),
    hooks: {
      ...socketValidationHooks(config),
      preExecution: [
        async (schema, document, context: MercuriusContext & Partial<RequestContext>, variables) => {
          const { cost, largestPage } = queryCost(
            schema,
            document,
            (variables ?? {}) as Record<string, unknown>,
          );
          if (largestPage > MAX_PAGE_SIZE) {
            throw BadUserInputError.field('first', `must be at most ${MAX_PAGE_SIZE}`);
          }
          if (cost > QUERY_LIMITS.maxCost) {
            throw new BadUserInputError(
              [{ field: 'query', message: `costs ${cost}, above the limit of ${QUERY_LIMITS.maxCost}` }],
              `Query is too expensive: ${cost} objects, limit ${QUERY_LIMITS.maxCost}. Ask for smaller pages.`,
            );
          }
          if (context.actor) await budget.spend(context.actor.organizationId, cost);
        },
      ],
    },
  } as MercuriusDriverConfig;
}
