import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { ProductsModule } from '../products/products.module.js';
import { PortalRoutes } from './portal.routes.js';

/**
 * The web portal (issue 14): server-rendered pages over the same services and permission table
 * as the API. A transport layer like GraphQL: it depends on the features, never the reverse.
 */
@Module({
  imports: [ProductsModule, OrganizationsModule, EvidenceModule],
  providers: [PortalRoutes],
})
export class WebModule {}
