import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { DataCategory } from '../../products/dto/data-category.enum.js';
import { DeadlineKind, IncidentSeverity, IncidentState } from './incident.enum.js';

/**
 * An incident as the API shows it. supplier, products, exposures and deadlines are field
 * resolvers (batched over the page), keyed by the uuids below.
 */
@ObjectType('Incident', {
  implements: () => [Node],
  description:
    'A security incident a supplier reported on some of its products. Visible to the agency, the reporting supplier and the organisations it exposes.',
})
export class Incident implements Node {
  @Field(() => ID, { description: 'Opaque id; use it in updateIncident, resolveIncident and `node(id)`.' })
  id: string;

  @Field({ description: 'A short title, written by the supplier.' })
  title: string;

  @Field({ description: 'What happened and what the supplier does about it.' })
  description: string;

  @Field(() => IncidentSeverity, { description: "The supplier's judgement of how serious it is." })
  severity: IncidentSeverity;

  @Field(() => IncidentState, { description: 'Open or resolved.' })
  state: IncidentState;

  @Field(() => GraphQLISODateTime, {
    description: 'When the supplier detected it; the legal deadlines run from here.',
  })
  detectedAt: Date;

  @Field(() => GraphQLISODateTime, {
    description: "The server's time of the report: when exposed organisations were made aware.",
  })
  reportedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was resolved; null while open.' })
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

@ObjectType('IncidentDeadline', {
  description: 'A legal reporting deadline the incident starts for one organisation.',
})
export class IncidentDeadline {
  @Field(() => DeadlineKind, { description: 'Which report is due.' })
  kind: DeadlineKind;

  @Field(() => GraphQLISODateTime, { description: 'When the report is due.' })
  dueAt: Date;

  organizationUuid: string;
}
