import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { RegistryEvent } from '../events/dto/registry-event.model.js';
import { BaselinesService } from './baselines.service.js';
import { Baseline } from './dto/baseline.model.js';

/** The baseline an event is about (BASELINE_PUBLISHED), batched over the page of events. */
@Resolver(() => RegistryEvent)
export class RegistryEventBaselineResolver {
  constructor(private readonly baselines: BaselinesService) {}

  @ResolveField(() => Baseline, {
    nullable: true,
    description: 'The baseline the event is about; null when it concerns none.',
  })
  baseline(@CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders, @Parent() event: RegistryEvent) {
    if (!event.baselineUuid) return null;
    return loaders.get('baseline', () => this.baselines.baselineLoader(actor)).load(event.baselineUuid);
  }
}
