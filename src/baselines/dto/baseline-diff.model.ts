import { Field, ObjectType } from '@nestjs/graphql';
import { Baseline } from './baseline.model.js';
import { Requirement } from './requirement.model.js';

@ObjectType('RequirementChange')
export class RequirementChange {
  @Field()
  code: string;

  @Field(() => [String], { description: 'Names of the fields that differ: title, statement, tiers, ...' })
  fields: string[];

  @Field(() => Requirement)
  before: Requirement;

  @Field(() => Requirement)
  after: Requirement;
}

@ObjectType('BaselineDiff', { description: 'What a newer version asks beyond (or instead of) an older one.' })
export class BaselineDiff {
  @Field(() => Baseline)
  from: Baseline;

  @Field(() => Baseline)
  to: Baseline;

  @Field(() => [Requirement])
  added: Requirement[];

  @Field(() => [Requirement])
  removed: Requirement[];

  @Field(() => [RequirementChange])
  changed: RequirementChange[];
}
