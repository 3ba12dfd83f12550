import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaselinesModule } from '../baselines/baselines.module.js';
import { IncidentReadsModule } from '../incidents/incident-reads.module.js';
import { ProductsModule } from '../products/products.module.js';
import { ProductStatusBaselineResolver } from './product-status-baseline.resolver.js';
import { ChainLinkResolver, ProductStatusChainResolver } from './product-status-chain.resolver.js';
import { ProductStatusResolver } from './product-status.resolver.js';
import { ProductChainStatusEntity } from './chain-status.entity.js';
import { ProductBaselineStatusEntity, ProductStatusEntity } from './status.entity.js';
import { StatusChainSource } from './status-chain.source.js';
import { StatusExpirySource } from './status-expiry.source.js';
import { StatusProductEvents } from './status-product-events.js';
import { StatusService } from './status.service.js';

/**
 * The shared status of products: Product.status, its read model, suspension, and
 * ProductFilter.state. Other modules call StatusService.refresh(tx, productUuids) in every write
 * that changes what the status depends on; product writes reach it through their transaction
 * events (StatusProductEvents). See docs/development.md, "Status".
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ProductStatusEntity, ProductBaselineStatusEntity, ProductChainStatusEntity]),
    ProductsModule,
    BaselinesModule,
    IncidentReadsModule,
  ],
  providers: [
    StatusService,
    StatusProductEvents,
    // Scheduled sources, in the order they run: transitions and cited evidence ending
    // (STATUS_CHANGED the moment they turn), then own states that turned reaching the chain.
    StatusExpirySource,
    StatusChainSource,
    ProductStatusResolver,
    ProductStatusBaselineResolver,
    ProductStatusChainResolver,
    ChainLinkResolver,
  ],
  exports: [StatusService],
})
export class StatusModule {}
