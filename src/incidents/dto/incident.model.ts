import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { DataCategory } from '../../products/dto/data-category.enum.js';
import { DeadlineKind, IncidentSeverity, IncidentState } from './incident-enums.js';

/**
 * An incident as the API shows it. supplier, products, exposures and deadlines are field
 * resolvers (batched over the page), keyed by the uuids below.
 */
@ObjectType('Incident', { implements: () => [Node] })
export class Incident implements Node {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => IncidentSeverity)
  severity: IncidentSeverity;

  @Field(() => IncidentState)
  state: IncidentState;

  @Field(() => GraphQLISODateTime)
  detectedAt: Date;

  @Field(() => GraphQLISODateTime, {
    description: "The server's time of the report: when exposed organisations were made aware.",
  })
  reportedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'What the supplier or the agency wrote on resolving.' })
  resolutionSummary: string | null;

  @Field(() => [DataCategory], {
    description: 'Categories the incident touches; empty when not (yet) known: then all are at stake.',
  })
  dataCategories: DataCategory[];

  /** Internal keys; not in the schema. */
  uuid: string;
  supplierUuid: string;
}

export const IncidentConnection = Connection(Incident, 'Incident');

/** organization, product and path are field resolvers over the uuids (batched). */
@ObjectType('Exposure', {
  description: 'An organisation exposed by an incident, and the path through which it is exposed.',
})
export class Exposure {
  @Field(() => [DataCategory], {
    description:
      'What the organisation entrusts to its product that the incident touches; all of them when the incident names none.',
  })
  dataCategories: DataCategory[];

  organizationUuid: string;
  productUuid: string;
  /** From the subscribed product down to the affected one. */
  pathUuids: string[];
}

@ObjectType('IncidentDeadline')
export class IncidentDeadline {
  @Field(() => DeadlineKind)
  kind: DeadlineKind;

  @Field(() => GraphQLISODateTime)
  dueAt: Date;

  organizationUuid: string;
}
