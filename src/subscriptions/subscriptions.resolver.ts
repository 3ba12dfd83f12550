import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import type { ConnectionShape } from '../common/graphql/connection.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { fieldsAt, nodesSelectOnly } from '../common/graphql/selection.js';
import { Organization } from '../organizations/dto/organization.model.js';
import { ORGANIZATION_HEAD_FIELDS, ORGANIZATION_LOADER } from '../organizations/organization.mapper.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { PRODUCT_HEAD_FIELDS, primeProductLoaders } from '../products/product.mapper.js';
import { ProductPreloads } from '../products/product-preloads.js';
import { statusDetailOf } from '../status/status-selection.js';
import { ProductSubscription, ProductSubscriptionConnection } from './dto/product-subscription.model.js';
import {
  ConfirmCustomerArgs,
  CustomerRequestsArgs,
  DeclineCustomerArgs,
  MySubscriptionsArgs,
  SubscribeArgs,
  UnsubscribeArgs,
} from './dto/subscriptions.args.js';
import { CustomersService } from './customers.service.js';
import { SubscriptionsService } from './subscriptions.service.js';
import type { MineRead } from './mine-sql.js';
import { SUBSCRIPTION_HEAD_FIELDS } from './product-subscription.mapper.js';

/** Where a page of subscriptions holds its subscriptions and their products. */
const NODE_PATH = ['edges', 'node'];
const PRODUCT_PATH = [...NODE_PATH, 'product'];

/**
 * What mine() reads for this selection: heads of the subscriptions, products and suppliers when
 * it asks only for the fields heads answer (through fragments and aliases; a field under
 * @skip/@include counts as asked), and as much of the status as it asks for.
 */
function mineReadOf(info: GraphQLResolveInfo, products: FieldNode[]): MineRead {
  const heads =
    nodesSelectOnly(fieldsAt(info.fieldNodes, info, NODE_PATH), info, SUBSCRIPTION_HEAD_FIELDS) &&
    nodesSelectOnly(products, info, PRODUCT_HEAD_FIELDS) &&
    nodesSelectOnly(fieldsAt(products, info, ['supplier']), info, ORGANIZATION_HEAD_FIELDS);
  return { heads, statusDetail: statusDetailOf(products, info) };
}

const productsOf = (page: ConnectionShape<ProductSubscription>) =>
  page.edges.map((edge) => edge.node.product);

@Resolver(() => ProductSubscription)
export class SubscriptionsResolver {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly organizations: OrganizationsService,
    private readonly customers: CustomersService,
    private readonly preloads: ProductPreloads,
  ) {}

  @Query(() => ProductSubscriptionConnection, {
    description: "The caller's own subscriptions, by product name (municipalities, regions, public bodies).",
  })
  @Allow(POLICIES.mySubscriptions)
  async mySubscriptions(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Args() args: MySubscriptionsArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    // Fields of other modules its statement can read too (the newest assessment and its findings).
    const products = fieldsAt(info.fieldNodes, info, PRODUCT_PATH);
    const lookahead = this.preloads.lookahead({ actor, loaders, nodes: products, document: info });
    const page = await this.subscriptions.mine(actor, args, lookahead, mineReadOf(info, products));
    primeProductLoaders(loaders, productsOf(page));
    return page;
  }

  @Mutation(() => ProductSubscription, {
    description:
      'Customer: declare that you use a product with some of its data; CONFLICT when already subscribed. ' +
      'Starts PENDING until the supplier or the agency confirms you as a customer.',
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

  @Query(() => ProductSubscriptionConnection, {
    description:
      'Supplier: subscriptions to its products by customer status, newest first; the agency sees all.',
  })
  @Allow(POLICIES.customerRequests)
  async customerRequests(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Args() args: CustomerRequestsArgs,
  ) {
    const page = await this.customers.requests(actor, args);
    primeProductLoaders(loaders, productsOf(page));
    return page;
  }

  @Mutation(() => ProductSubscription, {
    description:
      "Supplier of the product, or the agency: confirm that the subscriber is a customer (it then sees SUBSCRIBERS evidence and the product's whole incident history). CONFLICT when already confirmed.",
  })
  @Allow(POLICIES.confirmCustomer)
  confirmCustomer(@CurrentActor() actor: Actor, @Args() args: ConfirmCustomerArgs) {
    return this.customers.confirm(actor, args.subscriptionId);
  }

  @Mutation(() => ProductSubscription, {
    description:
      'Supplier of the product, or the agency: say that the subscriber is not (or no longer) a customer, with a reason it reads. It loses customer access. CONFLICT when already declined.',
  })
  @Allow(POLICIES.declineCustomer)
  declineCustomer(@CurrentActor() actor: Actor, @Args() args: DeclineCustomerArgs) {
    return this.customers.decline(actor, args.subscriptionId, args.reason);
  }

  @ResolveField(() => Organization, { description: 'The customer organisation that uses the product.' })
  subscriber(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() subscription: ProductSubscription,
  ): Promise<Organization | null> {
    return loaders
      .get(ORGANIZATION_LOADER, () => this.organizations.loader(actor))
      .load(subscription.subscriberUuid);
  }
}
