import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from './clock.js';
import { EventsResolver } from './events.resolver.js';
import { EventsService } from './events.service.js';
import { LiveEmitter } from './live/live-emitter.js';
import { LiveEvents } from './live/live-events.js';
import { RegistryEventEntity, RegistryEventRecipientEntity } from './registry-event.entity.js';
import { EventScheduler } from './scheduler/event-scheduler.js';
import { ScheduledEventMarkEntity } from './scheduler/scheduled-event-mark.entity.js';
import { WebhookDeliveryEntity, WebhookEntity } from './webhooks/webhook.entity.js';
import { WebhookWorker } from './webhooks/webhook-worker.js';
import { WebhooksResolver } from './webhooks/webhooks.resolver.js';
import { WebhooksService } from './webhooks/webhooks.service.js';

/** Global so every module records events by injecting EventsService. */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    TypeOrmModule.forFeature([
      RegistryEventEntity,
      RegistryEventRecipientEntity,
      WebhookEntity,
      WebhookDeliveryEntity,
      ScheduledEventMarkEntity,
    ]),
  ],
  providers: [
    Clock,
    LiveEmitter,
    LiveEvents,
    EventsService,
    EventsResolver,
    WebhooksService,
    WebhooksResolver,
    WebhookWorker,
    EventScheduler,
  ],
  exports: [Clock, LiveEmitter, EventsService, EventScheduler],
})
export class EventsModule {}
