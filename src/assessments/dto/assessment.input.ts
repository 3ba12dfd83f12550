import { ArgsType, Field, GraphQLISODateTime, ID, InputType, OmitType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ConnectionArgs } from '../../common/graphql/connection.js';
import { ASSESSMENT_LIMITS } from '../assessment.rules.js';
import { AssessmentOutcome, AssessmentScope, AssessmentState, FindingResult } from './assessment.enum.js';
import { IdField, IdListField } from '../../common/graphql/id-field.js';
import { InputField } from '../../common/graphql/input-field.js';

const { noteMax, remediationMax, evidenceMax } = ASSESSMENT_LIMITS;
/** recordFindings: at most this many findings per call. */
export const MAX_FINDINGS = 500;

@InputType({ description: 'A remediation the supplier must carry out for a gap.' })
export class RemediationInput {
  @Field({ description: `What the supplier must do; 3-${remediationMax} characters.` })
  @IsString()
  @MaxLength(remediationMax)
  description: string;

  @Field(() => GraphQLISODateTime, { description: 'In the future.' })
  @IsDate()
  dueDate: Date;
}

@InputType({ description: 'One finding for one requirement of an assessment.' })
export class RecordFindingInput {
  @IdField({ description: "The assessment, held by the caller's assessment body." })
  assessmentId: string;

  @IdField({
    description: "A requirement of the assessed baseline that applies to the product's tier.",
  })
  requirementId: string;

  @Field(() => FindingResult, { description: "The assessor's result for the requirement." })
  @IsEnum(FindingResult)
  result: FindingResult;

  @Field(() => String, { nullable: true, description: `At most ${noteMax} characters.` })
  @IsOptional()
  @IsString()
  @MaxLength(noteMax)
  note?: string | null;

  @IdListField({
    nullable: true,
    description: `Evidence of the assessed product, at most ${evidenceMax}.`,
    max: evidenceMax,
  })
  evidenceIds?: string[] | null;

  @Field(() => RemediationInput, {
    nullable: true,
    description:
      'Required when the result is PARTIALLY_SATISFIED or NOT_SATISFIED and the outcome may be conditional.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RemediationInput)
  remediation?: RemediationInput | null;
}

/**
 * RecordFindingInput without the assessment (recordFindings names it once for all). Two fields
 * keep their own descriptions; their validation is RecordFindingInput's.
 */
@InputType({
  description: 'One finding of recordFindings: what recordFinding takes, without the assessment.',
})
export class FindingInput extends OmitType(RecordFindingInput, ['assessmentId'] as const, InputType) {
  @Field(() => ID, {
    description: "A requirement of the assessed baseline that applies to the product's tier; once per call.",
  })
  override requirementId: string;

  @Field(() => RemediationInput, {
    nullable: true,
    description:
      'Only for PARTIALLY_SATISFIED or NOT_SATISFIED; required on every gap for a conditional approval.',
  })
  override remediation?: RemediationInput | null;
}

@ArgsType()
export class RecordFindingsArgs {
  @IdField({ description: 'The assessment the findings belong to.' })
  assessmentId: string;

  @Field(() => [FindingInput], {
    description: `1 to ${MAX_FINDINGS} findings, one per requirement; errors name the entry, e.g. findings[12].remediation.dueDate.`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FINDINGS)
  @ValidateNested({ each: true })
  @Type(() => FindingInput)
  findings: FindingInput[];
}

@InputType({ description: 'Closes an assessment with a decision.' })
export class CompleteAssessmentInput {
  @IdField({ description: "The assessment, held by the caller's assessment body." })
  assessmentId: string;

  @Field(() => AssessmentOutcome, {
    description: 'The decision; APPROVED_WITH_CONDITIONS needs a remediation on every gap.',
  })
  @IsEnum(AssessmentOutcome)
  outcome: AssessmentOutcome;

  @Field(() => GraphQLISODateTime, { description: 'In the future, at most 3 years ahead.' })
  @IsDate()
  validUntil: Date;
}

@ArgsType()
export class RecordFindingArgs {
  @InputField(() => RecordFindingInput, { description: 'The finding.' })
  input: RecordFindingInput;
}

@ArgsType()
export class CompleteAssessmentArgs {
  @InputField(() => CompleteAssessmentInput, { description: 'The assessment and its outcome.' })
  input: CompleteAssessmentInput;
}

@ArgsType()
export class RequestAssessmentArgs {
  @IdField({ description: "One of the caller's organisation's products." })
  productId: string;

  @IdField({ description: 'A published baseline; its current version is assessed.' })
  baselineId: string;

  @Field(() => AssessmentScope, {
    nullable: true,
    defaultValue: AssessmentScope.FULL,
    description:
      'DELTA starts with the findings of the previous completed assessment (an earlier version of the same baseline) ' +
      'for every requirement whose code and statement did not change.',
  })
  @IsOptional()
  @IsEnum(AssessmentScope)
  scope?: AssessmentScope | null;
}

@ArgsType()
export class AssessmentQueueArgs extends ConnectionArgs {
  @Field(() => AssessmentState, {
    nullable: true,
    description: 'Only assessments in this state; all when left out.',
  })
  @IsOptional()
  @IsEnum(AssessmentState)
  state?: AssessmentState | null;
}

/** Product.assessments(first, after). */
@ArgsType()
export class ProductAssessmentsArgs extends ConnectionArgs {}
