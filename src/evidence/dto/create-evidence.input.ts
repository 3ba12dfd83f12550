import { ArgsType, Field, GraphQLISODateTime, InputType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { EVIDENCE_LIMITS } from '../evidence.rules.js';
import { Confidentiality } from './evidence.enum.js';
import { IdField, IdListField } from '../../common/graphql/id-field.js';
import { InputField } from '../../common/graphql/input-field.js';

const { titleMin, titleMax, descriptionMax, requirementsMax, fileNameMax } = EVIDENCE_LIMITS;

@InputType({ description: 'A piece of evidence to announce before uploading its file.' })
export class CreateEvidenceInput {
  @IdField({ description: "One of the caller's organisation's products." })
  productId: string;

  @Field({ description: `${titleMin}-${titleMax} characters.` })
  @IsString()
  @Length(titleMin, titleMax, { message: `title must be ${titleMin} to ${titleMax} characters` })
  title: string;

  @Field(() => String, { nullable: true, description: `At most ${descriptionMax} characters.` })
  @IsOptional()
  @IsString()
  @MaxLength(descriptionMax)
  description?: string | null;

  @IdListField({
    description: `Requirements of published baselines this evidence supports, 1-${requirementsMax}.`,
    max: requirementsMax,
  })
  requirementIds: string[];

  @Field(() => Confidentiality, { description: 'Who may see it.' })
  @IsEnum(Confidentiality)
  confidentiality: Confidentiality;

  @Field({
    description: `The name of the file to upload; its extension declares the type (PDF, PNG, JPEG, TXT, CSV, DOCX, XLSX, ODT). At most ${fileNameMax} characters.`,
  })
  @IsString()
  @MaxLength(fileNameMax)
  fileName: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'From when the document is valid; left out when not stated.',
  })
  @IsOptional()
  @IsDate()
  validFrom?: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Until when it is valid, not before validFrom; left out when it does not expire.',
  })
  @IsOptional()
  @IsDate()
  validUntil?: Date | null;
}

@ArgsType()
export class CreateEvidenceArgs {
  @InputField(() => CreateEvidenceInput, { description: 'The evidence to announce.' })
  input: CreateEvidenceInput;
}
