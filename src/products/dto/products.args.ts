import { IdArgs } from '../../common/graphql/id.args.js';
import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';
import { Tier } from '../../baselines/dto/tier.enum.js';
import { ConnectionArgs } from '../../common/graphql/connection.js';
import { ProductFilter, RegisterProductInput, UpdateProductInput } from './product.input.js';
import { InputField } from '../../common/graphql/input-field.js';

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
  @InputField(() => RegisterProductInput, { description: 'The new product.' })
  input: RegisterProductInput;
}

@ArgsType()
export class UpdateProductArgs extends IdArgs {
  @InputField(() => UpdateProductInput, { description: 'What to change.' })
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
