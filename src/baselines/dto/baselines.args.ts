import { ArgsType, Field, GraphQLISODateTime, InputType } from '@nestjs/graphql';
import { IdArgs } from '../../common/graphql/id.args.js';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '../../common/graphql/connection.js';
import { BaselineStatus } from './baseline-status.enum.js';
import { RequirementInput, UpdateRequirementInput } from './requirement.input.js';
import { Tier } from './tier.enum.js';
import { IdField } from '../../common/graphql/id-field.js';
import { InputField } from '../../common/graphql/input-field.js';

/** Requirements in one baseline, including those copied from fromBaselineId. */
export const MAX_REQUIREMENTS = 500;

@InputType('CreateBaselineInput', { description: 'A new draft baseline version.' })
export class CreateBaselineInput {
  @Field({ description: 'Lower-case words joined by hyphens, 3-64 characters: ncsc-supplier-baseline.' })
  @IsString()
  key: string;

  @Field({ description: 'Letters and digits joined by dots or hyphens, up to 40 characters: 2026.1.' })
  @IsString()
  version: string;

  @Field({ description: '3-200 characters.' })
  @IsString()
  title: string;

  @Field(() => String, { nullable: true, description: 'Up to 4,000 characters.' })
  @IsOptional()
  @IsString()
  description?: string | null;

  @IdField({
    nullable: true,
    description: 'Copy the requirements of this baseline into the new draft.',
  })
  fromBaselineId?: string | null;

  @Field(() => [RequirementInput], {
    nullable: true,
    description: `Requirements to start with, at most ${MAX_REQUIREMENTS}; more can be added to the draft later.`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_REQUIREMENTS)
  @ValidateNested({ each: true })
  @Type(() => RequirementInput)
  requirements?: RequirementInput[] | null;
}

@ArgsType()
export class BaselinesArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only this series.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  key?: string | null;

  @Field(() => BaselineStatus, {
    nullable: true,
    description: 'Only versions in this status; all you may see when left out.',
  })
  @IsOptional()
  @IsEnum(BaselineStatus)
  status?: BaselineStatus | null;
}

@ArgsType()
export class CurrentBaselineArgs {
  @Field({ description: 'The series key, e.g. ncsc-supplier-baseline.' })
  @IsString()
  @MaxLength(64)
  key: string;
}

@ArgsType()
export class BaselineDiffArgs {
  @IdField({ description: 'The older baseline version.' })
  fromId: string;

  @IdField({ description: 'The newer baseline version.' })
  toId: string;
}

@ArgsType()
export class BaselineRequirementsArgs extends ConnectionArgs {
  @Field(() => Tier, { nullable: true, description: 'Only requirements that apply to this tier.' })
  @IsOptional()
  @IsEnum(Tier)
  tier?: Tier | null;

  @Field(() => String, { nullable: true, description: 'Only this category (exact spelling).' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  category?: string | null;
}

@ArgsType()
export class CreateBaselineArgs {
  @InputField(() => CreateBaselineInput, { description: 'The new draft.' })
  input: CreateBaselineInput;
}

@ArgsType()
export class AddRequirementArgs {
  @IdField({ description: 'A draft baseline version.' })
  baselineId: string;

  @InputField(() => RequirementInput, {
    description: 'The new requirement; its code must be new in the draft.',
  })
  input: RequirementInput;
}

@ArgsType()
export class UpdateRequirementArgs {
  @IdField({ description: 'A requirement of a draft baseline version.' })
  id: string;

  @InputField(() => UpdateRequirementInput, { description: 'What to change.' })
  input: UpdateRequirementInput;
}

@ArgsType()
export class PublishBaselineArgs extends IdArgs {
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      'Until when assessments against earlier versions still count; default twelve months after publication, never in the past.',
  })
  @IsOptional()
  @IsDate()
  transitionEndsAt?: Date | null;
}
