import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyRequest } from 'fastify';
import { NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import type { AuthService } from '../../auth/auth.service.js';
import type { AppConfig } from '../config/app-config.js';
import { BadUserInputError, DomainError } from '../errors/domain-error.js';
import { formatExecutionErrors } from '../errors/graphql-error-formatter.js';
import { queryCost } from './query-cost.js';
import { type RequestContext, RequestLoaders } from './request-context.js';

/** Limits applied to every document before execution, over HTTP and (issue: events) WebSocket. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
  maxCost: 10_000,
} as const;

export function validationRules(config: AppConfig): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: QUERY_LIMITS.maxDepth, exposeLimits: true }),
    maxAliasesRule({ n: QUERY_LIMITS.maxAliases, exposeLimits: true }),
    maxDirectivesRule({ n: QUERY_LIMITS.maxDirectives, exposeLimits: true }),
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
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    context.authError = error;
  }
  return context;
}

export function graphqlOptions(config: AppConfig, auth: AuthService): MercuriusDriverConfig {
  const production = config.env === 'production';
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    graphiql: config.env === 'development',
    jit: 1,
    allowBatchedQueries: false,
    csrfPrevention: true,
    graphql: { parseOptions: { maxTokens: QUERY_LIMITS.maxTokens } },
    validationRules: validationRules(config),
    context: (request: FastifyRequest) => buildRequestContext(auth, request),
    errorFormatter: (execution, context) =>
      formatExecutionErrors(execution, context, { hideSuggestions: production }),
    hooks: {
      preExecution: [
        async (schema, document, context, variables) => {
          const cost = queryCost(schema, document, (variables ?? {}) as Record<string, unknown>);
          if (cost > QUERY_LIMITS.maxCost) {
            void context;
            throw new BadUserInputError(
              [{ field: 'query', message: `costs ${cost}, above the limit of ${QUERY_LIMITS.maxCost}` }],
              `Query is too expensive: ${cost} objects, limit ${QUERY_LIMITS.maxCost}. Ask for smaller pages.`,
            );
          }
        },
      ],
    },
  } as MercuriusDriverConfig;
}
