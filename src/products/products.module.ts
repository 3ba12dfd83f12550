import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { OrganizationProductsResolver } from './organization-products.resolver.js';
import { ProductEntity, ProductSubprocessorEntity } from './product.entity.js';
import { ProductDirectory } from './product-directory.js';
import { ProductLoaders } from './product-loaders.js';
import { ProductPreloads } from './product-preloads.js';
import { ProductsResolver } from './products.resolver.js';
import { ProductsService } from './products.service.js';
import { RegistryEventProductResolver } from './registry-event-product.resolver.js';
import { SubprocessorGraph } from './subprocessor-graph.js';

@Module({
  imports: [TypeOrmModule.forFeature([ProductEntity, ProductSubprocessorEntity]), OrganizationsModule],
  providers: [
    ProductsService,
    ProductDirectory,
    ProductLoaders,
    ProductPreloads,
    SubprocessorGraph,
    ProductsResolver,
    OrganizationProductsResolver,
    RegistryEventProductResolver,
  ],
  exports: [ProductsService, ProductDirectory, ProductLoaders, ProductPreloads, SubprocessorGraph],
})
export class ProductsModule {}
