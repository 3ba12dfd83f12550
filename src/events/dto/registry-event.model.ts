import { ArgsType, Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { IsArray, IsDate, IsEnum, IsOptional } from 'class-validator';
import { Connection, ConnectionArgs } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { RegistryEventType } from './registry-event-type.enum.js';

/**
 * `product`, `baseline` and `incident` are added by their owning modules with
 * `@ResolveField(() => Product, { nullable: true })` on `@Resolver(() => RegistryEvent)`, reading
 * the uuids below (batch with a DataLoader; null when the caller may not see it).
 */
@ObjectType('RegistryEvent', {
  implements: () => [Node],
  description:
    'Something that happened in the registry, as the caller may see it. Fetch one again with node(id), e.g. the eventId of a webhook delivery.',
})
export class RegistryEvent implements Node {
  @Field(() => ID, { description: 'Opaque id; node(id) returns the event again.' })
  id: string;

  @Field(() => RegistryEventType, { description: 'What happened.' })
  type: RegistryEventType;

  @Field(() => GraphQLISODateTime, { description: 'When it happened.' })
  occurredAt: Date;

  @Field({ description: 'What happened, in a sentence for people (dates in Europe/Stockholm time).' })
  message: string;

  /** Internal keys for the owning modules' field resolvers; not in the schema. */
  uuid: string;
  productUuid: string | null;
  baselineUuid: string | null;
  incidentUuid: string | null;
}

export const RegistryEventConnection = Connection(RegistryEvent, 'RegistryEvent');

@ArgsType()
export class EventsArgs extends ConnectionArgs {
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Only events at or after this time (e.g. the last one a reconnecting client saw).',
  })
  @IsOptional()
  @IsDate()
  since?: Date | null;
}

@ArgsType()
export class RegistryEventsArgs {
  @Field(() => [RegistryEventType], { nullable: true, description: 'Only these types; all when omitted.' })
  @IsOptional()
  @IsArray()
  @IsEnum(RegistryEventType, { each: true })
  types?: RegistryEventType[] | null;
}
