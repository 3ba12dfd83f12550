import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Organization } from '../organizations/dto/organization.model.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { ProductSubscription, ProductSubscriptionConnection } from './dto/product-subscription.model.js';
import { MySubscriptionsArgs, SubscribeArgs, UnsubscribeArgs } from './dto/subscriptions.args.js';
import { SubscriptionsService } from './subscriptions.service.js';

@Resolver(() => ProductSubscription)
export class SubscriptionsResolver {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => ProductSubscriptionConnection, {
    description: "The caller's own subscriptions, by product name (municipalities, regions, public bodies).",
  })
  @Allow(POLICIES.mySubscriptions)
  mySubscriptions(@CurrentActor() actor: Actor, @Args() args: MySubscriptionsArgs) {
    return this.subscriptions.mine(actor, args);
  }

  @Mutation(() => ProductSubscription, {
    description: 'Customer: rely on a product with some of its data; CONFLICT when already subscribed.',
  })
  @Allow(POLICIES.subscribeToProduct)
  subscribeToProduct(@CurrentActor() actor: Actor, @Args() args: SubscribeArgs) {
    return this.subscriptions.subscribe(actor, args.input);
  }

  @Mutation(() => Boolean, { description: 'Customer: NOT_FOUND when not subscribed.' })
  @Allow(POLICIES.unsubscribeFromProduct)
  unsubscribeFromProduct(@CurrentActor() actor: Actor, @Args() args: UnsubscribeArgs) {
    return this.subscriptions.unsubscribe(actor, args.productId);
  }

  @ResolveField(() => Organization)
  subscriber(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() subscription: ProductSubscription,
  ): Promise<Organization | null> {
    return loaders
      .get('organization', () => this.organizations.loader(actor))
      .load(subscription.subscriberUuid);
  }
}
