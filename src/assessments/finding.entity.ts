import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { RequirementEntity } from '../baselines/requirement.entity.js';
import { EvidenceEntity } from '../evidence/evidence.entity.js';
import { ProductEntity } from '../products/product.entity.js';
import { AssessmentEntity } from './assessment.entity.js';
import type { FindingResult, RemediationState } from './dto/assessment.enum.js';

/**
 * The assessor's result for one requirement in one assessment. Recording again while the
 * assessment is in progress replaces it (same row), so there is one per requirement.
 */
@Entity('finding')
@Check(
  'ck_finding_result',
  `result IN ('SATISFIED', 'PARTIALLY_SATISFIED', 'NOT_SATISFIED', 'NOT_APPLICABLE')`,
)
@Index('uq_finding_assessment_requirement', ['assessmentId', 'requirementId'], { unique: true })
export class FindingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  assessmentId: string;

  @ManyToOne(() => AssessmentEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'fk_finding_assessment' })
  assessment?: AssessmentEntity;

  @Column({ type: 'uuid' })
  requirementId: string;

  @ManyToOne(() => RequirementEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_finding_requirement' })
  requirement?: RequirementEntity;

  @Column({ type: 'varchar', length: 30 })
  result: FindingResult;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  /** The finding of the previous assessment a DELTA assessment took this one over from. */
  @Column({ type: 'uuid', nullable: true })
  carriedOverFromId: string | null;

  @ManyToOne(() => FindingEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'carried_over_from_id', foreignKeyConstraintName: 'fk_finding_carried_over_from' })
  carriedOverFrom?: FindingEntity | null;
}

/** Evidence (of the assessed product) a finding rests on. */
@Entity('finding_evidence')
@Index('ix_finding_evidence_evidence', ['evidenceId', 'findingId'])
export class FindingEvidenceEntity {
  @PrimaryColumn({ type: 'uuid' })
  findingId: string;

  @PrimaryColumn({ type: 'uuid' })
  evidenceId: string;

  @ManyToOne(() => FindingEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'fk_finding_evidence_finding' })
  finding?: FindingEntity;

  @ManyToOne(() => EvidenceEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'fk_finding_evidence_evidence' })
  evidence?: EvidenceEntity;
}

/**
 * What the supplier must do about a gap, by when. `productId` rides along so the supplier's
 * completeRemediation and the overdue scan need no join; `overdueNotifiedAt` marks the one
 * REMEDIATION_OVERDUE event.
 */
@Entity('remediation')
@Check('ck_remediation_state', `state IN ('OPEN', 'DONE')`)
@Check('ck_remediation_done', `(state = 'DONE') = (completed_at IS NOT NULL)`)
@Index('uq_remediation_finding', ['findingId'], { unique: true })
@Index('ix_remediation_overdue', ['dueDate'], { where: `state = 'OPEN' AND overdue_notified_at IS NULL` })
export class RemediationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  findingId: string;

  @ManyToOne(() => FindingEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'fk_remediation_finding' })
  finding?: FindingEntity;

  @Column({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => ProductEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_remediation_product' })
  product?: ProductEntity;

  @Column({ type: 'varchar', length: 2000 })
  description: string;

  @Column({ type: 'timestamptz' })
  dueDate: Date;

  @Column({ type: 'varchar', length: 10 })
  state: RemediationState;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  overdueNotifiedAt: Date | null;
}
