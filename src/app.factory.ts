import { type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { AuthService } from './auth/auth.service.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';
import type { AppConfig } from './common/config/app-config.js';
import { registerGraphiql } from './api/graphql/graphiql.routes.js';
import { SqlStatementCounter } from './common/database/sql-statement-counter.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { registerWebSocketServer } from './api/graphql/socket-server.js';

/** Request bodies above this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

const NEST_LOG_LEVELS: Record<string, LogLevel[] | false> = {
  silent: false,
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  // Nest's 'log' level is start-up chatter (every module and route); it shows from debug on.
  info: ['fatal', 'error', 'warn'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the whole service on Fastify; `main.ts` listens, tests use `inject`. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: MAX_BODY_BYTES,
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
  });
  registerWebSocketServer(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl),
    adapter,
    {
      logger: NEST_LOG_LEVELS[config.logLevel] ?? ['fatal', 'error', 'warn', 'log'],
      abortOnError: false,
    },
  );
  app.useGlobalPipes(createValidationPipe());
  const fastify = app.getHttpAdapter().getInstance();

  fastify.addHook('onRequest', async (request, reply) => {
    // The per-request statement count (x-sql-statements) is for tests and the benchmark's counting
    // pass; in production the AsyncLocalStorage behind it would cost CPU on every request.
    if (config.env !== 'production') SqlStatementCounter.enter();
    // GraphQL over GET invites CSRF and leaks queries into logs; the socket upgrade is the exception.
    if (
      request.method === 'GET' &&
      request.url.startsWith('/graphql') &&
      request.headers.upgrade !== 'websocket'
    ) {
      return reply
        .code(405)
        .header('allow', 'POST')
        .send({
          errors: [{ message: 'Use POST for GraphQL', extensions: { code: 'BAD_USER_INPUT' } }],
        });
    }
  });
  // Before Fastify's schema coerces it (a number to text, an array to its first item) or Mercurius
  // fails on it: a `query` that is not a string is the caller's mistake, answered 400 as GraphQL.
  fastify.addHook('preValidation', async (request, reply) => {
    if (request.method !== 'POST' || !request.url.startsWith('/graphql')) return;
    const query = (request.body as { query?: unknown } | null | undefined)?.query;
    if (query !== undefined && query !== null && typeof query !== 'string') {
      return reply.code(400).send({
        data: null,
        errors: [
          {
            message: 'The request body field "query" must be a string',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      });
    }
  });
  app.get(IdempotencyService).install(fastify, app.get(AuthService));
  if (config.env === 'development') registerGraphiql(fastify);
  fastify.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (request.headers.authorization) reply.header('cache-control', 'no-store');
    if (config.env !== 'production') {
      const statements = SqlStatementCounter.current();
      if (statements !== undefined) reply.header('x-sql-statements', String(statements));
    }
    return payload;
  });
  await app.init();
  return app;
}
