import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DataSource } from 'typeorm';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { AttestationsService } from '../attestations/attestations.service.js';
import { Clock } from '../events/clock.js';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.constants.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { ProductDirectory } from '../products/product-directory.js';
import { ProductLoaders } from '../products/product-loaders.js';
import { ProductsService } from '../products/products.service.js';
import { EventsService } from '../events/events.service.js';
import { ExposureService } from '../incidents/exposure.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { SubscriptionsService } from '../subscriptions/subscriptions.service.js';
import { registerPublicRegistry } from './registry/public-registry.routes.js';
import { registerOidcRoutes } from './session/oidc.routes.js';
import { registerSessionRoutes } from './session/session.routes.js';
import { SessionStore } from './session/session.store.js';
import { dashboards } from './signed-in/dashboards.js';
import { registerMyRoutes } from './signed-in/my.routes.js';
import { AuthService } from '../auth/auth.service.js';
import { BaselinesService } from '../baselines/baselines.service.js';
import { ConcentrationService } from '../incidents/concentration.service.js';
import { messagePage } from './views/layout.js';
import { frameFor, safeNext, sendPage } from './web-request.js';
import { LANGUAGES } from './i18n/i18n.js';

const ASSETS = fileURLToPath(new URL('../../resources/web/', import.meta.url));

/** No inline script or style, nothing from elsewhere, no framing, forms only to this site. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/**
 * The web portal's transport: its own Fastify scope (cookies, assets, CSP; Nest's adapter already parses form bodies) above the
 * feature modules. Pages call the feature services with an actor, exactly as resolvers do.
 */
@Injectable()
export class PortalRoutes implements OnModuleInit {
  private readonly logger = new Logger('Portal');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: ProductDirectory,
    private readonly products: ProductsService,
    private readonly loaders: ProductLoaders,
    private readonly organizations: OrganizationsService,
    private readonly evidence: EvidenceService,
    private readonly store: SessionStore,
    private readonly subscriptions: SubscriptionsService,
    private readonly incidents: IncidentsService,
    private readonly exposure: ExposureService,
    private readonly events: EventsService,
    private readonly concentration: ConcentrationService,
    private readonly baselines: BaselinesService,
    private readonly auth: AuthService,
    private readonly dataSource: DataSource,
    private readonly attestations: AttestationsService,
    private readonly assessments: AssessmentsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(async (scope) => this.portal(scope));
  }

  private async portal(scope: FastifyInstance): Promise<void> {
    const config = this.config;
    await scope.register(cookie);
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('cross-origin-opener-policy', 'same-origin');
      if (config.env === 'production') {
        reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
      }
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });
    scope.setErrorHandler(async (error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
      const frame = frameFor(request, config);
      const message = status === 429 ? frame.m.t('error.rateLimited') : frame.m.t('error.title');
      return sendPage(reply, messagePage(frame, frame.m.t('error.title'), message), status);
    });
    await scope.register(fastifyStatic, {
      root: ASSETS,
      prefix: '/assets/',
      decorateReply: false,
      maxAge: '1h',
    });

    // The language switch: remembered in a cookie, then back to the page.
    scope.get<{ Params: { lang: string }; Querystring: { next?: string } }>(
      '/language/:lang',
      async (request, reply) => {
        const lang = LANGUAGES.find((l) => l === request.params.lang) ?? 'sv';
        reply.setCookie('lang', lang, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.env === 'production',
          maxAge: 365 * 24 * 3600,
        });
        return reply.redirect(safeNext(request.query.next), 303);
      },
    );

    registerSessionRoutes(scope, { config, store: this.store, organizations: this.organizations });
    if (config.portal.oidc) {
      registerOidcRoutes(scope, { config, store: this.store, auth: this.auth }, config.portal.oidc);
    }
    registerMyRoutes(scope, {
      config,
      store: this.store,
      directory: this.directory,
      subscriptions: this.subscriptions,
      incidents: this.incidents,
      exposure: this.exposure,
      events: this.events,
      dataSource: this.dataSource,
      pages: dashboards({
        config,
        directory: this.directory,
        incidents: this.incidents,
        exposure: this.exposure,
        concentration: this.concentration,
        baselines: this.baselines,
        dataSource: this.dataSource,
        attestations: this.attestations,
        assessments: this.assessments,
        evidence: this.evidence,
        clock: this.clock,
      }),
    });

    if (config.portal.publicRegistry) {
      await scope.register(async (publicScope) => {
        await publicScope.register(rateLimit, {
          max: config.portal.publicRateLimitPerMinute,
          timeWindow: 60_000,
          keyGenerator: (request) => request.ip,
        });
        registerPublicRegistry(publicScope, {
          config,
          directory: this.directory,
          products: this.products,
          loaders: this.loaders,
          organizations: this.organizations,
          evidence: this.evidence,
        });
      });
    } else {
      scope.get('/', async (_request, reply) => reply.redirect('/sign-in', 303));
    }
  }
}
