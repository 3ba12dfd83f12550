import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Organization } from '../organizations/dto/organization.model.js';
import { ORGANIZATION_LOADER } from '../organizations/organization.mapper.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { ConcentrationService } from './concentration.service.js';
import { SupplierConcentration, SupplierConcentrationConnection } from './dto/concentration.model.js';
import { SupplierConcentrationArgs } from './dto/incidents.args.js';

@Resolver(() => SupplierConcentration)
export class ConcentrationResolver {
  constructor(
    private readonly concentration: ConcentrationService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => SupplierConcentrationConnection, {
    description:
      'Agency: suppliers ranked by how many municipalities and regions depend on them, directly or through ' +
      'sub-processors: the next single point of failure.',
  })
  @Allow(POLICIES.supplierConcentration)
  supplierConcentration(@CurrentActor() actor: Actor, @Args() args: SupplierConcentrationArgs) {
    return this.concentration.list(actor, args);
  }

  @ResolveField(() => Organization, { description: 'The supplier.' })
  supplier(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() row: SupplierConcentration,
  ) {
    return loaders.get(ORGANIZATION_LOADER, () => this.organizations.loader(actor)).load(row.supplierUuid);
  }
}
