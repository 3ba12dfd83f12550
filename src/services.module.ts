import { type DynamicModule, Module } from '@nestjs/common';
import { AssessmentsModule } from './assessments/assessments.module.js';
import { AttestationsModule } from './attestations/attestations.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BaselinesModule } from './baselines/baselines.module.js';
import type { AppConfig } from './common/config/app-config.js';
import { CoreModule } from './common/core.module.js';
import { DatabaseModule } from './database/database.module.js';
import { EventsModule } from './events/events.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { ReferenceDataSeeder } from './organizations/seed/reference-data.seeder.js';
import { OscalExchangeModule } from './oscal/oscal-exchange.module.js';
import { ProductsModule } from './products/products.module.js';
import { StatementsModule } from './statements/statements.module.js';
import { StatusModule } from './status/status.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';

type ModuleImport = NonNullable<DynamicModule['imports']>[number];

/**
 * Everything the service does, without a transport: the database layer and every feature module.
 * AppModule.forRoot puts HTTP, GraphQL and the web pages on top of this same list, so the two
 * compositions cannot drift apart.
 */
export function serviceImports(config: AppConfig, databaseUrl: string): ModuleImport[] {
  return [
    DatabaseModule.forRoot(config, databaseUrl),
    CoreModule.forRoot(config),
    IdempotencyModule,
    AuthModule,
    OrganizationsModule,
    AuditModule,
    EventsModule,
    BaselinesModule,
    ProductsModule,
    SubscriptionsModule,
    EvidenceModule,
    OscalExchangeModule,
    StatementsModule,
    AttestationsModule,
    IncidentsModule,
    StatusModule,
    AssessmentsModule,
  ];
}

/**
 * The services on the database without HTTP, GraphQL or web pages, for
 * `NestFactory.createApplicationContext`: the service-level tests (test/support/service-context.ts)
 * call the services with an actor. This file imports no transport, so loading it evaluates none.
 */
@Module({})
export class ServicesModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: ServicesModule,
      imports: serviceImports(config, databaseUrl),
      providers: [ReferenceDataSeeder],
    };
  }
}
