import { GraphQLError } from 'graphql';
import { decodeJwt } from 'jose';
import type { WebSocket } from 'ws';
import type { AuthService } from '../../auth/auth.service.js';
import type { Actor } from '../../common/actor.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';

/** Close codes: those of the graphql-transport-ws protocol, and 4430 for the organisation's cap. */
export const SocketClose = {
  FORBIDDEN: 4403,
  INIT_TIMEOUT: 4408,
  TOO_MANY_INITS: 4429,
  /** The organisation already has SOCKET_MAX_CONNECTIONS_PER_ORGANIZATION sockets open here. */
  TOO_MANY_CONNECTIONS: 4430,
} as const;

/** One authenticated socket: its token (checked again periodically and on each subscribe). */
interface Session {
  readonly authorization: string | undefined;
  readonly organizationId: string;
  readonly subscriptions: Set<string>;
}

const sessions = new WeakMap<WebSocket, Session>();
const openByOrganization = new Map<string, Set<WebSocket>>();

/** Why a token no longer admits the socket, as the close reason says it. */
function closeReason(error: DomainError): string {
  if (/revoked/i.test(error.message)) return 'Token revoked';
  if (/expired/i.test(error.message)) return 'Token expired';
  return 'Forbidden';
}

/** The token's verdict now: undefined while it still admits the socket, else the close reason. */
async function refusal(auth: AuthService, authorization: string | undefined): Promise<string | undefined> {
  try {
    await auth.authenticate(authorization);
    return undefined;
  } catch (error) {
    // A database restart is no verdict on the token: the next check decides.
    if (error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED) return closeReason(error);
    return undefined;
  }
}

/**
 * Admits an authenticated socket (issue 15, hole 4): at most `maxConnectionsPerOrganization` per
 * organisation on this instance (else closed with 4430); closed with 4403 when its token expires,
 * and when a periodic check (every `tokenRecheckSeconds`) finds it revoked.
 */
export function openSession(
  socket: WebSocket,
  actor: Actor,
  authorization: string | undefined,
  auth: AuthService,
  config: AppConfig,
): boolean {
  const open = openByOrganization.get(actor.organizationId) ?? new Set<WebSocket>();
  if (open.size >= config.sockets.maxConnectionsPerOrganization) {
    socket.close(
      SocketClose.TOO_MANY_CONNECTIONS,
      `Too many connections: at most ${config.sockets.maxConnectionsPerOrganization} per organisation`,
    );
    return false;
  }
  open.add(socket);
  openByOrganization.set(actor.organizationId, open);
  sessions.set(socket, { authorization, organizationId: actor.organizationId, subscriptions: new Set() });

  const expiry = expiryTimer(socket, authorization);
  const recheck = setInterval(() => {
    void refusal(auth, authorization).then((reason) => {
      if (reason) socket.close(SocketClose.FORBIDDEN, reason);
    });
  }, config.sockets.tokenRecheckSeconds * 1000);
  recheck.unref();
  socket.once('close', () => {
    clearTimeout(expiry);
    clearInterval(recheck);
    open.delete(socket);
    if (open.size === 0) openByOrganization.delete(actor.organizationId);
  });
  return true;
}

/** Closes the socket with 4403 when its token expires. */
function expiryTimer(socket: WebSocket, authorization: string | undefined): NodeJS.Timeout | undefined {
  let exp: number | undefined;
  try {
    exp = decodeJwt(authorization?.replace(/^Bearer\s+/i, '') ?? '').exp;
  } catch {
    return undefined;
  }
  if (exp === undefined) return undefined;
  const delay = Math.min(Math.max(0, exp * 1000 - Date.now()), 2 ** 31 - 1);
  const timer = setTimeout(() => socket.close(SocketClose.FORBIDDEN, 'Token expired'), delay);
  timer.unref();
  return timer;
}

/** On each subscribe: the token must still be accepted (else the socket is closed with 4403). */
export async function recheckToken(socket: WebSocket | undefined, auth: AuthService): Promise<void> {
  const session = socket ? sessions.get(socket) : undefined;
  const reason = session ? await refusal(auth, session.authorization) : 'Forbidden';
  if (!reason) return;
  socket?.close(SocketClose.FORBIDDEN, reason);
  throw new GraphQLError(reason, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

/** Counts subscription `id` against the connection's cap; RATE_LIMITED when it is full. */
export function admitSubscription(socket: WebSocket | undefined, id: unknown, config: AppConfig): void {
  const session = socket ? sessions.get(socket) : undefined;
  if (!session) return;
  const max = config.sockets.maxSubscriptionsPerConnection;
  if (session.subscriptions.size >= max) {
    throw new GraphQLError(
      `At most ${max} subscriptions run at once on one connection: complete one, or open another connection`,
      { extensions: { code: ErrorCode.RATE_LIMITED, reason: 'TOO_MANY_SUBSCRIPTIONS' } },
    );
  }
  session.subscriptions.add(String(id));
}

/** The client completed subscription `id`: it no longer counts. */
export function subscriptionCompleted(socket: WebSocket, id: unknown): void {
  sessions.get(socket)?.subscriptions.delete(String(id));
}
