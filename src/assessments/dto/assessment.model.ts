import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Requirement } from '../../baselines/dto/requirement.model.js';
import { Connection } from '../../common/graphql/connection.js';
import { toGlobalId } from '../../common/graphql/global-id.js';
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
 * `evidence` is a field resolver. The requirement is a plain property, set when the finding is
 * read (lists share the requirement models of RequirementCache): thousands of findings on the
 * hot path cost no resolver call each.
 */
@ObjectType('Finding', { implements: () => [Node] })
export class Finding implements Node {
  /** From the uuid when read (FINDING_TYPE): a page of thousands of findings builds only the ids asked for. */
  @Field(() => ID)
  get id(): string {
    return toGlobalId('Finding', this.uuid);
  }

  @Field(() => Requirement)
  requirement: Requirement;

  @Field(() => FindingResult)
  result: FindingResult;

  @Field(() => String, { nullable: true })
  note: string | null;

  // remediation is a field resolver (FindingResolver), preloaded where the finding's row has it.

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
