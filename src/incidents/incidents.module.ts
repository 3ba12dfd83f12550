import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { ProductsModule } from '../products/products.module.js';
import { StatusModule } from '../status/status.module.js';
import { ConcentrationResolver } from './concentration.resolver.js';
import { ConcentrationService } from './concentration.service.js';
import { ExposureResolver, IncidentDeadlineResolver } from './exposure.resolver.js';
import { ExposureService } from './exposure.service.js';
import { IncidentReadsModule } from './incident-reads.module.js';
import { IncidentWritesService } from './incident-writes.service.js';
import { IncidentEntity, IncidentProductEntity } from './incident.entity.js';
import { IncidentsResolver } from './incidents.resolver.js';
import { RegistryEventIncidentResolver } from './registry-event-incident.resolver.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([IncidentEntity, IncidentProductEntity]),
    IncidentReadsModule,
    OrganizationsModule,
    ProductsModule,
    StatusModule,
  ],
  providers: [
    IncidentWritesService,
    ExposureService,
    ConcentrationService,
    IncidentsResolver,
    ExposureResolver,
    IncidentDeadlineResolver,
    RegistryEventIncidentResolver,
    ConcentrationResolver,
  ],
  exports: [IncidentReadsModule, IncidentWritesService, ExposureService, ConcentrationService],
})
export class IncidentsModule {}
