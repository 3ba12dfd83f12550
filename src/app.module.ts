import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { graphqlOptions } from './api/graphql/graphql.options.js';
import { GraphqlApiModule } from './api/graphql/graphql-api.module.js';
import { AssessmentsModule } from './assessments/assessments.module.js';
import { AttestationsModule } from './attestations/attestations.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AuthService } from './auth/auth.service.js';
import { BaselinesModule } from './baselines/baselines.module.js';
import type { AppConfig } from './common/config/app-config.js';
import { APP_CONFIG } from './common/config/config.constants.js';
import { CoreModule } from './common/core.module.js';
import { HttpErrorFilter } from './common/errors/http-exception.filter.js';
import { DatabaseModule } from './database/database.module.js';
import { EventsModule } from './events/events.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { LiveEmitter } from './events/live/live-emitter.js';
import { HealthModule } from './health/health.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { ProductsModule } from './products/products.module.js';
import { OscalExchangeModule } from './oscal/oscal-exchange.module.js';
import { StatementsModule } from './statements/statements.module.js';
import { StatusModule } from './status/status.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';
import { WebModule } from './web/web.module.js';
import { ReferenceDataSeeder } from './organizations/seed/reference-data.seeder.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot(config, databaseUrl),
        CoreModule.forRoot(config),
        IdempotencyModule,
        AuthModule,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          inject: [APP_CONFIG, AuthService, LiveEmitter],
          useFactory: (appConfig: AppConfig, auth: AuthService, live: LiveEmitter) =>
            graphqlOptions(appConfig, auth, live.emitter),
        }),
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
        HealthModule,
        GraphqlApiModule,
        WebModule,
      ],
      providers: [ReferenceDataSeeder, { provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
