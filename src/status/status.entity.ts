import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaselineEntity } from '../baselines/baseline.entity.js';
import type { Tier } from '../baselines/dto/tier.enum.js';
import { ProductEntity } from '../products/product.entity.js';

/** One open remediation as the read model keeps it: enough for the overdue rule and its reason. */
export interface StoredOpenRemediation {
  readonly code: string;
  /** ISO 8601. */
  readonly due: string;
}

/** Cited evidence with a validUntil, as the read model keeps it for the evidence expiry rule. */
export interface StoredEvidenceExpiry {
  readonly code: string;
  readonly title: string;
  /** ISO 8601. */
  readonly until: string;
}

/**
 * The product-wide half of the status read model: suspension, open incidents, and which baseline
 * series the product is judged in (that of its latest assessment that was not withdrawn). The
 * judged baseline is that series' newest PUBLISHED version, found when reading, so publishing a
 * new version needs no rewrite here. Written only by StatusService, in the writing transaction.
 */
@Entity('product_status')
export class ProductStatusEntity {
  @PrimaryColumn({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => ProductEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_product_status_product' })
  product?: ProductEntity;

  @Column({ type: 'varchar', length: 64, nullable: true })
  seriesKey: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  suspensionReason: string | null;

  /** Kept by the incidents module through StatusService.refresh (see docs/development.md, "Status"). */
  @Column({ type: 'integer', default: 0 })
  openIncidents: number;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * The per-baseline half: for each product and baseline it has assessments against, the facts of
 * the newest completed assessment (outcome, dates, finding counts over the requirements of the
 * product's tier, open remediations) and of the open one. Time rules (expiry, overdue) are not
 * stored: they are applied on read from `validUntil` and `nextRemediationDueAt`/`remediations`.
 */
@Entity('product_baseline_status')
@Check(
  'ck_product_baseline_status_counts',
  `satisfied >= 0 AND partially_satisfied >= 0 AND not_satisfied >= 0
  AND not_applicable >= 0 AND not_assessed >= 0 AND open_remediations >= 0 AND done_remediations >= 0`,
)
export class ProductBaselineStatusEntity {
  @PrimaryColumn({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => ProductEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_product_baseline_status_product' })
  product?: ProductEntity;

  @PrimaryColumn({ type: 'uuid' })
  baselineId: string;

  @ManyToOne(() => BaselineEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'baseline_id', foreignKeyConstraintName: 'fk_product_baseline_status_baseline' })
  baseline?: BaselineEntity;

  /** The product's tier when computed; the counts are over the requirements of this tier. */
  @Column({ type: 'varchar', length: 10 })
  tier: Tier;

  @Column({ type: 'uuid', nullable: true })
  completedAssessmentId: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  outcome: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assessedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Column({ type: 'uuid', nullable: true })
  openAssessmentId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  openState: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  openRequestedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  openStartedAt: Date | null;

  @Column({ type: 'integer' })
  satisfied: number;

  @Column({ type: 'integer' })
  partiallySatisfied: number;

  @Column({ type: 'integer' })
  notSatisfied: number;

  @Column({ type: 'integer' })
  notApplicable: number;

  @Column({ type: 'integer' })
  notAssessed: number;

  @Column({ type: 'integer' })
  openRemediations: number;

  @Column({ type: 'integer' })
  doneRemediations: number;

  /** The earliest due date among open remediations: the next time the state may turn by itself. */
  @Column({ type: 'timestamptz', nullable: true })
  nextRemediationDueAt: Date | null;

  /** Open remediations of the completed assessment, by due date. */
  @Column({ type: 'jsonb' })
  remediations: StoredOpenRemediation[];

  /** The earliest validUntil of evidence cited by the completed assessment's findings. */
  @Column({ type: 'timestamptz', nullable: true })
  nextEvidenceExpiryAt: Date | null;

  /** Evidence with a validUntil cited by the completed assessment's findings, by validUntil. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidenceExpiries: StoredEvidenceExpiry[];

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
