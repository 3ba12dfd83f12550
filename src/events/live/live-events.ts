import { Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Actor } from '../../common/actor.js';
import { receives } from '../event-audience.js';
import type { RegistryEventType } from '../dto/registry-event-type.enum.js';
import type { RegistryEventRow } from '../registry-event.mapper.js';

/** The Mercurius pub/sub topic every live event travels on (Redis channel with REDIS_URL). */
export const LIVE_EVENTS_TOPIC = 'registry-events';

/** What travels on the topic: JSON-safe, since with Redis it crosses process boundaries. */
export interface LiveEvent {
  readonly id: string;
  readonly type: RegistryEventType;
  readonly occurredAt: string;
  readonly message: string;
  readonly productId: string | null;
  readonly baselineId: string | null;
  readonly incidentId: string | null;
  readonly audienceAll: boolean;
  readonly recipients: readonly string[];
}

interface PubSub {
  publish(event: { topic: string; payload: unknown }): Promise<void> | void;
}

/** Whether `actor` receives the live message: the one audience rule (event-audience.ts). */
export function liveEventVisibleTo(actor: Actor, event: LiveEvent): boolean {
  return receives(actor, event);
}

export function liveEventRow(event: LiveEvent): RegistryEventRow {
  return { ...event, occurredAt: new Date(event.occurredAt) };
}

/** Publishes committed events to subscribers on this and (through Redis) every other instance. */
@Injectable()
export class LiveEvents {
  private readonly logger = new Logger(LiveEvents.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async publish(events: readonly LiveEvent[]): Promise<void> {
    const pubsub = this.pubsub();
    if (!pubsub) return;
    for (const event of events) {
      try {
        await pubsub.publish({ topic: LIVE_EVENTS_TOPIC, payload: { registryEvents: event } });
      } catch (error) {
        // A lost live message is recoverable: clients catch up with events(since:).
        this.logger.warn(`live publish of event ${event.id} failed: ${String(error)}`);
      }
    }
  }

  private pubsub(): PubSub | undefined {
    const instance = this.adapterHost.httpAdapter?.getInstance<{ graphql?: { pubsub?: PubSub } }>();
    return instance?.graphql?.pubsub;
  }
}
