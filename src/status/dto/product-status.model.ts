import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { Baseline } from '../../baselines/dto/baseline.model.js';
import { Tier } from '../../baselines/dto/tier.enum.js';
import { ComplianceState } from '../../products/dto/compliance-state.enum.js';

@ObjectType('ProductStatus', {
  description:
    'The shared result that every subscriber reads instead of assessing on its own. Computed, never stored by hand.',
})
export class ProductStatus {
  @Field(() => ComplianceState)
  state: ComplianceState;

  @Field(() => Baseline, { nullable: true, description: 'The baseline the state was judged against.' })
  baseline: Baseline | null;

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
