import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Requirement } from '../../baselines/dto/requirement.model.js';
import { Connection } from '../../common/graphql/connection.js';
import { toGlobalId } from '../../common/graphql/global-id.js';
import { Node } from '../../common/graphql/node.js';
import { AssessmentOutcome, AssessmentState, FindingResult, RemediationState } from './assessment.enum.js';

@ObjectType('Remediation', {
  implements: () => [Node],
  description: 'What the supplier must fix for a gap found in an assessment, and by when.',
})
export class Remediation implements Node {
  @Field(() => ID, { description: 'Opaque id; use it in other queries and in `node(id)`.' })
  id: string;

  @Field({ description: "What the supplier must do, in the assessor's words." })
  description: string;

  @Field(() => GraphQLISODateTime, {
    description: 'When it must be done; after this an open remediation is overdue.',
  })
  dueDate: Date;

  @Field(() => RemediationState, { description: 'Open or done.' })
  state: RemediationState;

  @Field({ description: 'Open and past its due date (at the time of reading).' })
  overdue: boolean;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the supplier marked it done; null while open.',
  })
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
@ObjectType('Finding', {
  implements: () => [Node],
  description: "An assessor's result for one requirement in one assessment.",
})
export class Finding implements Node {
  /** From the uuid when read (FINDING_TYPE): a page of thousands of findings builds only the ids asked for. */
  @Field(() => ID, { description: 'Opaque id; use it in other queries and in `node(id)`.' })
  get id(): string {
    return toGlobalId('Finding', this.uuid);
  }

  @Field(() => Requirement, { description: 'The requirement assessed.' })
  requirement: Requirement;

  @Field(() => FindingResult, { description: 'How well the product meets the requirement.' })
  result: FindingResult;

  @Field(() => String, { nullable: true, description: "The assessor's note; null when none." })
  note: string | null;

  // remediation is a field resolver (FindingResolver).

  @Field(() => GraphQLISODateTime, { description: 'When the finding was last recorded or confirmed.' })
  recordedAt: Date;

  /** Internal keys; not in the schema. */
  uuid: string;
  assessmentUuid: string;
  requirementUuid: string;

  /**
   * The remediation, when the statement that read the finding selected it too (single findings,
   * recorded findings; not lists); not in the schema. The resolver that returns the finding primes
   * Finding.remediation's loader with it (primeFindingLoaders).
   */
  alongside?: { readonly remediation: Remediation | null };
}

/** product, baseline, assessor and findings are field resolvers (batched per request). */
@ObjectType('Assessment', {
  implements: () => [Node],
  description:
    "An assessment of one product against one baseline version by an assessment body. Readable by every signed-in caller except suppliers other than the product's own.",
})
export class Assessment implements Node {
  @Field(() => ID, { description: 'Opaque id; use it in other queries and in `node(id)`.' })
  id: string;

  @Field(() => AssessmentState, { description: 'Where the assessment is in its life.' })
  state: AssessmentState;

  @Field(() => AssessmentOutcome, {
    nullable: true,
    description: 'The decision; null until the assessment is completed.',
  })
  outcome: AssessmentOutcome | null;

  @Field(() => GraphQLISODateTime, { description: 'When the supplier asked for it.' })
  requestedAt: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When an assessment body took it; null before.',
  })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was completed; null before.' })
  completedAt: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Until when an approval holds (at most 3 years after completion); null until completed.',
  })
  validUntil: Date | null;

  /** Internal keys; not in the schema. */
  uuid: string;
  productUuid: string;
  baselineUuid: string;
  assessorUuid: string | null;
  supplierUuid: string;
}

export const AssessmentConnection = Connection(Assessment, 'Assessment');
