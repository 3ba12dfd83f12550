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

registerEnumType(DeliveryStatus, {
  name: 'WebhookDeliveryStatus',
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
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field(() => [RegistryEventType])
  eventTypes: RegistryEventType[];

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => String, { nullable: true, description: 'Shown once, when the webhook is registered.' })
  secret: string | null;

  @Field({ description: 'False once the receiver answered 410 Gone; register again to resume.' })
  active: boolean;

  @Field(() => String, { nullable: true })
  disabledReason: string | null;
}

@ObjectType('WebhookDelivery')
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also the `webhook-id` header, the same on every attempt.' })
  id: string;

  @Field(() => RegistryEvent)
  event: RegistryEvent;

  @Field(() => DeliveryStatus)
  status: DeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => Int, { nullable: true })
  lastStatusCode: number | null;

  @Field(() => String, { nullable: true })
  lastError: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  deliveredAt: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

export const WebhookDeliveryConnection = Connection(WebhookDelivery, 'WebhookDelivery');

export const MAX_WEBHOOK_URL = 2000;

@InputType('RegisterWebhookInput')
export class RegisterWebhookInput {
  @Field()
  @IsString()
  @MaxLength(MAX_WEBHOOK_URL)
  url: string;

  @Field(() => [RegistryEventType])
  @IsArray()
  @ArrayMinSize(1, { message: 'eventTypes must name at least one type' })
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(RegistryEventType, { each: true })
  eventTypes: RegistryEventType[];
}

@ArgsType()
export class RegisterWebhookArgs {
  @Field(() => RegisterWebhookInput)
  @ValidateNested()
  @Type(() => RegisterWebhookInput)
  input: RegisterWebhookInput;
}

@ArgsType()
export class WebhookDeliveriesArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  webhookId: string;

  @Field(() => DeliveryStatus, { nullable: true, description: 'e.g. DEAD for the dead-lettered ones.' })
  @IsOptional()
  @IsEnum(DeliveryStatus)
  status?: DeliveryStatus | null;
}
