import { Field, ObjectType } from '@nestjs/graphql';
import { Baseline } from './baseline.model.js';
import { Requirement } from './requirement.model.js';

@ObjectType('RequirementChange', {
  description: 'A requirement that exists in both versions but reads differently.',
})
export class RequirementChange {
  @Field({ description: 'The requirement code, the same in both versions, e.g. IAM-03.' })
  code: string;

  @Field(() => [String], { description: 'Names of the fields that differ: title, statement, tiers, ...' })
  fields: string[];

  @Field(() => Requirement, { description: 'The requirement in the older version.' })
  before: Requirement;

  @Field(() => Requirement, { description: 'The requirement in the newer version.' })
  after: Requirement;
}

@ObjectType('BaselineDiff', { description: 'What a newer version asks beyond (or instead of) an older one.' })
export class BaselineDiff {
  @Field(() => Baseline, { description: 'The older version.' })
  from: Baseline;

  @Field(() => Baseline, { description: 'The newer version.' })
  to: Baseline;

  @Field(() => [Requirement], {
    description: 'Requirements whose code is only in the newer version, by code.',
  })
  added: Requirement[];

  @Field(() => [Requirement], {
    description: 'Requirements whose code is only in the older version, by code.',
  })
  removed: Requirement[];

  @Field(() => [RequirementChange], { description: 'Requirements in both whose content changed, by code.' })
  changed: RequirementChange[];
}
