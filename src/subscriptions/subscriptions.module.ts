import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { ProductsModule } from '../products/products.module.js';
import { CustomersService } from './customers.service.js';
import { ProductSubscriberCountResolver } from './product-subscriber-count.resolver.js';
import { ProductSubscriptionEntity } from './product-subscription.entity.js';
import { SubscriptionsResolver } from './subscriptions.resolver.js';
import { SubscriptionsService } from './subscriptions.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ProductSubscriptionEntity]), OrganizationsModule, ProductsModule],
  providers: [SubscriptionsService, CustomersService, SubscriptionsResolver, ProductSubscriberCountResolver],
  exports: [SubscriptionsService],
})
export class SubscriptionsModule {}
