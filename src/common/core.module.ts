import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG } from './config/config.constants.js';
import { appConnection, dataSourceOptions } from './database/data-source.js';
import { runMigrations } from './database/run-migrations.js';
import { guardPoolClientErrors } from './database/pool-client-errors.js';
import { TransactionHooksExplorer } from './database/transaction-hooks.js';
import { UnitOfWork } from './database/unit-of-work.js';
import { IdempotencyService } from './idempotency/idempotency.service.js';
import { NodeRegistry } from './graphql/node-registry.js';
import { NodeResolver } from './graphql/node.resolver.js';

const poolLogger = new Logger('Database');

/** The cross-cutting pieces every feature module may inject: config, the write path, node lookup. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        DiscoveryModule,
        // Migrations run first as the owner (DATABASE_URL); the service then works as registry_app.
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            if (config.dbMigrate) await runMigrations(databaseUrl);
            return dataSourceOptions({
              ...appConnection(databaseUrl, config.databaseAppUrl),
              poolSize: config.dbPoolSize,
              migrate: false,
            });
          },
          // Every pooled client keeps an error listener: a database restart must never end the process.
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            guardPoolClientErrors(dataSource, (error) =>
              poolLogger.warn(`a database connection ended: ${error.message}`),
            );
            return dataSource;
          },
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        TransactionHooksExplorer,
        UnitOfWork,
        NodeRegistry,
        NodeResolver,
        IdempotencyService,
      ],
      exports: [APP_CONFIG, UnitOfWork, NodeRegistry, IdempotencyService],
    };
  }
}
