import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import type { ConnectionShape } from '../common/graphql/connection.js';
import { BY_NAME, pageRequest } from '../common/graphql/cursor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Organization } from '../organizations/dto/organization.model.js';
import type { Product } from './dto/product.model.js';
import { ProductConnection } from './dto/product.model.js';
import { OrganizationProductsArgs } from './dto/products.args.js';
import { ProductLoaders } from './product-loaders.js';

/** Organization.products: the products an organisation supplies, readable by every signed-in caller. */
@Resolver(() => Organization)
export class OrganizationProductsResolver {
  constructor(private readonly productLoaders: ProductLoaders) {}

  @ResolveField(() => ProductConnection, { description: 'The products the organisation supplies, by name.' })
  products(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() organization: Organization,
    @Args() args: OrganizationProductsArgs,
  ): Promise<ConnectionShape<Product>> {
    const page = pageRequest(args, BY_NAME);
    // One loader per distinct page request: a list of organisations asking the same page batches.
    const key = `supplierProducts:${page.first}:${args.after ?? ''}`;
    return loaders
      .get(key, () => this.productLoaders.supplierProductsLoader(actor, page))
      .load(organization.uuid);
  }
}
