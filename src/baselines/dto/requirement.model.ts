import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { MappingRelationship } from './mapping-relationship.enum.js';
import { Tier } from './tier.enum.js';

@ObjectType('FrameworkMapping')
export class FrameworkMapping {
  @Field({ description: 'e.g. NIS2-IR-2024-2690, ISO-27001-2022, CIS-V8' })
  framework: string;

  @Field({ description: 'The clause or control id there, e.g. 5.1.4' })
  reference: string;

  @Field(() => MappingRelationship)
  relationship: MappingRelationship;
}

@ObjectType('Requirement', { implements: () => [Node] })
export class Requirement implements Node {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Stable across versions, e.g. IAM-03.' })
  code: string;

  @Field()
  title: string;

  @Field()
  statement: string;

  @Field(() => String, { nullable: true })
  guidance: string | null;

  @Field()
  category: string;

  @Field(() => [Tier], { description: 'The tiers this requirement applies to.' })
  tiers: Tier[];

  @Field(() => String, { nullable: true, description: 'What evidence an assessor expects to see.' })
  evidenceExpected: string | null;

  @Field(() => [FrameworkMapping])
  mappings: FrameworkMapping[];

  /** Internal keys for field resolvers and other modules; not in the schema. */
  uuid: string;
  baselineUuid: string;
}

export const RequirementConnection = Connection(Requirement, 'Requirement');
