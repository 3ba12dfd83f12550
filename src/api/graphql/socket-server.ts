import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type DocumentNode,
  type GraphQLSchema,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import type { WebSocket, WebSocketServer } from 'ws';
import type { AuthService } from '../../auth/auth.service.js';
import type { Actor } from '../../common/actor.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { checkQueryCost } from './cost-check.js';
import { QUERY_LIMITS, validationRules } from './document-limits.js';
import { RequestLoaders } from '../../common/graphql/request-context.js';
import {
  admitSubscription,
  openSession,
  recheckToken,
  SocketClose,
  subscriptionCompleted,
} from './socket-session.js';

export { SocketClose } from './socket-session.js';

/** graphql-ws over /graphql: the limits HTTP has, applied to the socket (see README, "Events"). */
export const MAX_SOCKET_FRAME_BYTES = 64 * 1024;
export const SOCKET_INIT_TIMEOUT_MS = 3000;
const KEEP_ALIVE_MS = 30_000;

const initPayloads = new WeakMap<WebSocket, Record<string, unknown>>();

/** What a `subscribe` message asked for, by socket and operation id, for the cost check. */
interface SubscribeRequest {
  readonly variables: Record<string, unknown> | null;
  readonly operationName: string | null;
}
const subscribeRequests = new WeakMap<WebSocket, Map<string, SubscribeRequest>>();

/** The variables and operation name of subscription `id` on `socket` (and forgets them). */
export function takeSubscribeRequest(socket: WebSocket | undefined, id: unknown): SubscribeRequest {
  const requests = socket ? subscribeRequests.get(socket) : undefined;
  const request = requests?.get(String(id));
  requests?.delete(String(id));
  return request ?? { variables: null, operationName: null };
}

/**
 * Registers the WebSocket server before Mercurius does (Mercurius would allow 1 MB frames and
 * reuses a server that exists). Call on the Fastify instance before the Nest app is created.
 */
export function registerWebSocketServer(fastify: FastifyInstance): void {
  void fastify.register(fastifyWebsocket, { options: { maxPayload: MAX_SOCKET_FRAME_BYTES } });
  // Mercurius's CSRF check runs on the upgrade GET too and refuses it (browsers cannot add headers
  // to a WebSocket handshake). CSRF needs ambient credentials; the socket has none (the token
  // comes in connection_init), so the upgrade is marked as a preflighted request.
  fastify.addHook('onRequest', async (request) => {
    if (request.headers.upgrade?.toLowerCase() === 'websocket') {
      request.headers['mercurius-require-preflight'] = 'websocket';
    }
  });
}

/**
 * Limits Mercurius does not have: a 3 s deadline for `connection_init`, one init per socket, and
 * the init payload kept for the authentication in the subscription context.
 */
export function guardSocketServer(wss: WebSocketServer): void {
  if (wss.options.maxPayload !== MAX_SOCKET_FRAME_BYTES) {
    throw new Error('The WebSocket server was not created by registerWebSocketServer');
  }
  // 'connection' fires before Mercurius starts reading the socket, so this listener sees
  // connection_init before Mercurius resolves the subscription context.
  wss.on('connection', (socket: WebSocket) => {
    let initialised = false;
    const timer = setTimeout(() => {
      if (!initialised) socket.close(SocketClose.INIT_TIMEOUT, 'Connection initialisation timeout');
    }, SOCKET_INIT_TIMEOUT_MS);
    socket.once('close', () => clearTimeout(timer));
    socket.on('message', (data: Buffer) => {
      let message: { type?: unknown; payload?: unknown; id?: unknown };
      try {
        message = JSON.parse(data.toString('utf8')) as typeof message;
      } catch {
        return;
      }
      if (message?.type === 'complete' || message?.type === 'stop') {
        subscriptionCompleted(socket, message.id);
        return;
      }
      if (message?.type === 'subscribe' || message?.type === 'start') {
        // Mercurius reads this message after this listener: the cost check gets its variables.
        const payload = (message.payload ?? {}) as { variables?: unknown; operationName?: unknown };
        const requests = subscribeRequests.get(socket) ?? new Map<string, SubscribeRequest>();
        subscribeRequests.set(socket, requests);
        requests.set(String(message.id), {
          variables:
            payload.variables && typeof payload.variables === 'object'
              ? (payload.variables as Record<string, unknown>)
              : null,
          operationName: typeof payload.operationName === 'string' ? payload.operationName : null,
        });
        return;
      }
      if (message?.type !== 'connection_init') return;
      if (initialised) {
        socket.close(SocketClose.TOO_MANY_INITS, 'Too many initialisation requests');
        return;
      }
      initialised = true;
      clearTimeout(timer);
      const payload = message.payload;
      initPayloads.set(
        socket,
        payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {},
      );
    });
  });
}

function authorizationOf(payload: Record<string, unknown>): string | undefined {
  const headers = payload.headers as Record<string, unknown> | undefined;
  const value =
    payload.authorization ?? payload.Authorization ?? headers?.authorization ?? headers?.Authorization;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The Mercurius `subscription` options: authentication with the same bearer token as HTTP, read
 * from the connection_init payload (`{ "authorization": "Bearer ..." }`); a refused or missing
 * token closes the socket with 4403. Only subscriptions run on the socket (no fullWsTransport).
 */
export function subscriptionOptions(auth: AuthService, emitter: object | undefined, config: AppConfig) {
  return {
    ...(emitter ? { emitter } : {}),
    fullWsTransport: false,
    keepAlive: KEEP_ALIVE_MS,
    context: async (socket: WebSocket, _request: FastifyRequest) => {
      let actor: Actor | undefined;
      const authorization = authorizationOf(initPayloads.get(socket) ?? {});
      try {
        actor = await auth.authenticate(authorization);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
      if (!actor) socket.close(SocketClose.FORBIDDEN, 'Forbidden');
      else if (!openSession(socket, actor, authorization, auth, config)) actor = undefined;
      return { actor, loaders: new RequestLoaders(), socket };
    },
  };
}

const SUGGESTION = /\s*Did you mean .*\?$/;

function documentError(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_DOCUMENT' },
  });
}

/**
 * Mercurius neither applies `validationRules`, the token limit nor even the specified rules to
 * socket operations (graphql-js `subscribe` assumes a validated document): these hooks do, with the
 * same rules and limits as HTTP, including the refusal of introspection in production.
 */
export function socketValidationHooks(config: AppConfig, auth: AuthService) {
  const rules = [...specifiedRules, ...validationRules(config)];
  const production = config.env === 'production';
  return {
    preSubscriptionParsing: [
      async (_schema: GraphQLSchema, source: string) => {
        try {
          parse(source, { maxTokens: QUERY_LIMITS.maxTokens });
        } catch (error) {
          throw documentError(error instanceof Error ? error.message : String(error));
        }
      },
    ],
    preSubscriptionExecution: [
      async (schema: GraphQLSchema, document: DocumentNode, context: { socket?: WebSocket }, id: unknown) => {
        const request = takeSubscribeRequest(context?.socket, id);
        // The token again on each subscribe (expired or revoked since the socket opened: 4403).
        await recheckToken(context?.socket, auth);
        const errors = validate(schema, document, rules);
        if (errors.length > 0) {
          const text = errors.map((e) => (production ? e.message.replace(SUGGESTION, '') : e.message));
          throw documentError(text.join('; '));
        }
        // The same check as HTTP, with the subscribe message's coerced variables; an oversized
        // page or an expensive selection is refused at subscribe time, not when an event arrives.
        try {
          checkQueryCost(schema, document, request.variables, request.operationName);
        } catch (error) {
          if (error instanceof DomainError) throw documentError(error.message);
          throw error;
        }
        admitSubscription(context?.socket, id, config);
      },
    ],
  };
}

/** Puts the socket limits on the WebSocket server Mercurius created during module init. */
@Injectable()
export class SocketLimits implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // The socket server exists once Fastify has loaded its plugins, i.e. on ready.
    fastify.addHook('onReady', async () => {
      const wss = (fastify as unknown as { websocketServer?: WebSocketServer }).websocketServer;
      if (!wss) throw new Error('GraphQL subscriptions are not enabled');
      guardSocketServer(wss);
    });
  }
}
