import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { AuditEntryEntity, AuditHeadEntity } from './audit-entry.entity.js';
import { AuditCheckpointEntity } from './audit-checkpoint.entity.js';
import { AuditCheckpointService } from './audit-checkpoint.service.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([AuditEntryEntity, AuditHeadEntity, AuditCheckpointEntity]),
    OrganizationsModule,
  ],
  providers: [AuditService, AuditCheckpointService, AuditResolver],
  exports: [AuditService, AuditCheckpointService],
})
export class AuditModule {}
