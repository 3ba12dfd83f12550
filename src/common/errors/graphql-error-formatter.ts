import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { DomainError } from './domain-error.js';
import { ErrorCode } from './error-code.js';

export interface FormatOptions {
  /** Drop "Did you mean ...?" hints so the schema cannot be probed (production). */
  readonly hideSuggestions: boolean;
}

interface WithErrors {
  readonly errors?: readonly unknown[];
  readonly statusCode?: number;
  readonly code?: string;
}

const SUGGESTION = /\s*Did you mean .*\?$/;

/**
 * The one place where failures become GraphQL errors. Domain errors keep their code and extensions;
 * document errors (syntax, validation, limits) become BAD_USER_INPUT; anything else is logged and
 * answered as INTERNAL_SERVER_ERROR without message, stack or SQL.
 */
export function formatExecutionErrors(
  execution: ExecutionResult & { errors: readonly GraphQLError[] },
  context: MercuriusContext | undefined,
  options: FormatOptions,
): { statusCode: number; response: ExecutionResult } {
  const log = context?.reply?.log ?? context?.app?.log;
  let documentError = false;
  let requestStatus: number | undefined;
  const formatted: GraphQLFormattedError[] = [];

  for (const error of execution.errors) {
    const original: (Error & WithErrors) | undefined = error.originalError;
    // Mercurius wraps parse/validation failures in one error holding the individual ones.
    if (original && Array.isArray(original.errors) && !(original instanceof DomainError)) {
      documentError = true;
      for (const inner of original.errors) {
        const message = inner instanceof Error ? inner.message : String(inner);
        formatted.push({
          message: options.hideSuggestions ? message.replace(SUGGESTION, '') : message,
          extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_DOCUMENT' },
        });
      }
      continue;
    }
    // Refusals of the HTTP request itself (body too large, CSRF, bad JSON) keep their 4xx status.
    if (original && !(original instanceof DomainError) && isClientStatus(original.statusCode)) {
      requestStatus = original.statusCode;
      formatted.push({ message: original.message, extensions: { code: ErrorCode.BAD_USER_INPUT } });
      continue;
    }
    formatted.push(formatOne(error, original, log, options));
  }

  const statusCode = requestStatus ?? (documentError && !execution.data ? 400 : 200);
  return {
    statusCode,
    response: { data: execution.data ?? null, errors: formatted } as unknown as ExecutionResult,
  };
}

/**
 * Pool exhaustion (no connection within POOL_WAIT_MS) and a database restarting or unreachable:
 * nothing was committed, so the caller may safely retry.
 */
const TRANSIENT_PG_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08006', '53300']);
export function isTransientDatabaseError(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string } } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  if (code && (TRANSIENT_PG_CODES.has(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET')) return true;
  return /timeout exceeded when trying to connect|Connection terminated/i.test(e?.message ?? '');
}

function isClientStatus(status: unknown): status is number {
  return typeof status === 'number' && status >= 400 && status < 500;
}

function formatOne(
  error: GraphQLError,
  original: (Error & WithErrors) | undefined,
  log: { error: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void } | undefined,
  options: FormatOptions,
): GraphQLFormattedError {
  const base = { locations: error.locations, path: error.path };
  if (original instanceof DomainError) {
    return {
      ...base,
      message: original.message,
      extensions: { ...original.extensions, code: original.code },
    };
  }
  if (!original) {
    // A GraphQLError raised by graphql-js itself (bad variables, coercion): the caller's input.
    const message = options.hideSuggestions ? error.message.replace(SUGGESTION, '') : error.message;
    return { ...base, message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  if (isTransientDatabaseError(original)) {
    log?.warn({ err: original, path: error.path }, 'database busy or unavailable');
    return {
      ...base,
      message: 'The database is busy or unavailable; retry shortly',
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true, retryAfterSeconds: 1 },
    };
  }
  log?.error({ err: original, path: error.path }, 'unhandled error in resolver');
  return { ...base, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}
