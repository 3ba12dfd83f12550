import { IdArgs } from '../../common/graphql/id.args.js';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor } from '../../auth/current-actor.decorator.js';
import { POLICIES } from '../../auth/policies.js';
import { Allow } from '../../auth/policy.js';
import type { Actor } from '../../common/actor.js';
import {
  RegisterWebhookArgs,
  Webhook,
  WebhookDeliveriesArgs,
  WebhookDeliveryConnection,
} from '../dto/webhook.model.js';
import { WebhooksService } from './webhooks.service.js';

@Resolver(() => Webhook)
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Query(() => [Webhook], { description: "The caller's organisation's webhooks (ADMIN)." })
  @Allow(POLICIES.webhooks)
  webhooks(@CurrentActor() actor: Actor) {
    return this.service.list(actor);
  }

  @Query(() => WebhookDeliveryConnection, {
    description:
      'Deliveries of one of your webhooks, newest first; status DEAD lists the dead-lettered ones.',
  })
  @Allow(POLICIES.webhookDeliveries)
  webhookDeliveries(@CurrentActor() actor: Actor, @Args() args: WebhookDeliveriesArgs) {
    return this.service.deliveries(actor, args);
  }

  @Mutation(() => Webhook, {
    description:
      'Signed (Standard Webhooks) POSTs of the given event types the organisation may see. The secret is shown only here.',
  })
  @Allow(POLICIES.registerWebhook)
  registerWebhook(@CurrentActor() actor: Actor, @Args() args: RegisterWebhookArgs) {
    return this.service.register(actor, args.input);
  }

  @Mutation(() => Boolean, {
    description:
      "Admin: remove one of the organisation's webhooks; nothing more is sent to it. NOT_FOUND for another organisation's.",
  })
  @Allow(POLICIES.removeWebhook)
  removeWebhook(@CurrentActor() actor: Actor, @Args() args: IdArgs) {
    return this.service.remove(actor, args.id);
  }
}
