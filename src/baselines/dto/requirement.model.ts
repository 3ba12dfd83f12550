import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { MappingRelationship } from './mapping-relationship.enum.js';
import type { StoredParameter } from '../requirement-content.js';
import { Tier } from './tier.enum.js';

@ObjectType('FrameworkMapping', {
  description: 'Where a requirement corresponds to a clause of another framework.',
})
export class FrameworkMapping {
  @Field({ description: 'e.g. NIS2-IR-2024-2690, ISO-27001-2022, CIS-V8' })
  framework: string;

  @Field({ description: 'The clause or control id there, e.g. 5.1.4' })
  reference: string;

  @Field(() => MappingRelationship, { description: 'How the requirement relates to that clause.' })
  relationship: MappingRelationship;
}

@ObjectType('Requirement', {
  implements: () => [Node],
  description:
    'One requirement of a baseline version: what a supplier must do, for which tiers, and how it is shown.',
})
export class Requirement implements Node {
  @Field(() => ID, {
    description: 'Opaque id of the requirement in this version; use it in findings and attestations.',
  })
  id: string;

  @Field({ description: 'Stable across versions, e.g. IAM-03.' })
  code: string;

  @Field(() => String, {
    nullable: true,
    description: 'The id it had in an imported OSCAL catalog, exactly (e.g. ir-1, ac-2.1).',
  })
  sourceId: string | null;

  @Field({ description: 'A short title.' })
  title: string;

  /** Resolved by RequirementsResolver (it takes a tier). */
  statement: string;

  @Field(() => String, { nullable: true, description: 'Advice on how to meet it; null when none.' })
  guidance: string | null;

  @Field({ description: 'The area it belongs to, e.g. Identity and access.' })
  category: string;

  @Field(() => [Tier], { description: 'The tiers this requirement applies to.' })
  tiers: Tier[];

  @Field(() => String, { nullable: true, description: 'What evidence an assessor expects to see.' })
  evidenceExpected: string | null;

  @Field(() => [FrameworkMapping], {
    description: 'Corresponding clauses of other frameworks (NIS2, ISO 27001, ...).',
  })
  mappings: FrameworkMapping[];

  /** Internal keys for field resolvers and other modules; not in the schema. */
  uuid: string;
  baselineUuid: string;
  parentUuid: string | null;
  storedParameters: StoredParameter[];
  /** The statement with OSCAL parameter insertions kept, when imported. */
  statementTemplate: string | null;
}

@ObjectType('RequirementParameter', {
  description: 'A parameter of an OSCAL control: a value the organisation or a profile sets.',
})
export class RequirementParameter {
  @Field({ description: 'The OSCAL parameter id, e.g. ir-01_odp.01.' })
  id: string;

  @Field(() => String, { nullable: true, description: 'What the value is, e.g. "frequency".' })
  label: string | null;

  @Field(() => String, { nullable: true, description: "The catalog's guidance for choosing a value." })
  guidelines: string | null;

  @Field(() => [String], { description: 'Constraints the catalog puts on the value.' })
  constraints: string[];

  @Field(() => [String], {
    description: 'The allowed choices when the parameter is a selection; empty for free text.',
  })
  choices: string[];

  /** Internal: the stored parameter, for `value(tier)`. */
  stored: StoredParameter;
}

export const RequirementConnection = Connection(Requirement, 'Requirement');
