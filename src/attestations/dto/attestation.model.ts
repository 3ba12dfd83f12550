import { ArgsType, Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Node } from '../../common/graphql/node.js';
import { ImplementationStatus } from './implementation-status.enum.js';

export const STATEMENT_MAX = 4000;
export const ATTESTATION_EVIDENCE_MAX = 20;

@ObjectType('Attestation', {
  implements: () => [Node],
  description: "The supplier's own statement of how it meets one requirement.",
})
export class Attestation implements Node {
  @Field(() => ID)
  id: string;

  @Field(() => ImplementationStatus)
  status: ImplementationStatus;

  @Field()
  statement: string;

  @Field(() => GraphQLISODateTime)
  attestedAt: Date;

  /** Internal keys for field resolvers; not in the schema. */
  uuid: string;
  productUuid: string;
  requirementUuid: string;
}

@InputType()
export class AttestInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  productId: string;

  @Field(() => ID, { description: 'A requirement of a published baseline.' })
  @IsString()
  @MaxLength(200)
  requirementId: string;

  @Field(() => ImplementationStatus)
  @IsEnum(ImplementationStatus)
  status: ImplementationStatus;

  @Field({ description: `1-${STATEMENT_MAX} characters; must hold no personal identity numbers.` })
  @IsString()
  @Length(1, STATEMENT_MAX, { message: `statement must be 1 to ${STATEMENT_MAX} characters` })
  statement: string;

  @Field(() => [ID], {
    nullable: true,
    description: `Evidence of the same product, at most ${ATTESTATION_EVIDENCE_MAX}.`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ATTESTATION_EVIDENCE_MAX)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  evidenceIds?: string[] | null;
}

@ArgsType()
export class AttestArgs {
  @Field(() => AttestInput)
  @ValidateNested()
  @Type(() => AttestInput)
  input: AttestInput;
}

@ArgsType()
export class AttestationsArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  productId: string;

  @Field(() => ID, { nullable: true, description: 'Only attestations on requirements of this baseline.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  baselineId?: string | null;
}
