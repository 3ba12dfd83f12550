import { ErrorCode } from './error-code.js';

export interface FieldViolation {
  /** Path of the offending input field, e.g. `input.requirements.0.code`. */
  readonly field: string;
  readonly message: string;
}

/** A failure the caller can act on; mapped to a GraphQL error with `extensions.code` in one place. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'A valid bearer token is required') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You may not perform this operation') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

/** Also what a caller gets for something it may not see: indistinguishable from a missing id. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(ErrorCode.NOT_FOUND, `${what} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.CONFLICT, message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(ErrorCode.RATE_LIMITED, `Too many requests; retry in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}

/** The database is restarting or unreachable: nothing was written, retry shortly. */
export class ServiceUnavailableError extends DomainError {
  constructor() {
    super(ErrorCode.SERVICE_UNAVAILABLE, 'The database is busy or unavailable; retry shortly', {
      retryable: true,
      retryAfterSeconds: 1,
    });
  }
}

export class BadUserInputError extends DomainError {
  readonly violations: readonly FieldViolation[];

  constructor(violations: readonly FieldViolation[], message?: string) {
    super(ErrorCode.BAD_USER_INPUT, message ?? violations.map((v) => `${v.field}: ${v.message}`).join('; '), {
      fields: [...new Set(violations.map((v) => v.field))],
      violations,
    });
    this.violations = violations;
  }

  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError([{ field, message }]);
  }
}
