import { Controller, Get, Header, Param } from '@nestjs/common';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { POLICIES } from '../../auth/policies.js';
import { Allow } from '../../auth/policy.js';
import type { Actor } from '../../common/actor.js';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { BaselinesService } from '../baselines.service.js';
import { Tier } from '../dto/tier.enum.js';
import {
  type OscalCatalogDocument,
  type OscalProfileDocument,
  toOscalCatalog,
  toOscalProfile,
} from './oscal-export.js';

/**
 * OSCAL exports over plain HTTP, for GRC tools that fetch files. Same bearer token and the same
 * visibility as the `baseline` query (drafts only for the agency and assessors), hence its policy.
 */
@Controller('oscal/baselines')
export class OscalController {
  constructor(private readonly baselines: BaselinesService) {}

  @Get(':id/catalog.json')
  @Allow(POLICIES.baseline)
  @Header('content-type', 'application/json; charset=utf-8')
  async catalog(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<OscalCatalogDocument> {
    const baseline = await this.baselines.get(actor, id);
    return toOscalCatalog(baseline, await this.baselines.applicableRequirements(actor, baseline.uuid));
  }

  @Get(':id/profiles/:file')
  @Allow(POLICIES.baseline)
  @Header('content-type', 'application/json; charset=utf-8')
  async profile(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('file') file: string,
  ): Promise<OscalProfileDocument> {
    const tier = /^([A-Za-z]+)\.json$/.exec(file)?.[1].toUpperCase() as Tier | undefined;
    // An unknown tier is a file that does not exist, like an unknown baseline.
    if (!tier || !Object.values(Tier).includes(tier)) throw new NotFoundError('Profile');
    const baseline = await this.baselines.get(actor, id);
    const requirements = await this.baselines.applicableRequirements(actor, baseline.uuid);
    return toOscalProfile(baseline, requirements, tier, '../catalog.json');
  }
}
