import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, ValidateNested } from 'class-validator';
import { MappingRelationship } from './mapping-relationship.enum.js';
import { Tier } from './tier.enum.js';

/*
 * Only the shape is checked here; the content rules (code pattern, lengths, framework names) live in
 * requirement.rules.ts, so that GraphQL input, OSCAL imports and the example baseline obey the same ones.
 */

export const MAX_MAPPINGS = 20;

@InputType('FrameworkMappingInput', {
  description: 'Where a requirement corresponds to a clause of another framework.',
})
export class FrameworkMappingInput {
  @Field({ description: 'Upper-case letters, digits, dots and hyphens, e.g. NIS2-IR-2024-2690.' })
  @IsString()
  framework: string;

  @Field({ description: 'The clause or control id there, e.g. 11.1' })
  @IsString()
  reference: string;

  @Field(() => MappingRelationship, { description: 'How the requirement relates to that clause.' })
  @IsEnum(MappingRelationship)
  relationship: MappingRelationship;
}

@InputType('RequirementInput', { description: 'A requirement of a draft baseline.' })
export class RequirementInput {
  @Field({ description: 'Two to five capitals, a hyphen, two or three digits: IAM-03.' })
  @IsString()
  code: string;

  @Field({ description: '3-200 characters.' })
  @IsString()
  title: string;

  @Field({ description: 'Up to 4,000 characters.' })
  @IsString()
  statement: string;

  @Field(() => String, { nullable: true, description: 'Up to 8,000 characters.' })
  @IsOptional()
  @IsString()
  guidance?: string | null;

  @Field({ description: 'One of the documented categories, or free text up to 60 characters.' })
  @IsString()
  category: string;

  @Field(() => [Tier], { description: 'At least one.' })
  @IsArray()
  @ArrayMaxSize(3)
  @IsEnum(Tier, { each: true })
  tiers: Tier[];

  @Field(() => String, { nullable: true, description: 'Up to 4,000 characters.' })
  @IsOptional()
  @IsString()
  evidenceExpected?: string | null;

  @Field(() => [FrameworkMappingInput], { nullable: true, description: `Up to ${MAX_MAPPINGS}.` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MAPPINGS)
  @ValidateNested({ each: true })
  @Type(() => FrameworkMappingInput)
  mappings?: FrameworkMappingInput[] | null;
}

/** Omitted fields stay as they are; null clears guidance, evidenceExpected and mappings. */
@InputType('UpdateRequirementInput', {
  description: 'Changes to a requirement of a draft; fields left out stay as they are.',
})
export class UpdateRequirementInput {
  @Field(() => String, { nullable: true, description: '3-200 characters.' })
  @IsOptional()
  @IsString()
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 4,000 characters.' })
  @IsOptional()
  @IsString()
  statement?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 8,000 characters.' })
  @IsOptional()
  @IsString()
  guidance?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'One of the documented categories, or free text up to 60 characters.',
  })
  @IsOptional()
  @IsString()
  category?: string | null;

  @Field(() => [Tier], { nullable: true, description: 'Replaces the tiers; at least one.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsEnum(Tier, { each: true })
  tiers?: Tier[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'What evidence an assessor expects to see; up to 4,000 characters.',
  })
  @IsOptional()
  @IsString()
  evidenceExpected?: string | null;

  @Field(() => [FrameworkMappingInput], {
    nullable: true,
    description: `Replaces the mappings; up to ${MAX_MAPPINGS}.`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_MAPPINGS)
  @ValidateNested({ each: true })
  @Type(() => FrameworkMappingInput)
  mappings?: FrameworkMappingInput[] | null;
}
