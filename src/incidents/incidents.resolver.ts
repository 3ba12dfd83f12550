import { IdArgs } from '../common/graphql/id.args.js';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Organization } from '../organizations/dto/organization.model.js';
import { ORGANIZATION_LOADER } from '../organizations/organization.mapper.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { Product } from '../products/dto/product.model.js';
import { Exposure, Incident, IncidentConnection, IncidentDeadline } from './dto/incident.model.js';
import {
  ExposureArgs,
  IncidentsArgs,
  ReportIncidentArgs,
  ResolveIncidentArgs,
  UpdateIncidentArgs,
} from './dto/incidents.args.js';
import { ExposureService, toExposure } from './exposure.service.js';
import { IncidentWritesService } from './incident-writes.service.js';
import { IncidentsService } from './incidents.service.js';

@Resolver(() => Incident)
export class IncidentsResolver {
  constructor(
    private readonly incidentsService: IncidentsService,
    private readonly writes: IncidentWritesService,
    private readonly exposureService: ExposureService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => IncidentConnection, {
    description:
      'Incidents the caller may see, newest first: its own, those exposing it; all for the agency.',
  })
  @Allow(POLICIES.incidents)
  incidents(@CurrentActor() actor: Actor, @Args() args: IncidentsArgs) {
    return this.incidentsService.list(actor, args);
  }

  @Query(() => Incident, { nullable: true, description: 'NOT_FOUND unless the caller may see the incident.' })
  @Allow(POLICIES.incident)
  incident(@CurrentActor() actor: Actor, @Args() args: IdArgs) {
    return this.incidentsService.get(actor, args.id);
  }

  @Query(() => [Exposure], {
    description:
      'Who would be exposed if this product were breached, through direct and sub-processor subscriptions. ' +
      "The agency and the product's supplier see all; a customer sees its own rows; others are FORBIDDEN.",
  })
  @Allow(POLICIES.exposure)
  exposure(@CurrentActor() actor: Actor, @Args() args: ExposureArgs) {
    return this.exposureService.whatIf(actor, args.productId);
  }

  @Mutation(() => Incident, {
    description: 'Supplier: report an incident affecting some of its own products.',
  })
  @Allow(POLICIES.reportIncident)
  reportIncident(@CurrentActor() actor: Actor, @Args() args: ReportIncidentArgs) {
    return this.writes.report(actor, args.input);
  }

  @Mutation(() => Incident, {
    description: 'Supplier: change the severity, categories or description of an open incident.',
  })
  @Allow(POLICIES.updateIncident)
  updateIncident(@CurrentActor() actor: Actor, @Args() args: UpdateIncidentArgs) {
    return this.writes.update(actor, args.id, args.input);
  }

  @Mutation(() => Incident, { description: 'The reporting supplier or the agency: close an open incident.' })
  @Allow(POLICIES.resolveIncident)
  resolveIncident(@CurrentActor() actor: Actor, @Args() args: ResolveIncidentArgs) {
    return this.writes.resolve(actor, args.id, args.summary);
  }

  @ResolveField(() => Organization, { description: 'The supplier that reported it.' })
  supplier(@CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders, @Parent() incident: Incident) {
    return loaders
      .get(ORGANIZATION_LOADER, () => this.organizations.loader(actor))
      .load(incident.supplierUuid);
  }

  @ResolveField(() => [Product], { description: 'The products the supplier reported as affected.' })
  products(@CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders, @Parent() incident: Incident) {
    return loaders
      .get('incidentProducts', () => this.incidentsService.productsLoader(actor))
      .load(incident.uuid);
  }

  @ResolveField(() => [Exposure], {
    description:
      'Every organisation exposed through a direct or sub-processor subscription, one entry per path. ' +
      'An exposed organisation sees only its own entries.',
  })
  async exposures(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() incident: Incident,
  ) {
    const rows = await loaders
      .get('incidentExposure', () => this.exposureService.rowsLoader(actor))
      .load(incident);
    return rows.map(toExposure);
  }

  @ResolveField(() => [IncidentDeadline], {
    description: "Only the caller's own deadlines, unless the caller is the agency.",
  })
  async deadlines(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() incident: Incident,
  ) {
    const rows = await loaders
      .get('incidentExposure', () => this.exposureService.rowsLoader(actor))
      .load(incident);
    return this.exposureService.deadlines(actor, incident, rows);
  }
}
