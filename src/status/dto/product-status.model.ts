import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { Tier } from '../../baselines/dto/tier.enum.js';
import { ComplianceState } from '../../products/dto/compliance-state.enum.js';

@ObjectType('ProductStatus', {
  description:
    'The shared result that every subscriber reads instead of assessing on its own. Computed, never stored by hand.',
})
export class ProductStatus {
  @Field(() => ComplianceState)
  state: ComplianceState;

  /** ProductStatus.baseline resolves it (the baselines' loader); not in the schema. */
  baselineUuid: string | null;

  @Field(() => Tier)
  tier: Tier;

  @Field(() => GraphQLISODateTime, { nullable: true })
  assessedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  validUntil: Date | null;

  @Field(() => Int)
  satisfied: number;

  @Field(() => Int)
  partiallySatisfied: number;

  @Field(() => Int)
  notSatisfied: number;

  @Field(() => Int)
  notApplicable: number;

  @Field(() => Int, { description: 'Applicable requirements without a finding.' })
  notAssessed: number;

  @Field(() => Int)
  openRemediations: number;

  @Field(() => Int)
  overdueRemediations: number;

  @Field(() => Int)
  openIncidents: number;

  @Field(() => [String], {
    description:
      "Plain-language reasons for the state, e.g. 'remediation for IAM-03 overdue since 2026-10-01'.",
  })
  reasons: string[];
}
