import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Organization } from '../organizations/dto/organization.model.js';
import { ORGANIZATION_LOADER } from '../organizations/organization.mapper.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { Product } from '../products/dto/product.model.js';
import { ProductsService } from '../products/products.service.js';
import { Exposure, IncidentDeadline } from './dto/incident.model.js';

/** Exposure's organisation and products, batched over everything in the response. */
@Resolver(() => Exposure)
export class ExposureResolver {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly products: ProductsService,
  ) {}

  @ResolveField(() => Organization, { description: 'The exposed organisation.' })
  organization(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() exposure: Exposure,
  ) {
    return loaders
      .get(ORGANIZATION_LOADER, () => this.organizations.loader(actor))
      .load(exposure.organizationUuid);
  }

  @ResolveField(() => Product, { description: 'The product the organisation subscribes to.' })
  product(@CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders, @Parent() exposure: Exposure) {
    return loaders.get('product', () => this.products.loader(actor)).load(exposure.productUuid);
  }

  @ResolveField(() => [Product], {
    description: 'From the subscribed product down to the affected one; one element when directly affected.',
  })
  async path(@CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders, @Parent() exposure: Exposure) {
    const found = await loaders
      .get('product', () => this.products.loader(actor))
      .loadMany(exposure.pathUuids);
    return found.filter((p): p is Product => p !== null && !(p instanceof Error));
  }
}

@Resolver(() => IncidentDeadline)
export class IncidentDeadlineResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @ResolveField(() => Organization, { description: 'The organisation that must report.' })
  organization(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() deadline: IncidentDeadline,
  ) {
    return loaders
      .get(ORGANIZATION_LOADER, () => this.organizations.loader(actor))
      .load(deadline.organizationUuid);
  }
}
