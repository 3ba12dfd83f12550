import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import type { AssessmentsService } from '../../assessments/assessments.service.js';
import type { AttestationsService } from '../../attestations/attestations.service.js';
import { readSections } from '../../common/database/sql-sections.js';
import type { Clock } from '../../events/clock.js';
import type { EvidenceService } from '../../evidence/evidence.service.js';
import { WEB_POLICIES } from '../../auth/policies.js';
import { assertPermits } from '../../auth/policy.js';
import type { BaselinesService } from '../../baselines/baselines.service.js';
import type { AppConfig } from '../../common/config/app-config.js';
import type { ConcentrationService } from '../../incidents/concentration.service.js';
import { IncidentState } from '../../incidents/dto/incident.enum.js';
import type { ExposureService } from '../../incidents/exposure.service.js';
import type { IncidentsService } from '../../incidents/incidents.service.js';
import type { ProductDirectory } from '../../products/product-directory.js';
import { productParts } from '../product-parts.js';
import type { WebSession } from '../session/session.store.js';
import { agencyHomePage } from '../views/dashboards.views.js';
import { supplierHomePage } from '../views/supplier.views.js';
import { frameFor, sendPage } from '../web-request.js';

export interface DashboardDeps {
  readonly config: AppConfig;
  readonly directory: ProductDirectory;
  readonly incidents: IncidentsService;
  readonly exposure: ExposureService;
  readonly concentration: ConcentrationService;
  readonly baselines: BaselinesService;
  readonly dataSource: DataSource;
  readonly attestations: AttestationsService;
  readonly assessments: AssessmentsService;
  readonly evidence: EvidenceService;
  readonly clock: Clock;
}

type Page = (request: FastifyRequest, session: WebSession, reply: FastifyReply) => Promise<unknown>;

/** The supplier's and the agency's /my pages, over the same services as the API. */
export function dashboards(deps: DashboardDeps): { supplier: Page; agency: Page } {
  const { config } = deps;
  return {
    async supplier(request, session, reply) {
      const { actor } = session;
      assertPermits(WEB_POLICIES.supplierPage, actor);
      // Every section in one statement; each service reads only the caller's own products.
      const read = await readSections(deps.dataSource, {
        products: deps.directory.searchSection(actor, {
          supplierUuid: actor.organizationId,
          page: 1,
          pageSize: 100,
        }),
        gaps: deps.attestations.gapsSection(actor),
        expiring: deps.evidence.expiringSection(actor, deps.clock.now(), 30),
        assessments: deps.assessments.openOfOwnProductsSection(actor),
        incidents: deps.incidents.listSection(actor, { first: 20 }),
      });
      return sendPage(
        reply,
        supplierHomePage(frameFor(request, config, session), {
          organizationName: session.organizationName,
          products: read.products.products.map(productParts),
          gaps: read.gaps,
          expiring: read.expiring,
          assessments: read.assessments,
          incidents: read.incidents.filter((i) => i.supplierUuid === actor.organizationId),
        }),
      );
    },

    async agency(request, session, reply) {
      const { actor } = session;
      assertPermits(WEB_POLICIES.agencyPage, actor);
      // One statement for every section, then one for the exposure of the open incidents.
      const read = await readSections(deps.dataSource, {
        byState: deps.directory.stateCountsSection(actor),
        concentration: deps.concentration.topSection(actor, 20),
        incidents: deps.incidents.listSection(actor, { state: IncidentState.OPEN, first: 20 }),
        baselines: deps.baselines.listSection(actor, 50),
      });
      const loader = deps.exposure.rowsLoader(actor);
      const rows = await Promise.all(read.incidents.map((i) => loader.load(i)));
      return sendPage(
        reply,
        agencyHomePage(frameFor(request, config, session), {
          organizationName: session.organizationName,
          byState: read.byState,
          concentration: read.concentration,
          incidents: read.incidents.map((incident, i) => {
            const dueAts = deps.exposure.deadlines(actor, incident, rows[i]).map((d) => d.dueAt.getTime());
            return {
              incident,
              exposed: new Set(rows[i].map((row) => row.subscriber_id)).size,
              earliest: dueAts.length ? new Date(Math.min(...dueAts)) : null,
            };
          }),
          baselines: read.baselines,
        }),
      );
    },
  };
}
