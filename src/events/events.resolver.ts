import { Args, Context, Query, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import { type RequestContext, RequestLoaders } from '../common/graphql/request-context.js';
import {
  EventsArgs,
  RegistryEvent,
  RegistryEventConnection,
  RegistryEventsArgs,
} from './dto/registry-event.model.js';
import { EventsService } from './events.service.js';
import { LIVE_EVENTS_TOPIC, type LiveEvent, liveEventRow, liveEventVisibleTo } from './live/live-events.js';
import { toRegistryEvent } from './registry-event.mapper.js';

interface LivePayload {
  readonly registryEvents: LiveEvent;
}

interface PubSub {
  subscribe(topic: string): unknown;
}

@Resolver(() => RegistryEvent)
export class EventsResolver {
  constructor(private readonly service: EventsService) {}

  @Query(() => RegistryEventConnection, { description: 'Events the caller may see, newest first.' })
  @Allow(POLICIES.events)
  events(@CurrentActor() actor: Actor, @Args() args: EventsArgs) {
    return this.service.list(actor, args);
  }

  @Subscription(() => RegistryEvent, {
    description: 'Events as they happen, for what the caller may see.',
    filter: (payload: LivePayload, variables: RegistryEventsArgs, context: RequestContext) => {
      const event = payload.registryEvents;
      if (variables.types?.length && !variables.types.includes(event.type)) return false;
      return context.actor !== undefined && liveEventVisibleTo(context.actor, event);
    },
    resolve: (payload: LivePayload, _args: unknown, context: RequestContext) => {
      // Each event is its own "request": field resolvers batch per event, never cache across them.
      context.loaders = new RequestLoaders();
      return toRegistryEvent(liveEventRow(payload.registryEvents));
    },
  })
  @Allow(POLICIES.registryEvents)
  registryEvents(@Args() _args: RegistryEventsArgs, @Context('pubsub') pubsub: PubSub) {
    return pubsub.subscribe(LIVE_EVENTS_TOPIC);
  }
}
