import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';
import type { AuthService } from '../../auth/auth.service.js';
import { claimsOf } from '../../auth/token-verifier.service.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { messagePage } from '../views/layout.js';
import { frameFor, safeNext, sendPage } from '../web-request.js';
import { cookieOptions, sessionCookie } from './session-guard.js';
import type { SessionStore } from './session.store.js';

export interface OidcRouteDeps {
  readonly config: AppConfig;
  readonly store: SessionStore;
  readonly auth: AuthService;
}

type OidcSettings = NonNullable<AppConfig['portal']['oidc']>;

/** Binds the identity provider's answer to the browser that asked (SameSite=Lax: sent on the redirect back). */
const SIGN_IN_COOKIE = 'registry_oidc';
export const OIDC_CALLBACK_PATH = '/sign-in/oidc/callback';

/**
 * OpenID Connect sign-in (authorization code with PKCE, state and nonce) with `openid-client`.
 * The organisation and roles come from the same claims as API tokens (`org`, `roles`; from the
 * ID token, else from UserInfo) and are resolved by the same AuthService; the session is the
 * development sign-in's (SessionStore). Registered only when OIDC_* is configured.
 */
export function registerOidcRoutes(
  scope: FastifyInstance,
  deps: OidcRouteDeps,
  settings: OidcSettings,
): void {
  const { config, store } = deps;
  const redirectUri = `${config.publicUrl}${OIDC_CALLBACK_PATH}`;
  let discovered: Promise<oidc.Configuration> | undefined;
  const provider = (): Promise<oidc.Configuration> => {
    discovered ??= discover(settings).catch((error: unknown) => {
      discovered = undefined; // try again on the next sign-in
      throw error;
    });
    return discovered;
  };

  scope.get(
    '/sign-in/oidc',
    async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
      const server = await provider();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const token = await store.beginSignIn({
        codeVerifier,
        state,
        nonce,
        next: safeNext(request.query.next),
      });
      reply.setCookie(SIGN_IN_COOKIE, token, { ...cookieOptions(config), maxAge: 600 });
      const url = oidc.buildAuthorizationUrl(server, {
        redirect_uri: redirectUri,
        scope: 'openid',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return reply.redirect(url.href, 303);
    },
  );

  scope.get(OIDC_CALLBACK_PATH, async (request, reply) => {
    const pending = await store.takeSignIn(request.cookies[SIGN_IN_COOKIE]);
    reply.clearCookie(SIGN_IN_COOKIE, { path: '/' });
    if (!pending) return refuse(request, reply, config, 'signIn.oidcFailed');
    const server = await provider();
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    let payload: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(server, new URL(`${redirectUri}${query}`), {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      payload = { ...idClaims };
      if (payload.org === undefined || payload.roles === undefined) {
        // Providers that follow OIDC Core 5.4 strictly give scope claims through UserInfo only.
        payload = { ...(await oidc.fetchUserInfo(server, tokens.access_token, idClaims.sub)), ...payload };
      }
    } catch (error) {
      request.log.warn({ err: error }, 'OpenID Connect sign-in refused');
      return refuse(request, reply, config, 'signIn.oidcFailed');
    }
    let actor;
    try {
      // A fresh sign-in: revocations of tokens issued before it do not apply to it.
      const issuedAt = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000);
      actor = await deps.auth.actorOf({ ...claimsOf(payload), issuedAt });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      request.log.warn({ err: error }, 'OpenID Connect sign-in without a known organisation or role');
      return refuse(request, reply, config, 'signIn.oidcUnknown');
    }
    const token = await store.create(actor.subject, actor.organizationId, actor.roles);
    reply.setCookie(sessionCookie(config), token, cookieOptions(config));
    return reply.redirect(pending.next === '/' ? '/my' : pending.next, 303);
  });
}

async function discover(settings: OidcSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  // Plain http is accepted by the configuration outside production only (a local provider).
  const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
  return oidc.discovery(issuer, settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
    execute,
    timeout: 10,
  });
}

function refuse(
  request: FastifyRequest,
  reply: FastifyReply,
  config: AppConfig,
  key: 'signIn.oidcFailed' | 'signIn.oidcUnknown',
): FastifyReply {
  const frame = frameFor(request, config);
  return sendPage(reply, messagePage(frame, frame.m.t('signIn.title'), frame.m.t(key)), 403);
}
