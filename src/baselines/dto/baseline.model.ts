import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { BaselineStatus } from './baseline-status.enum.js';

@ObjectType('Baseline', {
  implements: () => [Node],
  description:
    'One version of a security baseline: the requirements suppliers are assessed against. Published versions are visible to every signed-in caller; drafts only to the agency and assessment bodies.',
})
export class Baseline implements Node {
  @Field(() => ID, { description: 'Opaque id of this version; use it in other queries and in `node(id)`.' })
  id: string;

  @Field({ description: 'Stable name of the baseline series, e.g. ncsc-supplier-baseline.' })
  key: string;

  @Field({ description: 'e.g. 2026.1; unique within a key.' })
  version: string;

  @Field({ description: 'The human title of this version.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'What the baseline covers and why; null when none.' })
  description: string | null;

  @Field(() => BaselineStatus, { description: 'Draft, published or retired.' })
  status: BaselineStatus;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it was published; null for a draft.',
  })
  publishedAt: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it was retired; null while in force or a draft.',
  })
  retiredAt: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      'Until when assessments against the previous version still count (set at publication); after it, products ' +
      'not reassessed against this version are EXPIRED.',
  })
  transitionEndsAt: Date | null;

  /** Internal keys for field resolvers and other modules; not in the schema. */
  uuid: string;
  previousUuid: string | null;
  updatedAt: Date;
}

export const BaselineConnection = Connection(Baseline, 'Baseline');
