import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { isUuid } from '../common/graphql/global-id.js';
import { NodeRegistry } from '../common/graphql/node-registry.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { ProductsModule } from '../products/products.module.js';
import { CustomersService } from './customers.service.js';
import { ProductSubscriberCountResolver } from './product-subscriber-count.resolver.js';
import { ProductSubscriptionEntity } from './product-subscription.entity.js';
import { PRODUCT_SUBSCRIPTION_TYPE } from './product-subscription.mapper.js';
import { SubscriptionsResolver } from './subscriptions.resolver.js';
import { SubscriptionsService } from './subscriptions.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ProductSubscriptionEntity]), OrganizationsModule, ProductsModule],
  providers: [SubscriptionsService, CustomersService, SubscriptionsResolver, ProductSubscriberCountResolver],
  exports: [SubscriptionsService],
})
export class SubscriptionsModule implements OnModuleInit {
  constructor(
    private readonly nodes: NodeRegistry,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  onModuleInit(): void {
    this.nodes.register(PRODUCT_SUBSCRIPTION_TYPE, (actor, key) =>
      isUuid(key) ? this.subscriptions.findVisible(actor, key) : Promise.resolve(null),
    );
  }
}
