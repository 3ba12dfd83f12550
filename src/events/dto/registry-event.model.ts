import { ArgsType, Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { IsArray, IsDate, IsEnum, IsOptional } from 'class-validator';
import { Connection, ConnectionArgs } from '../../common/graphql/connection.js';
import { RegistryEventType } from './registry-event-type.enum.js';

/**
 * `product`, `baseline` and `incident` are added by their owning modules with
 * `@ResolveField(() => Product, { nullable: true })` on `@Resolver(() => RegistryEvent)`, reading
 * the uuids below (batch with a DataLoader; null when the caller may not see it).
 */
@ObjectType('RegistryEvent')
export class RegistryEvent {
  @Field(() => ID)
  id: string;

  @Field(() => RegistryEventType)
  type: RegistryEventType;

  @Field(() => GraphQLISODateTime)
  occurredAt: Date;

  @Field()
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
