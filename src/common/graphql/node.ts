import { Field, ID, InterfaceType } from '@nestjs/graphql';

/** Relay's Node: anything with an opaque, globally unique id. */
@InterfaceType('Node', {
  description: 'Anything that can be fetched again by its id with `node(id)` (Relay Node).',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque, globally unique id; do not parse it, pass it back as it is.' })
  id: string;
}
