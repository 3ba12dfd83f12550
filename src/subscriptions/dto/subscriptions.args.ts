import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { ConnectionArgs } from '../../common/graphql/connection.js';
import { DataCategory } from '../../products/dto/data-category.enum.js';
import { CustomerStatus } from './customer-status.enum.js';
import { IdField } from '../../common/graphql/id-field.js';
import { InputField } from '../../common/graphql/input-field.js';

@InputType({ description: "A declaration that the caller's organisation uses a product." })
export class SubscribeInput {
  @IdField({ description: 'The product the organisation uses.' })
  productId: string;

  @Field(() => [DataCategory], {
    nullable: true,
    description: "A subset of the product's categories; omitted, all of the product's categories.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Object.keys(DataCategory).length * 2)
  @IsEnum(DataCategory, { each: true })
  dataCategories?: DataCategory[] | null;
}

@ArgsType()
export class SubscribeArgs {
  @InputField(() => SubscribeInput, { description: 'The product and what the organisation entrusts to it.' })
  input: SubscribeInput;
}

@ArgsType()
export class UnsubscribeArgs {
  @IdField({ description: 'The product to stop using.' })
  productId: string;
}

@ArgsType()
export class MySubscriptionsArgs extends ConnectionArgs {}

@ArgsType()
export class CustomerRequestsArgs extends ConnectionArgs {
  @Field(() => CustomerStatus, {
    nullable: true,
    description:
      'Only subscriptions with this customer status (e.g. PENDING: what waits for you); omitted, all.',
  })
  @IsOptional()
  @IsEnum(CustomerStatus)
  status?: CustomerStatus | null;
}

@ArgsType()
export class ConfirmCustomerArgs {
  @IdField({ description: 'The subscription (ProductSubscription.id) to confirm.' })
  subscriptionId: string;
}

@ArgsType()
export class DeclineCustomerArgs {
  @IdField({ description: 'The subscription (ProductSubscription.id) to decline.' })
  subscriptionId: string;

  @Field(() => String, {
    description:
      'Why the subscriber is not (or no longer) a customer; shown to the subscriber. 1-1000 characters.',
  })
  @IsString()
  @MaxLength(1000)
  reason: string;
}
