import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BaselinesModule } from '../baselines/baselines.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { ProductsModule } from '../products/products.module.js';
import { StatusModule } from '../status/status.module.js';
import { AssessmentEntity } from './assessment.entity.js';
import { AssessmentWorkflowResolver } from './assessment-workflow.resolver.js';
import { AssessmentWorkflowService } from './assessment-workflow.service.js';
import { AssessmentsResolver } from './assessments.resolver.js';
import { AssessmentsService } from './assessments.service.js';
import { FindingEntity, FindingEvidenceEntity, RemediationEntity } from './finding.entity.js';
import { FindingEvidenceWriter } from './finding-evidence.writer.js';
import { FindingRecorder } from './finding-recorder.service.js';
import { FindingResolver } from './finding.resolver.js';
import { FindingsReader } from './findings.reader.js';
import { ProductAssessmentsPreload } from './product-assessments.preload.js';
import { ProductAssessmentsResolver } from './product-assessments.resolver.js';
import { RemediationOverdueSource } from './remediation-overdue.source.js';

/**
 * Assessments of products against baselines: the workflow (request, start, record findings,
 * complete, withdraw, complete remediations), reading them with findings, and the overdue
 * announcements. Each write refreshes the shared status (StatusModule) in its transaction.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([AssessmentEntity, FindingEntity, FindingEvidenceEntity, RemediationEntity]),
    OrganizationsModule,
    ProductsModule,
    BaselinesModule,
    EvidenceModule,
    StatusModule,
  ],
  providers: [
    AssessmentsService,
    AssessmentWorkflowService,
    FindingEvidenceWriter,
    FindingRecorder,
    FindingsReader,
    ProductAssessmentsPreload,
    RemediationOverdueSource,
    AssessmentsResolver,
    AssessmentWorkflowResolver,
    FindingResolver,
    ProductAssessmentsResolver,
  ],
  exports: [AssessmentsService, AssessmentWorkflowService, FindingRecorder, RemediationOverdueSource],
})
export class AssessmentsModule {}
