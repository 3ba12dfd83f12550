import type { FastifyReply, FastifyRequest } from 'fastify';
import { assertPermits, type Policy } from '../../auth/policy.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { ForbiddenError } from '../../common/errors/domain-error.js';
import { messagePage } from '../views/layout.js';
import { frameFor, sendPage } from '../web-request.js';
import { sameToken, type SessionStore, type WebSession } from './session.store.js';

export function sessionCookie(config: AppConfig): string {
  // __Host-: only over HTTPS, for this host and path / (production runs behind TLS)
  return config.env === 'production' ? '__Host-registry_session' : 'registry_session';
}

export function cookieOptions(config: AppConfig) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.env === 'production' };
}

/**
 * The signed-in visitor of a page, checked against a policy of the permission table
 * (src/auth/policies.ts) exactly as the API's guard does. Without a live session the visitor is
 * sent to sign in; with the wrong organisation kind or role the page answers 403.
 */
export async function requireSession(
  request: FastifyRequest,
  reply: FastifyReply,
  config: AppConfig,
  store: SessionStore,
  policy: Policy,
): Promise<WebSession | null> {
  const token = request.cookies[sessionCookie(config)];
  const session = await store.touch(token);
  if (!session) {
    const next = encodeURIComponent(request.url);
    await reply.redirect(`/sign-in?next=${next}${token ? '&expired=1' : ''}`, 303);
    return null;
  }
  try {
    assertPermits(policy, session.actor);
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
    const frame = frameFor(request, config, session);
    await sendPage(reply, messagePage(frame, frame.m.t('error.title'), frame.m.t('error.forbidden')), 403);
    return null;
  }
  return session;
}

/** A form's CSRF token must be the session's; otherwise the page answers 403 and nothing happens. */
export async function requireCsrf(
  request: FastifyRequest,
  reply: FastifyReply,
  config: AppConfig,
  expected: string | undefined,
  session?: WebSession,
): Promise<boolean> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const given = typeof body._csrf === 'string' ? body._csrf : undefined;
  if (sameToken(given, expected)) return true;
  const frame = frameFor(request, config, session);
  await sendPage(reply, messagePage(frame, frame.m.t('error.title'), frame.m.t('error.csrf')), 403);
  return false;
}
