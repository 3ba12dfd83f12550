import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AppConfig } from './config/app-config.js';
import { APP_CONFIG } from './config/config.constants.js';
import { TransactionHooksExplorer } from './database/transaction-hooks.js';
import { UnitOfWork } from './database/unit-of-work.js';

/**
 * The cross-cutting pieces every feature module may inject: config, the write path.
 * The DataSource they use comes from DatabaseModule (src/database), imported beside this one.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [DiscoveryModule],
      providers: [{ provide: APP_CONFIG, useValue: config }, TransactionHooksExplorer, UnitOfWork],
      exports: [APP_CONFIG, UnitOfWork],
    };
  }
}
