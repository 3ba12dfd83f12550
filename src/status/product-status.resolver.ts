import { IdArgs } from '../common/graphql/id.args.js';
import { Args, ArgsType, Field, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import { callerOf, type RequestContext } from '../common/graphql/request-context.js';
import { Product } from '../products/dto/product.model.js';
import { ProductStatus } from './dto/product-status.model.js';
import { PRODUCT_STATUS_LOADER } from './status-from-row.js';
import { StatusService, SUSPENSION_REASON_MAX } from './status.service.js';
import { IdField } from '../common/graphql/id-field.js';

@ArgsType()
export class SuspendProductArgs {
  @IdField({ description: 'The product to suspend.' })
  id: string;

  @Field({ description: `Shown to every reader of the status; 3-${SUSPENSION_REASON_MAX} characters.` })
  @IsString()
  @MaxLength(SUSPENSION_REASON_MAX * 2)
  reason: string;
}

/** Product.status (every signed-in caller reads it) and the agency's suspension. */
@Resolver(() => Product)
export class ProductStatusResolver {
  constructor(private readonly statusService: StatusService) {}

  @ResolveField(() => ProductStatus, {
    description: 'The shared compliance status, the same for every caller.',
  })
  status(
    product: Product,
    _args: object,
    context: RequestContext,
  ): ProductStatus | null | Promise<ProductStatus | null> {
    // The status the product's own statement read (as much of it as the selection asks for,
    // statusDetailOf), else the request's loader: one statement for all the others.
    const alongside = product.alongside?.status;
    if (alongside) return alongside();
    return context.loaders
      .get(PRODUCT_STATUS_LOADER, () => this.statusService.loader(callerOf(context)))
      .load(product.uuid);
  }

  @Mutation(() => Product, {
    description:
      "Agency: suspend the product's shared status (state SUSPENDED, with the reason); CONFLICT if already.",
  })
  @Allow(POLICIES.suspendProduct)
  suspendProduct(@CurrentActor() actor: Actor, @Args() args: SuspendProductArgs): Promise<Product> {
    return this.statusService.suspend(actor, args.id, args.reason);
  }

  @Mutation(() => Product, { description: 'Agency: lift a suspension; CONFLICT when not suspended.' })
  @Allow(POLICIES.reinstateProduct)
  reinstateProduct(@CurrentActor() actor: Actor, @Args() args: IdArgs): Promise<Product> {
    return this.statusService.reinstate(actor, args.id);
  }
}
