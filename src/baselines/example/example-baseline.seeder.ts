import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, OrganizationKind, Role } from '../../common/actor.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { APP_CONFIG } from '../../common/config/config.constants.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { ConflictError } from '../../common/errors/domain-error.js';
import { seedReferenceData } from '../../organizations/seed/reference-data.js';
import { BaselineLifecycleService } from '../baseline-lifecycle.service.js';
import { prefixPath } from '../requirement.rules.js';
import { EXAMPLE_BASELINE } from './example-baseline.js';

/** The subject written to the audit trail for what the registry does by itself. */
export const SYSTEM_SUBJECT = 'system';

/**
 * A new installation shows a working registry: on a database without any baseline (and unless
 * SEED_EXAMPLE_BASELINE=false) the example baseline is loaded and published, through the ordinary
 * write path, so it is audited as done by the agency's `system` subject.
 */
@Injectable()
export class ExampleBaselineSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExampleBaselineSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly lifecycle: BaselineLifecycleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedExampleBaseline) return;
    const [{ any }] = await this.dataSource.query<{ any: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM baseline) AS any`,
    );
    if (any) return;
    if ((await this.load()) === 'loaded') {
      this.logger.log(`Loaded the example baseline ${EXAMPLE_BASELINE.key} ${EXAMPLE_BASELINE.version}`);
    }
  }

  /** Loads and publishes the example unless its version exists; safe to call again (and concurrently). */
  async load(): Promise<'loaded' | 'present'> {
    const actor = await this.systemActor();
    const [{ present }] = await this.dataSource.query<{ present: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM baseline WHERE key = $1 AND version = $2) AS present`,
      [EXAMPLE_BASELINE.key, EXAMPLE_BASELINE.version],
    );
    if (present) return 'present';
    try {
      await this.unitOfWork.run(actor, async (tx) => {
        const draft = await this.lifecycle.createDraft(
          actor,
          {
            ...EXAMPLE_BASELINE,
            at: prefixPath('example'),
            requirements: EXAMPLE_BASELINE.requirements.map((raw, i) => ({
              raw,
              at: prefixPath(`example.requirements.${i}`),
            })),
            requirementsPath: 'example.requirements',
            fromBaselineId: null,
          },
          tx,
        );
        await this.lifecycle.publish(actor, draft.id, {}, tx);
      });
      return 'loaded';
    } catch (error) {
      // Another instance loaded it at the same moment.
      if (error instanceof ConflictError) return 'present';
      throw error;
    }
  }

  private async systemActor(): Promise<Actor> {
    const find = () =>
      this.dataSource.query<{ id: string }[]>(`SELECT id FROM organization WHERE kind = 'AGENCY'`);
    let [agency] = await find();
    if (!agency) {
      // Bootstrap hooks of feature modules may run before the reference data seeder of the root.
      await seedReferenceData(this.dataSource, this.config.agency);
      [agency] = await find();
    }
    return {
      subject: SYSTEM_SUBJECT,
      organizationId: agency.id,
      organizationKind: OrganizationKind.AGENCY,
      roles: [Role.ADMIN],
    };
  }
}
