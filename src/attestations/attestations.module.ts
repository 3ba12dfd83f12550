import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaselinesModule } from '../baselines/baselines.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { ProductsModule } from '../products/products.module.js';
import {
  AttestationEntity,
  AttestationEvidenceEntity,
  AttestationRevisionEntity,
} from './attestation.entity.js';
import { AttestationsResolver } from './attestations.resolver.js';
import { AttestationsService } from './attestations.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([AttestationEntity, AttestationEvidenceEntity, AttestationRevisionEntity]),
    ProductsModule,
    BaselinesModule,
    EvidenceModule,
  ],
  providers: [AttestationsService, AttestationsResolver],
  exports: [AttestationsService],
})
export class AttestationsModule {}
