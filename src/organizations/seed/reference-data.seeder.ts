import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../common/config/app-config.js';
import { APP_CONFIG } from '../../common/config/config.constants.js';
import { seedReferenceData } from './reference-data.js';

/** Seeds the agency, municipalities and regions at every start; a no-op when they exist. */
@Injectable()
export class ReferenceDataSeeder implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await seedReferenceData(this.dataSource, this.config.agency);
  }
}
