import { Field, ID, ObjectType } from '@nestjs/graphql';
import { OrganizationKind } from '../../common/actor.js';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';

@ObjectType('Organization', {
  implements: () => [Node],
  description:
    'An organisation in the registry: the agency, a supplier, an assessment body, a municipality, a region or another public body. Every signed-in caller may read organisations.',
})
export class Organization implements Node {
  @Field(() => ID, { description: 'Opaque id; use it in other queries and in `node(id)`.' })
  id: string;

  @Field(() => OrganizationKind, { description: 'What the organisation is; decides what its people may do.' })
  kind: OrganizationKind;

  @Field({ description: 'The official name, as the organisation writes it (for example "Kalmar kommun").' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: 'Swedish organisationsnummer, NNNNNN-NNNN, check digit verified.',
  })
  orgNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Kommunkod (4 digits) for municipalities.' })
  municipalityCode: string | null;

  @Field(() => String, { nullable: true, description: 'Län code (2 digits) for municipalities and regions.' })
  countyCode: string | null;

  /** Internal key for resolvers of fields added by other modules; not in the schema. */
  uuid: string;

  /** Agency-only details; resolved through a field resolver that checks the caller. */
  registeredAt: Date;
}

export const OrganizationConnection = Connection(Organization, 'Organization');
