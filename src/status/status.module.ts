import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '../events/clock.js';
import { EventScheduler } from '../events/scheduler/event-scheduler.js';
import { ProductsModule } from '../products/products.module.js';
import { ProductsService } from '../products/products.service.js';
import { BaselinesModule } from '../baselines/baselines.module.js';
import { ProductStatusBaselineResolver } from './product-status-baseline.resolver.js';
import { ChainLinkResolver, ProductStatusChainResolver } from './product-status-chain.resolver.js';
import { ProductStatusResolver } from './product-status.resolver.js';
import { ProductChainStatusEntity } from './chain-status.entity.js';
import { ProductBaselineStatusEntity, ProductStatusEntity } from './status.entity.js';
import { StatusExpirySource } from './status-expiry.source.js';
import { statusStateSql } from './status-sql.js';
import { StatusService } from './status.service.js';

/**
 * The shared status of products: Product.status, its read model, suspension, and
 * ProductFilter.state. Other modules call StatusService.refresh(tx, productUuids) in every write
 * that changes what the status depends on (see docs/development.md, "Status").
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ProductStatusEntity, ProductBaselineStatusEntity, ProductChainStatusEntity]),
    ProductsModule,
    BaselinesModule,
  ],
  providers: [
    StatusService,
    StatusExpirySource,
    ProductStatusResolver,
    ProductStatusBaselineResolver,
    ProductStatusChainResolver,
    ChainLinkResolver,
  ],
  exports: [StatusService],
})
export class StatusModule implements OnModuleInit {
  constructor(
    private readonly status: StatusService,
    private readonly products: ProductsService,
    private readonly clock: Clock,
    private readonly scheduler: EventScheduler,
    private readonly expiry: StatusExpirySource,
  ) {}

  onModuleInit(): void {
    // Transitions and cited evidence ending: announced (STATUS_CHANGED) the moment they turn.
    this.scheduler.register(this.expiry);
    this.products.useStateFilter((qb, alias, state) => {
      qb.andWhere(this.status.stateCondition(alias, statusStateSql(':statusNow')), {
        statusNow: this.clock.now(),
        statusState: state,
      });
    });
    // The chain is part of the status: recompute it when the product's sub-processors or name change.
    this.products.onGraphChange((tx, uuids) => this.status.refresh(tx, uuids));
    // Own states that change with time alone reach the products relying on them on the next pass.
    this.scheduler.register({
      name: 'status-chain',
      collect: (em, now) => this.status.sweepChains(em, now),
    });
    // The counts cover the requirements of the product's tier: recompute when it changes.
    this.products.onTierChange((tx, changes) =>
      this.status.refresh(
        tx,
        changes.map((change) => change.uuid),
      ),
    );
  }
}
