import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { RegistryEvent } from '../events/dto/registry-event.model.js';
import { Incident } from './dto/incident.model.js';
import { IncidentsService } from './incidents.service.js';

/** The incident an event is about, batched over the page of events; null if the caller may not see it. */
@Resolver(() => RegistryEvent)
export class RegistryEventIncidentResolver {
  constructor(private readonly incidents: IncidentsService) {}

  @ResolveField(() => Incident, {
    nullable: true,
    description: 'The incident the event is about; null when it concerns none or you may not see it.',
  })
  incident(@CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders, @Parent() event: RegistryEvent) {
    if (!event.incidentUuid) return null;
    return loaders.get('visibleIncident', () => this.incidents.visibleLoader(actor)).load(event.incidentUuid);
  }
}
