import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '../../common/graphql/connection.js';
import { DataCategory } from '../../products/dto/data-category.enum.js';

@InputType()
export class SubscribeInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
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
  @Field(() => SubscribeInput)
  @ValidateNested()
  @Type(() => SubscribeInput)
  input: SubscribeInput;
}

@ArgsType()
export class UnsubscribeArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  productId: string;
}

@ArgsType()
export class MySubscriptionsArgs extends ConnectionArgs {}
