import { IdArgs } from '../common/graphql/id.args.js';
import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import { callerOf, type RequestContext, type RequestLoaders } from '../common/graphql/request-context.js';
import { Organization } from '../organizations/dto/organization.model.js';
import { ORGANIZATION_LOADER } from '../organizations/organization.mapper.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { Product, ProductConnection } from './dto/product.model.js';
import {
  ProductsArgs,
  RegisterProductArgs,
  SetProductTierArgs,
  UpdateProductArgs,
} from './dto/products.args.js';
import { ProductLoaders } from './product-loaders.js';
import { ProductPreloads } from './product-preloads.js';
import { primeProductLoaders } from './product.mapper.js';
import { ProductsService } from './products.service.js';
import { statusDetailOf } from '../status/status-selection.js';

@Resolver(() => Product)
export class ProductsResolver {
  constructor(
    private readonly service: ProductsService,
    private readonly productLoaders: ProductLoaders,
    private readonly organizations: OrganizationsService,
    private readonly preloads: ProductPreloads,
  ) {}

  @Query(() => ProductConnection, { description: 'Every product in the registry, by name.' })
  @Allow(POLICIES.products)
  products(@CurrentActor() actor: Actor, @Args() args: ProductsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => Product, { nullable: true, description: 'NOT_FOUND when the id names no product.' })
  @Allow(POLICIES.product)
  async product(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Args() args: IdArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Fields of other modules its statement can read too (the newest assessment and its findings).
    const lookahead = this.preloads.lookahead({ actor, loaders, nodes: info.fieldNodes, document: info });
    const statusDetail = statusDetailOf(info.fieldNodes, info);
    const product = await this.service.get(actor, args.id, lookahead, statusDetail);
    primeProductLoaders(loaders, [product]);
    return product;
  }

  @Mutation(() => Product, { description: "Supplier: register one of its organisation's products." })
  @Allow(POLICIES.registerProduct)
  registerProduct(@CurrentActor() actor: Actor, @Args() args: RegisterProductArgs) {
    return this.service.register(actor, args.input);
  }

  @Mutation(() => Product, { description: "Supplier: change one of its organisation's products." })
  @Allow(POLICIES.updateProduct)
  updateProduct(@CurrentActor() actor: Actor, @Args() args: UpdateProductArgs) {
    return this.service.update(actor, args.id, args.input);
  }

  @Mutation(() => Product, {
    description: "Agency: raise a product's tier above what its data categories give.",
  })
  @Allow(POLICIES.setProductTier)
  setProductTier(@CurrentActor() actor: Actor, @Args() args: SetProductTierArgs) {
    return this.service.setTier(actor, args.id, args.tier);
  }

  @ResolveField(() => Organization, { description: 'The organisation that supplies the product.' })
  supplier(
    product: Product,
    _args: object,
    context: RequestContext,
  ): Organization | null | Promise<Organization | null> {
    // The supplier the product's own statement read (every caller sees every supplier), else the loader.
    const alongside = product.alongside?.supplier;
    if (alongside) return alongside;
    return context.loaders
      .get(ORGANIZATION_LOADER, () => this.organizations.loader(callerOf(context)))
      .load(product.supplierUuid);
  }

  @ResolveField(() => [Product], {
    description: 'Other products this one relies on to process its data (sub-processors).',
  })
  subprocessors(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() product: Product,
  ): Promise<Product[]> {
    return loaders
      .get('productSubprocessors', () => this.productLoaders.subprocessorsLoader(actor))
      .load(product.uuid);
  }
}
