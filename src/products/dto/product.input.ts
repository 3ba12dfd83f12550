import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Tier } from '../../baselines/dto/tier.enum.js';
import { PRODUCT_LIMITS } from '../product.rules.js';
import { ComplianceState } from './compliance-state.enum.js';
import { DataCategory } from './data-category.enum.js';
import { IdField, IdListField } from '../../common/graphql/id-field.js';

const { nameMin, nameMax, descriptionMax, hostingCountriesMax, subprocessorsMax } = PRODUCT_LIMITS;

@InputType({ description: "A new product of the caller's own organisation." })
export class RegisterProductInput {
  @Field({ description: `${nameMin}-${nameMax} characters, unique per supplier (case and accents ignored).` })
  @IsString()
  @Length(nameMin, nameMax, { message: `name must be ${nameMin} to ${nameMax} characters` })
  name: string;

  @Field(() => String, { nullable: true, description: `At most ${descriptionMax} characters.` })
  @IsOptional()
  @IsString()
  @MaxLength(descriptionMax)
  description?: string | null;

  @Field(() => [DataCategory], { description: 'At least one; NO_PERSONAL_DATA excludes the others.' })
  @IsArray()
  @ArrayMaxSize(Object.keys(DataCategory).length * 2)
  @IsEnum(DataCategory, { each: true })
  dataCategories: DataCategory[];

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 codes, e.g. SE, FI; case is ignored.' })
  @IsArray()
  @ArrayMaxSize(hostingCountriesMax)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  hostingCountries: string[];

  @IdListField({
    nullable: true,
    description: `Products this one relies on (any supplier's, at most ${subprocessorsMax}); no cycles.`,
    max: subprocessorsMax,
  })
  subprocessorIds?: string[] | null;
}

/** Omitted fields stay as they are; subprocessorIds replaces the whole list when given. */
@InputType({ description: 'Changes to a product; fields left out stay as they are.' })
export class UpdateProductInput {
  @Field(() => String, {
    nullable: true,
    description: `${nameMin}-${nameMax} characters, unique per supplier (case and accents ignored).`,
  })
  @IsOptional()
  @IsString()
  @Length(nameMin, nameMax, { message: `name must be ${nameMin} to ${nameMax} characters` })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'An empty string removes the description.' })
  @IsOptional()
  @IsString()
  @MaxLength(descriptionMax)
  description?: string | null;

  @Field(() => [DataCategory], {
    nullable: true,
    description: 'Replaces the list: at least one; NO_PERSONAL_DATA excludes the others.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Object.keys(DataCategory).length * 2)
  @IsEnum(DataCategory, { each: true })
  dataCategories?: DataCategory[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Replaces the list: ISO 3166-1 alpha-2 codes, e.g. SE.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(hostingCountriesMax)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  hostingCountries?: string[] | null;

  @IdListField({
    nullable: true,
    description: 'Replaces the list; [] removes every sub-processor.',
    max: subprocessorsMax,
  })
  subprocessorIds?: string[] | null;
}

@InputType({ description: 'Narrows a product list; every field given must match.' })
export class ProductFilter {
  @IdField({ nullable: true, description: 'Only products of this supplying organisation.' })
  supplierId?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name; case and accents are ignored.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string | null;

  @Field(() => ComplianceState, {
    nullable: true,
    description: 'Only products whose shared status is in this state.',
  })
  @IsOptional()
  @IsEnum(ComplianceState)
  state?: ComplianceState | null;

  @Field(() => Tier, { nullable: true, description: 'Only products of this tier.' })
  @IsOptional()
  @IsEnum(Tier)
  tier?: Tier | null;
}
