import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { readSections } from '../../common/database/sql-sections.js';
import { POLICIES, WEB_POLICIES } from '../../auth/policies.js';
import { assertPermits, permits } from '../../auth/policy.js';
import { isAgency, isCustomer, OrganizationKind } from '../../common/actor.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { HTTP_STATUS } from '../../common/errors/http-exception.filter.js';
import type { EventsService } from '../../events/events.service.js';
import { IncidentState } from '../../incidents/dto/incident.enum.js';
import type { ExposureService } from '../../incidents/exposure.service.js';
import type { IncidentsService } from '../../incidents/incidents.service.js';
import type { DirectoryPage, ProductDirectory } from '../../products/product-directory.js';
import { MySubscriptionsArgs } from '../../subscriptions/dto/subscriptions.args.js';
import type { SubscriptionsService } from '../../subscriptions/subscriptions.service.js';
import { productParts } from '../product-parts.js';
import { exportedProduct, toCsv } from '../registry/registry-export.js';
import { requireCsrf, requireSession } from '../session/session-guard.js';
import type { SessionStore, WebSession } from '../session/session.store.js';
import { messagePage } from '../views/layout.js';
import { municipalityPage } from '../views/municipality.views.js';
import { frameFor, sendPage } from '../web-request.js';

export interface MyRouteDeps {
  readonly config: AppConfig;
  readonly store: SessionStore;
  readonly directory: ProductDirectory;
  readonly subscriptions: SubscriptionsService;
  readonly incidents: IncidentsService;
  readonly exposure: ExposureService;
  readonly events: EventsService;
  readonly dataSource: DataSource;
  /** The supplier's and the agency's pages, when registered. */
  readonly pages?: Partial<
    Record<'supplier' | 'agency', (r: FastifyRequest, s: WebSession, reply: FastifyReply) => Promise<unknown>>
  >;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;
type Form = Record<string, string | string[] | undefined>;

/** /my and its actions: the page follows the organisation's kind; actions use the API's policies. */
export function registerMyRoutes(scope: FastifyInstance, deps: MyRouteDeps): void {
  const { config, store } = deps;

  const subscriptionsOf = async (session: WebSession) => {
    const args = Object.assign(new MySubscriptionsArgs(), { first: 100 });
    const mine = await deps.subscriptions.mine(session.actor, args);
    return mine.edges.map((edge) => productParts(edge.node.product));
  };

  const municipality = async (request: FastifyRequest, session: WebSession, reply: FastifyReply) => {
    const { actor } = session;
    const canEdit = permits(POLICIES.subscribeToProduct, actor);
    const since = session.previousVisitAt ?? new Date(Date.now() - WEEK_MS);
    // Every section in one statement, then one for the exposure of the open incidents.
    const read = await readSections(deps.dataSource, {
      subscriptions: deps.subscriptions.mineSection(actor, 100),
      incidents: deps.incidents.listSection(actor, { state: IncidentState.OPEN, first: 50 }),
      events: deps.events.listSection(actor, since, 20),
      ...(canEdit ? { catalogue: deps.directory.searchSection(actor, { page: 1, pageSize: 100 }) } : {}),
    });
    const products = read.subscriptions.map((subscription) => productParts(subscription.product));
    const exposure = deps.exposure.rowsLoader(actor); // one statement for every incident of the page
    const rows = await Promise.all(read.incidents.map((i) => exposure.load(i)));
    const subscribed = new Set(products.map((p) => p.product.uuid));
    const catalogue = (read as { catalogue?: DirectoryPage }).catalogue;
    return sendPage(
      reply,
      municipalityPage(frameFor(request, config, session), {
        organizationName: session.organizationName,
        csrfToken: session.csrfToken,
        products,
        changes: read.events,
        incidents: read.incidents
          .map((incident, i) => ({ incident, deadlines: deps.exposure.deadlines(actor, incident, rows[i]) }))
          .filter((entry) => entry.deadlines.length > 0),
        candidates: catalogue ? catalogue.products.filter((p) => !subscribed.has(p.uuid)) : [],
        canEdit,
      }),
    );
  };

  scope.get('/my', async (request, reply) => {
    const session = await requireSession(request, reply, config, store, WEB_POLICIES.myPage);
    if (!session) return reply;
    const { actor } = session;
    if (isCustomer(actor)) return municipality(request, session, reply);
    const kind =
      actor.organizationKind === OrganizationKind.SUPPLIER ? 'supplier' : isAgency(actor) ? 'agency' : null;
    const page = kind ? deps.pages?.[kind] : undefined;
    if (page) return page(request, session, reply);
    const frame = frameFor(request, config, session);
    return sendPage(
      reply,
      messagePage(
        frame,
        frame.m.t('home.title'),
        frame.m.t('home.signedInAs', { org: session.organizationName }),
      ),
    );
  });

  scope.get('/my/products.csv', async (request, reply) => {
    const session = await requireSession(request, reply, config, store, WEB_POLICIES.customerPage);
    if (!session) return reply;
    const rows = (await subscriptionsOf(session)).map((parts) => exportedProduct(parts, config.publicUrl));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="our-products.csv"')
      .send(toCsv(rows, true));
  });

  const action =
    (
      run: (session: WebSession, productId: string) => Promise<unknown>,
      policy: (typeof POLICIES)[keyof typeof POLICIES],
    ) =>
    async (request: FastifyRequest<{ Body: Form }>, reply: FastifyReply) => {
      const session = await requireSession(request, reply, config, store, WEB_POLICIES.customerPage);
      if (!session) return reply;
      if (!(await requireCsrf(request, reply, config, session.csrfToken, session))) return reply;
      const product = typeof request.body?.product === 'string' ? request.body.product : '';
      try {
        assertPermits(policy, session.actor);
        await run(session, product);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const frame = frameFor(request, config, session);
        const status = HTTP_STATUS[error.code];
        const message = status === 403 ? frame.m.t('error.forbidden') : error.message;
        return sendPage(reply, messagePage(frame, frame.m.t('error.title'), message), status);
      }
      return reply.redirect('/my', 303);
    };

  scope.post(
    '/my/subscriptions',
    action(
      (s, productId) => deps.subscriptions.subscribe(s.actor, { productId }),
      POLICIES.subscribeToProduct,
    ),
  );
  scope.post(
    '/my/subscriptions/remove',
    action(
      (s, productId) => deps.subscriptions.unsubscribe(s.actor, productId),
      POLICIES.unsubscribeFromProduct,
    ),
  );
}
