import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type GraphQLError,
  NoSchemaIntrospectionCustomRule,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { AppConfig } from '../../common/config/app-config.js';
import { MAX_QUERY_COST } from './cost-check.js';
import { maxFieldsRule } from './max-fields.rule.js';

/** Limits applied to every document before execution, over HTTP and (issue: events) WebSocket. */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 2000,
  maxFields: 300,
  maxCost: MAX_QUERY_COST,
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
