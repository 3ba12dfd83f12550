import {
  type DocumentNode,
  getOperationAST,
  getVariableValues,
  type GraphQLInputType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  typeFromAST,
  valueFromAST,
} from 'graphql';
import { BadUserInputError } from '../../common/errors/domain-error.js';
import { MAX_PAGE_SIZE } from '../../common/graphql/connection.js';
import { queryCost } from './query-cost.js';

/** The object budget of one operation (see queryCost). */
export const MAX_QUERY_COST = 10_000;

/**
 * The variable values an operation will run with, as graphql-js coerces them: defaults applied
 * (`query($n: Int = 100)` is 100 when `n` is not sent), "100" for an Int refused, and so on.
 * When coercion fails, execution will refuse the request anyway; the sent values over the
 * defaults are priced so the refusal is still about the right numbers.
 */
export function coercedVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  raw: Record<string, unknown> | null | undefined,
): Record<string, unknown> {
  const definitions = operation.variableDefinitions ?? [];
  const result = getVariableValues(schema, definitions, raw ?? {}, { maxErrors: 1 });
  if (result.coerced) return result.coerced;
  const values: Record<string, unknown> = {};
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    values[name] =
      raw?.[name] ??
      (definition.defaultValue && type ? valueFromAST(definition.defaultValue, type) : undefined);
  }
  return values;
}

/**
 * The one cost check, shared by HTTP (Mercurius preExecution) and the graphql-ws socket
 * (preSubscriptionExecution): prices the operation that will run with its coerced variables and
 * throws BAD_USER_INPUT naming `first` for an oversized page, or `query` above the budget.
 * Returns the cost, for the per-organisation budget.
 *
 * Why not graphql-armor's cost-limit (checked with 2.4.3, and removed)? It runs as a validation
 * rule, before variables exist: it multiplies by `first`/`last` only when written as a literal, so
 * `items(first: $n)` with `$n: Int = 100` (or sent as 100) and an omitted `first` (our default page
 * of 20) are all priced as a page of one. Beyond that it prices fields by a flat object/scalar cost
 * times a depth factor, not by the objects a page can return.
 */
export function checkQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  rawVariables: Record<string, unknown> | null | undefined,
  operationName?: string | null,
): number {
  const chosen = getOperationAST(document, operationName ?? undefined);
  const operations = chosen
    ? [chosen]
    : document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  let cost = 0;
  let largestPage = 0;
  for (const operation of operations) {
    const single: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
    };
    const priced = queryCost(schema, single, coercedVariables(schema, operation, rawVariables));
    cost = Math.max(cost, priced.cost);
    largestPage = Math.max(largestPage, priced.largestPage);
  }
  if (largestPage > MAX_PAGE_SIZE) {
    throw BadUserInputError.field('first', `must be at most ${MAX_PAGE_SIZE}`);
  }
  if (cost > MAX_QUERY_COST) {
    throw new BadUserInputError(
      [{ field: 'query', message: `costs ${cost}, above the limit of ${MAX_QUERY_COST}` }],
      `Query is too expensive: ${cost} objects, limit ${MAX_QUERY_COST}. Ask for smaller pages ` +
        '(first) or fewer nested lists; see docs/security.md, "Query limits".',
    );
  }
  return cost;
}
