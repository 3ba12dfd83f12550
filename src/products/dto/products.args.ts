import { IdArgs } from '../../common/graphql/id.args.js';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
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
export class RegisterProductArgs {
  @Field(() => RegisterProductInput)
  @ValidateNested()
  @Type(() => RegisterProductInput)
  input: RegisterProductInput;
}

@ArgsType()
export class UpdateProductArgs extends IdArgs {
  @Field(() => UpdateProductInput)
  @ValidateNested()
  @Type(() => UpdateProductInput)
  input: UpdateProductInput;
}

@ArgsType()
export class SetProductTierArgs extends IdArgs {
  @Field(() => Tier)
  @IsEnum(Tier)
  tier: Tier;
}

/** Organization.products(first, after). */
@ArgsType()
export class OrganizationProductsArgs extends ConnectionArgs {}
