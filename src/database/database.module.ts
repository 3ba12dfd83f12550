import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../common/config/app-config.js';
import { guardPoolClientErrors } from '../common/database/pool-client-errors.js';
import { appConnection, dataSourceOptions } from './data-source.js';
import { runMigrations } from './run-migrations.js';

const poolLogger = new Logger('Database');

/** The connection pool (TypeORM's DataSource, global): every entity, migrations applied first. */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
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
    };
  }
}
