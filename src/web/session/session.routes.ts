import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Role } from '../../common/actor.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { isUuid } from '../../common/graphql/global-id.js';
import { OrganizationsArgs } from '../../organizations/dto/organizations.args.js';
import type { OrganizationsService } from '../../organizations/organizations.service.js';
import { PUBLIC_VISITOR } from '../public-visitor.js';
import { signInPage } from '../views/sign-in.views.js';
import { frameFor, queryText, safeNext, sendPage } from '../web-request.js';
import { cookieOptions, requireCsrf, sessionCookie } from './session-guard.js';
import { newToken, type SessionStore } from './session.store.js';

export interface SessionRouteDeps {
  readonly config: AppConfig;
  readonly store: SessionStore;
  readonly organizations: OrganizationsService;
}

/** The pre-session form token (double-submit cookie) of the sign-in form: no login CSRF. */
const SIGN_IN_CSRF = 'registry_sign_in_csrf';

type Form = Record<string, string | string[] | undefined>;

/**
 * Sign-in page, development sign-in (never in production), sign-out. OpenID Connect sign-in
 * registers its own two routes (oidc.routes.ts) when configured.
 */
export function registerSessionRoutes(scope: FastifyInstance, deps: SessionRouteDeps): void {
  const { config, store } = deps;
  const devSignIn = config.env !== 'production';

  scope.get('/sign-in', async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
    const next = safeNext(request.query.next);
    let dev;
    if (devSignIn) {
      const csrfToken = newToken();
      reply.setCookie(SIGN_IN_CSRF, csrfToken, { ...cookieOptions(config), maxAge: 3600 });
      const search = queryText(request.query.q) ?? '';
      const list = await deps.organizations.list(
        PUBLIC_VISITOR,
        Object.assign(new OrganizationsArgs(), { search: search || null, first: 100 }),
      );
      dev = { csrfToken, search, organizations: list.edges.map((edge) => edge.node) };
    }
    const view = {
      next,
      expired: request.query.expired === '1',
      oidc: config.portal.oidc !== undefined,
      dev,
    };
    return sendPage(reply, signInPage(frameFor(request, config), view));
  });

  scope.post('/sign-in/dev', async (request: FastifyRequest<{ Body: Form }>, reply) => {
    if (!devSignIn) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Not found' } });
    if (!(await requireCsrf(request, reply, config, request.cookies[SIGN_IN_CSRF]))) return reply;
    const body = request.body ?? {};
    const organizationUuid = typeof body.organization === 'string' ? body.organization : '';
    const organization = isUuid(organizationUuid)
      ? await deps.organizations.findByUuid(PUBLIC_VISITOR, organizationUuid)
      : null;
    const given = ([] as (string | undefined)[]).concat(body.roles ?? []);
    const roles = Object.values(Role).filter((role) => given.includes(role));
    if (!organization || roles.length === 0) return reply.redirect('/sign-in', 303);
    const token = await store.create(`dev:${organization.uuid}:${roles.join('+')}`, organization.uuid, roles);
    reply.clearCookie(SIGN_IN_CSRF, { path: '/' });
    reply.setCookie(sessionCookie(config), token, cookieOptions(config));
    return reply.redirect(safeNext(body.next) === '/' ? '/my' : safeNext(body.next), 303);
  });

  scope.post('/sign-out', async (request: FastifyRequest<{ Body: Form }>, reply) => {
    const token = request.cookies[sessionCookie(config)];
    const session = await store.touch(token);
    if (session) {
      if (!(await requireCsrf(request, reply, config, session.csrfToken, session))) return reply;
      await store.destroy(token);
    }
    reply.clearCookie(sessionCookie(config), { path: '/' });
    return reply.redirect('/', 303);
  });
}
