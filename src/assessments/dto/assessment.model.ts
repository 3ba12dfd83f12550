import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Requirement } from '../../baselines/dto/requirement.model.js';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { AssessmentOutcome, AssessmentState, FindingResult, RemediationState } from './assessment.enums.js';

@ObjectType('Remediation', { implements: () => [Node] })
export class Remediation implements Node {
  @Field(() => ID)
  id: string;

  @Field()
  description: string;

  @Field(() => GraphQLISODateTime)
  dueDate: Date;

  @Field(() => RemediationState)
  state: RemediationState;

  @Field({ description: 'Open and past its due date (at the time of reading).' })
  overdue: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true })
  completedAt: Date | null;

  /** Internal keys; not in the schema. */
  uuid: string;
  findingUuid: string;
}

/**
 * `evidence` is a field resolver. The requirement is loaded with the finding in the same
 * statement (a join) and is a plain property: thousands of findings on the hot path cost no
 * resolver call each.
 */
@ObjectType('Finding', { implements: () => [Node] })
export class Finding implements Node {
  @Field(() => ID)
  id: string;

  @Field(() => Requirement)
  requirement: Requirement;

  @Field(() => FindingResult)
  result: FindingResult;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Remediation, { nullable: true })
  remediation: Remediation | null;

  @Field(() => GraphQLISODateTime)
  recordedAt: Date;

  /** Internal keys; not in the schema. */
  uuid: string;
  assessmentUuid: string;
  requirementUuid: string;
}

/** product, baseline, assessor and findings are field resolvers (batched per request). */
@ObjectType('Assessment', { implements: () => [Node] })
export class Assessment implements Node {
  @Field(() => ID)
  id: string;

  @Field(() => AssessmentState)
  state: AssessmentState;

  @Field(() => AssessmentOutcome, { nullable: true })
  outcome: AssessmentOutcome | null;

  @Field(() => GraphQLISODateTime)
  requestedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  completedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  validUntil: Date | null;

  /** Internal keys; not in the schema. */
  uuid: string;
  productUuid: string;
  baselineUuid: string;
  assessorUuid: string | null;
  supplierUuid: string;
}

export const AssessmentConnection = Connection(Assessment, 'Assessment');
