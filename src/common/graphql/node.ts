import { Field, ID, InterfaceType } from '@nestjs/graphql';

/** Relay's Node: anything with an opaque, globally unique id. */
@InterfaceType('Node', {
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID)
  id: string;
}
