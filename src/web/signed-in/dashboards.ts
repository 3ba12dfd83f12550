import type { FastifyReply, FastifyRequest } from 'fastify';
import { WEB_POLICIES } from '../../auth/policies.js';
import { assertPermits } from '../../auth/policy.js';
import { BaselinesArgs } from '../../baselines/dto/baselines.args.js';
import type { BaselinesService } from '../../baselines/baselines.service.js';
import type { AppConfig } from '../../common/config/app-config.js';
import type { ConcentrationService } from '../../incidents/concentration.service.js';
import { IncidentState } from '../../incidents/dto/incident-enums.js';
import { IncidentsArgs, SupplierConcentrationArgs } from '../../incidents/dto/incidents.args.js';
import type { ExposureService } from '../../incidents/exposure.service.js';
import type { IncidentsService } from '../../incidents/incidents.service.js';
import type { OrganizationsService } from '../../organizations/organizations.service.js';
import type { ProductDirectory } from '../../products/product-directory.js';
import { productParts } from '../product-parts.js';
import type { WebSession } from '../session/session.store.js';
import { STATES } from '../views/components.js';
import { agencyHomePage, supplierHomePage } from '../views/dashboards.views.js';
import { frameFor, sendPage } from '../web-request.js';

export interface DashboardDeps {
  readonly config: AppConfig;
  readonly directory: ProductDirectory;
  readonly incidents: IncidentsService;
  readonly exposure: ExposureService;
  readonly concentration: ConcentrationService;
  readonly organizations: OrganizationsService;
  readonly baselines: BaselinesService;
}

type Page = (request: FastifyRequest, session: WebSession, reply: FastifyReply) => Promise<unknown>;

/** The supplier's and the agency's /my pages, over the same services as the API. */
export function dashboards(deps: DashboardDeps): { supplier: Page; agency: Page } {
  const { config } = deps;
  return {
    async supplier(request, session, reply) {
      const { actor } = session;
      assertPermits(WEB_POLICIES.supplierPage, actor);
      const found = await deps.directory.search(actor, {
        supplierUuid: actor.organizationId,
        page: 1,
        pageSize: 100,
      });
      const incidents = await deps.incidents.list(actor, Object.assign(new IncidentsArgs(), { first: 20 }));
      return sendPage(
        reply,
        supplierHomePage(frameFor(request, config, session), {
          organizationName: session.organizationName,
          products: found.products.map(productParts),
          incidents: incidents.edges
            .map((e) => e.node)
            .filter((i) => i.supplierUuid === actor.organizationId),
        }),
      );
    },

    async agency(request, session, reply) {
      const { actor } = session;
      assertPermits(WEB_POLICIES.agencyPage, actor);
      const counts = await Promise.all(
        STATES.map((state) => deps.directory.search(actor, { state, page: 1, pageSize: 1 })),
      );
      const concentration = await deps.concentration.list(
        actor,
        Object.assign(new SupplierConcentrationArgs(), { first: 20 }),
      );
      const suppliers = await deps.organizations
        .loader(actor)
        .loadMany(concentration.edges.map((e) => e.node.supplierUuid));
      const open = await deps.incidents.list(
        actor,
        Object.assign(new IncidentsArgs(), { state: IncidentState.OPEN, first: 20 }),
      );
      const incidents = open.edges.map((e) => e.node);
      const loader = deps.exposure.rowsLoader(actor);
      const rows = await Promise.all(incidents.map((i) => loader.load(i)));
      const baselines = await deps.baselines.list(actor, Object.assign(new BaselinesArgs(), { first: 20 }));
      return sendPage(
        reply,
        agencyHomePage(frameFor(request, config, session), {
          organizationName: session.organizationName,
          byState: new Map(STATES.map((state, i) => [state, counts[i].total])),
          concentration: concentration.edges.map((e, i) => {
            const supplier = suppliers[i];
            return {
              supplierName: supplier && !(supplier instanceof Error) ? supplier.name : '',
              dependents: e.node.dependents,
              share: e.node.share,
            };
          }),
          incidents: incidents.map((incident, i) => {
            const dueAts = deps.exposure.deadlines(actor, incident, rows[i]).map((d) => d.dueAt.getTime());
            return {
              incident,
              exposed: new Set(rows[i].map((row) => row.subscriber_id)).size,
              earliest: dueAts.length ? new Date(Math.min(...dueAts)) : null,
            };
          }),
          baselines: baselines.edges.map((e) => e.node),
        }),
      );
    },
  };
}
