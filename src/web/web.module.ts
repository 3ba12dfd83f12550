import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { AttestationsModule } from '../attestations/attestations.module.js';
import { BaselinesModule } from '../baselines/baselines.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { ProductsModule } from '../products/products.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { PortalRoutes } from './portal.routes.js';
import { SessionStore } from './session/session.store.js';

/**
 * The web portal (issue 14): server-rendered pages over the same services and permission table
 * as the API. A transport layer like GraphQL: it depends on the features, never the reverse.
 */
@Module({
  imports: [
    ProductsModule,
    OrganizationsModule,
    EvidenceModule,
    SubscriptionsModule,
    IncidentsModule,
    BaselinesModule,
    AttestationsModule,
    AssessmentsModule,
  ],
  providers: [PortalRoutes, SessionStore],
})
export class WebModule {}
