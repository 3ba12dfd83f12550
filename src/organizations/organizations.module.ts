import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NodeRegistry } from '../common/graphql/node-registry.js';
import { OrganizationEntity } from './organization.entity.js';
import { ORGANIZATION_TYPE } from './organization.mapper.js';
import { OrganizationsResolver } from './organizations.resolver.js';
import { OrganizationsService } from './organizations.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([OrganizationEntity])],
  providers: [OrganizationsService, OrganizationsResolver],
  exports: [OrganizationsService, TypeOrmModule],
})
export class OrganizationsModule implements OnModuleInit {
  constructor(
    private readonly nodes: NodeRegistry,
    private readonly organizations: OrganizationsService,
  ) {}

  onModuleInit(): void {
    this.nodes.register(ORGANIZATION_TYPE, (actor, key) => this.organizations.findByUuid(actor, key));
  }
}
