import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Tier } from '../../baselines/dto/tier.enum.js';
import { ConnectionArgs } from '../../common/graphql/connection.js';
import { ProductFilter, RegisterProductInput, UpdateProductInput } from './product.inputs.js';

@ArgsType()
export class ProductsArgs extends ConnectionArgs {
  @Field(() => ProductFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductFilter)
  filter?: ProductFilter | null;
}

@ArgsType()
export class ProductIdArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  id: string;
}

@ArgsType()
export class RegisterProductArgs {
  @Field(() => RegisterProductInput)
  @ValidateNested()
  @Type(() => RegisterProductInput)
  input: RegisterProductInput;
}

@ArgsType()
export class UpdateProductArgs extends ProductIdArgs {
  @Field(() => UpdateProductInput)
  @ValidateNested()
  @Type(() => UpdateProductInput)
  input: UpdateProductInput;
}

@ArgsType()
export class SetProductTierArgs extends ProductIdArgs {
  @Field(() => Tier)
  @IsEnum(Tier)
  tier: Tier;
}

/** Organization.products(first, after). */
@ArgsType()
export class OrganizationProductsArgs extends ConnectionArgs {}
