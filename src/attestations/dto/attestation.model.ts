import { ArgsType, Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsString, Length, ValidateNested } from 'class-validator';
import { Node } from '../../common/graphql/node.js';
import { ImplementationStatus } from './implementation-status.enum.js';
import { IdField, IdListField } from '../../common/graphql/id-field.js';

export const STATEMENT_MAX = 4000;
export const ATTESTATION_EVIDENCE_MAX = 20;

@ObjectType('Attestation', {
  implements: () => [Node],
  description: "The supplier's own statement of how it meets one requirement.",
})
export class Attestation implements Node {
  @Field(() => ID, { description: 'Opaque id; use it in `node(id)`.' })
  id: string;

  @Field(() => ImplementationStatus, {
    description: 'How far the supplier says it has implemented the requirement.',
  })
  status: ImplementationStatus;

  @Field({ description: "The supplier's own words on how it meets the requirement." })
  statement: string;

  @Field(() => GraphQLISODateTime, { description: 'When the supplier last made or replaced the statement.' })
  attestedAt: Date;

  /** Internal keys for field resolvers; not in the schema. */
  uuid: string;
  productUuid: string;
  requirementUuid: string;
}

@InputType({
  description: "A supplier's statement on one requirement for one of its products; replaces an earlier one.",
})
export class AttestInput {
  @IdField({ description: "One of the caller's organisation's products." })
  productId: string;

  @IdField({ description: 'A requirement of a published baseline.' })
  requirementId: string;

  @Field(() => ImplementationStatus, { description: 'How far it is implemented.' })
  @IsEnum(ImplementationStatus)
  status: ImplementationStatus;

  @Field({ description: `1-${STATEMENT_MAX} characters; must hold no personal identity numbers.` })
  @IsString()
  @Length(1, STATEMENT_MAX, { message: `statement must be 1 to ${STATEMENT_MAX} characters` })
  statement: string;

  @IdListField({
    nullable: true,
    description: `Evidence of the same product, at most ${ATTESTATION_EVIDENCE_MAX}.`,
    max: ATTESTATION_EVIDENCE_MAX,
  })
  evidenceIds?: string[] | null;
}

@ArgsType()
export class AttestArgs {
  @Field(() => AttestInput, { description: 'The statement.' })
  @ValidateNested()
  @Type(() => AttestInput)
  input: AttestInput;
}

@ArgsType()
export class AttestationsArgs {
  @IdField({ description: 'The product whose attestations to list.' })
  productId: string;

  @IdField({ nullable: true, description: 'Only attestations on requirements of this baseline.' })
  baselineId?: string | null;
}
