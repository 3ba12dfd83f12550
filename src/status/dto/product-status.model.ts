import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { Tier } from '../../baselines/dto/tier.enum.js';
import { ComplianceState } from '../../products/dto/compliance-state.enum.js';
import type { StoredChainIncident, StoredChainLink } from '../chain-status.entity.js';
import type { StatusReason } from '../status-reason.js';
import { ChainLink } from './chain-link.model.js';
import type { StatusDetail } from '../status-sql.js';

@ObjectType('ProductStatus', {
  description:
    'The shared result that every subscriber reads instead of assessing on its own. Computed, never stored by hand.',
})
export class ProductStatus {
  @Field(() => ComplianceState, {
    description:
      "The product's own state, from its assessment, evidence and any suspension; effectiveState also counts its sub-processors.",
  })
  state: ComplianceState;

  /** ProductStatus.baseline resolves it (the baselines' loader); not in the schema. */
  baselineUuid: string | null;

  @Field(() => Tier, { description: 'The tier the product was judged at.' })
  tier: Tier;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the assessment the state rests on was completed; null when never assessed.',
  })
  assessedAt: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Until when that assessment holds; null when never assessed.',
  })
  validUntil: Date | null;

  @Field(() => Int, { description: 'Applicable requirements found SATISFIED.' })
  satisfied: number;

  @Field(() => Int, { description: 'Applicable requirements found PARTIALLY_SATISFIED.' })
  partiallySatisfied: number;

  @Field(() => Int, { description: 'Applicable requirements found NOT_SATISFIED.' })
  notSatisfied: number;

  @Field(() => Int, { description: 'Requirements of the tier found NOT_APPLICABLE.' })
  notApplicable: number;

  @Field(() => Int, { description: 'Applicable requirements without a finding.' })
  notAssessed: number;

  @Field(() => Int, { description: 'Remediations still open, overdue ones included.' })
  openRemediations: number;

  @Field(() => Int, { description: 'Open remediations past their due date.' })
  overdueRemediations: number;

  @Field(() => Int, {
    description:
      'Open incidents on the product and on its chain that the caller may see (the agency, the reporting supplier, exposed customers); 0 for everyone else.',
  })
  openIncidents: number;

  @Field(() => [String], {
    description:
      "Plain-language reasons for the state, e.g. 'remediation for IAM-03 overdue since 1 October 2026' (English, dates in Stockholm time).",
  })
  reasons: string[];

  @Field(() => ComplianceState, {
    description:
      "The worst of the product's own state and the SUSPENDED, EXPIRED or NON_COMPLIANT states up its sub-processor chain.",
  })
  effectiveState: ComplianceState;

  @Field(() => [ChainLink], {
    description: 'Products up the sub-processor chain whose state or open incidents bear on this one.',
  })
  chain?: ChainLink[];

  /** The product whose status this is; not in the schema. */
  productUuid: string;

  /** The stored chain and open-incident references (ProductStatus.chain, openIncidents, reasons). */
  chainLinks: StoredChainLink[];
  incidentRefs: StoredChainIncident[];

  /** The reasons of the own state, without incidents, as data (computeStatusReasons, lazily). */
  ownReasons: StatusReason[];

  /**
   * How much of the status was read: `state` without the cited evidence and chain links, so
   * without reasons nor chain (wholeStatus refuses those); not in the schema.
   */
  detail: StatusDetail;
}
