import { IdArgs } from '../../common/graphql/id.args.js';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { Tier } from '../../baselines/dto/tier.enum.js';
import { ConnectionArgs } from '../../common/graphql/connection.js';
import { ProductFilter, RegisterProductInput, UpdateProductInput } from './product.input.js';

@ArgsType()
export class ProductsArgs extends ConnectionArgs {
  @Field(() => ProductFilter, {
    nullable: true,
    description: 'Narrows the list; every product when left out.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductFilter)
  filter?: ProductFilter | null;
}

@ArgsType()
export class RegisterProductArgs {
  @Field(() => RegisterProductInput, { description: 'The new product.' })
  @ValidateNested()
  @Type(() => RegisterProductInput)
  input: RegisterProductInput;
}

@ArgsType()
export class UpdateProductArgs extends IdArgs {
  @Field(() => UpdateProductInput, { description: 'What to change.' })
  @ValidateNested()
  @Type(() => UpdateProductInput)
  input: UpdateProductInput;
}

@ArgsType()
export class SetProductTierArgs extends IdArgs {
  @Field(() => Tier, { description: 'The new tier; not lower than the data categories give.' })
  @IsEnum(Tier)
  tier: Tier;
}

/** Organization.products(first, after). */
@ArgsType()
export class OrganizationProductsArgs extends ConnectionArgs {}
