import {
  ArgsType,
  Field,
  GraphQLISODateTime,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Connection, ConnectionArgs } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { DeliveryStatus } from '../webhooks/webhook.entity.js';
import { RegistryEventType } from './registry-event-type.enum.js';
import { RegistryEvent } from './registry-event.model.js';
import { IdField } from '../../common/graphql/id-field.js';

registerEnumType(DeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where one delivery of an event to a webhook stands.',
  valuesMap: {
    PENDING: { description: 'Not yet delivered; retried with backoff.' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    DEAD: { description: 'Gave up after about three days of failures (dead-lettered).' },
    CANCELLED: { description: 'Not sent: the receiver answered 410 Gone and the webhook was disabled.' },
  },
});

@ObjectType('Webhook', {
  implements: () => [Node],
  description:
    'Deliveries are POSTed as JSON with an HMAC-SHA256 signature header over timestamp and body, retried with backoff.',
})
export class Webhook implements Node {
  @Field(() => ID, { description: 'Opaque id; use it in webhookDeliveries and removeWebhook.' })
  id: string;

  @Field({ description: 'Where the events are POSTed.' })
  url: string;

  @Field(() => [RegistryEventType], { description: 'The event types sent to it.' })
  eventTypes: RegistryEventType[];

  @Field(() => GraphQLISODateTime, { description: 'When it was registered.' })
  createdAt: Date;

  @Field(() => String, { nullable: true, description: 'Shown once, when the webhook is registered.' })
  secret: string | null;

  @Field({ description: 'False once the receiver answered 410 Gone; register again to resume.' })
  active: boolean;

  @Field(() => String, { nullable: true, description: 'Why it was disabled; null while active.' })
  disabledReason: string | null;
}

@ObjectType('WebhookDelivery', {
  description: 'One event sent (or being sent) to one webhook, with its attempts.',
})
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also the `webhook-id` header, the same on every attempt.' })
  id: string;

  @Field(() => RegistryEvent, { description: 'The event delivered.' })
  event: RegistryEvent;

  @Field(() => DeliveryStatus, { description: 'Pending, delivered, dead or cancelled.' })
  status: DeliveryStatus;

  @Field(() => Int, { description: 'How many times it has been sent so far.' })
  attempts: number;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it will be retried; null when no retry is planned.',
  })
  nextAttemptAt: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it was last sent; null before the first attempt.',
  })
  lastAttemptAt: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The HTTP status the receiver last answered; null when none (e.g. a timeout).',
  })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed; null when it did not.' })
  lastError: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the receiver accepted it (2xx); null before.',
  })
  deliveredAt: Date | null;

  @Field(() => GraphQLISODateTime, { description: 'When the delivery was queued.' })
  createdAt: Date;
}

export const WebhookDeliveryConnection = Connection(WebhookDelivery, 'WebhookDelivery');

export const MAX_WEBHOOK_URL = 2000;

@InputType('RegisterWebhookInput', { description: "A receiver of the organisation's events." })
export class RegisterWebhookInput {
  @Field({
    description: `An https URL (http only in development), at most ${MAX_WEBHOOK_URL} characters; no credentials, no internal hosts.`,
  })
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL)
  url: string;

  @Field(() => [RegistryEventType], { description: '1 to 20 distinct event types to send.' })
  @IsArray()
  @ArrayMinSize(1, { message: 'eventTypes must name at least one type' })
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(RegistryEventType, { each: true })
  eventTypes: RegistryEventType[];
}

@ArgsType()
export class RegisterWebhookArgs {
  @Field(() => RegisterWebhookInput, { description: 'The receiver and the events it wants.' })
  @ValidateNested()
  @Type(() => RegisterWebhookInput)
  input: RegisterWebhookInput;
}

@ArgsType()
export class WebhookDeliveriesArgs extends ConnectionArgs {
  @IdField({ description: "One of the caller's organisation's webhooks." })
  webhookId: string;

  @Field(() => DeliveryStatus, { nullable: true, description: 'e.g. DEAD for the dead-lettered ones.' })
  @IsOptional()
  @IsEnum(DeliveryStatus)
  status?: DeliveryStatus | null;
}
