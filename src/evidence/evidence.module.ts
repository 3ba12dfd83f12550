import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaselinesModule } from '../baselines/baselines.module.js';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.constants.js';
import { ProductsModule } from '../products/products.module.js';
import { EvidenceEntity, EvidenceRequirementEntity } from './evidence.entity.js';
import { EvidenceExpirySource } from './evidence-expiry.source.js';
import { EvidenceResolver } from './evidence.resolver.js';
import { EvidenceRoutes } from './evidence.routes.js';
import { EvidenceService } from './evidence.service.js';
import { EvidenceDownloadService } from './evidence-download.service.js';
import { EvidenceUploadService } from './evidence-upload.service.js';
import { ProductEvidenceResolver } from './product-evidence.resolver.js';
import { LocalStorageBackend } from './storage/local-storage.js';
import { EVIDENCE_STORAGE } from './storage/storage-backend.js';

/**
 * Evidence: metadata through GraphQL, bytes through a one-time upload URL and signed download
 * URLs. Other modules use EvidenceService (`visibleLoader`, `visibleByIds`) for evidence lists.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([EvidenceEntity, EvidenceRequirementEntity]),
    ProductsModule,
    BaselinesModule,
  ],
  providers: [
    {
      provide: EVIDENCE_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalStorageBackend(join(config.dataDir, 'evidence')),
    },
    EvidenceService,
    EvidenceUploadService,
    EvidenceDownloadService,
    EvidenceRoutes,
    EvidenceResolver,
    ProductEvidenceResolver,
    EvidenceExpirySource,
  ],
  exports: [EvidenceService],
})
export class EvidenceModule {}
