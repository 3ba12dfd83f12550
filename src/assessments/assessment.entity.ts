import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { BaselineEntity } from '../baselines/baseline.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { ProductEntity } from '../products/product.entity.js';
import type { AssessmentOutcome, AssessmentScope, AssessmentState } from './dto/assessment.enum.js';

/**
 * One assessment of one product against one baseline version. The workflow (requested, in
 * progress, completed or withdrawn) is the service's; the database guards what must never break:
 * one open assessment per product and baseline, and a completed one carries its outcome and dates.
 */
@Entity('assessment')
@Check('ck_assessment_scope', `scope IN ('FULL', 'DELTA')`)
@Check('ck_assessment_state', `state IN ('REQUESTED', 'IN_PROGRESS', 'COMPLETED', 'WITHDRAWN')`)
@Check(
  'ck_assessment_outcome',
  `outcome IS NULL OR outcome IN ('APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED')`,
)
@Check(
  'ck_assessment_completed',
  `(state = 'COMPLETED') = (outcome IS NOT NULL AND completed_at IS NOT NULL AND valid_until IS NOT NULL)`,
)
@Check('ck_assessment_assessor', `state = 'REQUESTED' OR state = 'WITHDRAWN' OR assessor_id IS NOT NULL`)
@Index('uq_assessment_open', ['productId', 'baselineId'], {
  unique: true,
  where: `state IN ('REQUESTED', 'IN_PROGRESS')`,
})
// Product.assessments, newest first, and the status refresh (all of a product's assessments).
@Index('ix_assessment_product', ['productId', 'requestedAt', 'id'])
// The queue: requested ones for every assessor, and each body's own.
@Index('ix_assessment_state', ['state', 'requestedAt', 'id'])
@Index('ix_assessment_assessor', ['assessorId', 'requestedAt', 'id'])
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => ProductEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_assessment_product' })
  product?: ProductEntity;

  @Column({ type: 'uuid' })
  baselineId: string;

  @ManyToOne(() => BaselineEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'baseline_id', foreignKeyConstraintName: 'fk_assessment_baseline' })
  baseline?: BaselineEntity;

  @Column({ type: 'varchar', length: 20 })
  state: AssessmentState;

  /** FULL, or DELTA: started with the unchanged findings of the previous completed assessment. */
  @Column({ type: 'varchar', length: 10, default: 'FULL' })
  scope: AssessmentScope;

  /** The assessment body that took it; only it records findings and completes it. */
  @Column({ type: 'uuid', nullable: true })
  assessorId: string | null;

  @ManyToOne(() => OrganizationEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_assessment_assessor' })
  assessor?: OrganizationEntity | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  outcome: AssessmentOutcome | null;

  /** Millisecond precision, so a JavaScript Date in a list cursor names the row exactly. */
  @Column({ type: 'timestamptz', precision: 3 })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
