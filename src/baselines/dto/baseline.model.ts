import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { BaselineStatus } from './baseline-status.enum.js';

@ObjectType('Baseline', { implements: () => [Node] })
export class Baseline implements Node {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Stable name of the baseline series, e.g. ncsc-supplier-baseline.' })
  key: string;

  @Field({ description: 'e.g. 2026.1; unique within a key.' })
  version: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => BaselineStatus)
  status: BaselineStatus;

  @Field(() => GraphQLISODateTime, { nullable: true })
  publishedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
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
