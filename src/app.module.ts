import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { graphqlOptions } from './api/graphql/graphql.options.js';
import { GraphqlApiModule } from './api/graphql/graphql-api.module.js';
import { AuthService } from './auth/auth.service.js';
import type { AppConfig } from './common/config/app-config.js';
import { APP_CONFIG } from './common/config/config.constants.js';
import { HttpErrorFilter } from './common/errors/http-exception.filter.js';
import { LiveEmitter } from './events/live/live-emitter.js';
import { HealthModule } from './health/health.module.js';
import { WebModule } from './web/web.module.js';
import { ReferenceDataSeeder } from './organizations/seed/reference-data.seeder.js';
import { serviceImports } from './services.module.js';

/** The whole service: ServicesModule's imports with the HTTP, GraphQL and web layers on top. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...serviceImports(config, databaseUrl),
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          inject: [APP_CONFIG, AuthService, LiveEmitter],
          useFactory: (appConfig: AppConfig, auth: AuthService, live: LiveEmitter) =>
            graphqlOptions(appConfig, auth, live.emitter),
        }),
        HealthModule,
        GraphqlApiModule,
        WebModule,
      ],
      providers: [ReferenceDataSeeder, { provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
