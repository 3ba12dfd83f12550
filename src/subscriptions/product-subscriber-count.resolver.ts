import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Product } from '../products/dto/product.model.js';
import { SubscriptionsService } from './subscriptions.service.js';

/** Product.subscriberCount lives here, beside the table it counts. */
@Resolver(() => Product)
export class ProductSubscriberCountResolver {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @ResolveField(() => Int, {
    nullable: true,
    description:
      "How many CONFIRMED customers the product has (pending requests are in customerRequests). Visible to the agency and the product's supplier only; null for others.",
  })
  subscriberCount(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() product: Product,
  ): Promise<number> | null {
    if (!this.subscriptions.seesSubscriberCount(actor, product.supplierUuid)) return null;
    return loaders
      .get('productSubscriberCount', () => this.subscriptions.subscriberCountLoader(actor))
      .load(product.uuid);
  }
}
