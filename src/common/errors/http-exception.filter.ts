import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply } from 'fastify';
import { DomainError } from './domain-error.js';
import { ErrorCode } from './error-code.js';

/** The HTTP status of each error code, for plain HTTP routes. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/**
 * Plain HTTP routes (health, uploads, downloads, OSCAL) answer domain errors as
 * `{ error: { code, message } }` with the matching status. GraphQL errors pass through untouched
 * to the GraphQL error formatter.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof DomainError) {
      return reply
        .status(HTTP_STATUS[exception.code])
        .send({ error: { code: exception.code, message: exception.message } });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return reply
        .status(status)
        .send({ error: { code: status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: exception.message } });
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return reply
      .status(500)
      .send({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error' } });
  }
}
