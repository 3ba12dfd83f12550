import { Module } from '@nestjs/common';
import { BaselineLifecycleService } from './baseline-lifecycle.service.js';
import { BaselinesResolver } from './baselines.resolver.js';
import { BaselinesService } from './baselines.service.js';
import { ExampleBaselineSeeder } from './example/example-baseline.seeder.js';
import { OscalController } from './oscal/oscal.controller.js';
import { OscalProfileService } from './oscal/oscal-profile.service.js';
import { OscalRoutes } from './oscal/oscal.routes.js';
import { RegistryEventBaselineResolver } from './registry-event-baseline.resolver.js';
import { RequirementCache } from './requirement-cache.js';
import { RequirementParametersResolver, RequirementsResolver } from './requirements.resolver.js';
import { RequirementsService } from './requirements.service.js';

/**
 * Baselines: the agency's versioned requirement catalogs. Other modules use BaselinesService
 * (`requirementsByIds`, `requirementLoader`, `baselineLoader`, `applicableRequirements`, `current`)
 * and RequirementCache (the requirements of published baselines, kept in memory for hot paths).
 */
@Module({
  controllers: [OscalController],
  providers: [
    BaselinesService,
    BaselineLifecycleService,
    RequirementsService,
    BaselinesResolver,
    RequirementsResolver,
    RequirementParametersResolver,
    RegistryEventBaselineResolver,
    ExampleBaselineSeeder,
    RequirementCache,
    OscalProfileService,
    OscalRoutes,
  ],
  exports: [BaselinesService, RequirementCache],
})
export class BaselinesModule {}
