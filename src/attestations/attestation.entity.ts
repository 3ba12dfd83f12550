import {
  Check,
  Column,
  CreateDateColumn,
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
import type { ImplementationStatus } from './dto/implementation-status.enum.js';

const STATUSES = `('IMPLEMENTED', 'PARTIALLY_IMPLEMENTED', 'PLANNED', 'NOT_APPLICABLE')`;

/** The supplier's current statement on one requirement for one product; earlier ones are revisions. */
@Entity('attestation')
@Index('uq_attestation_product_requirement', ['productId', 'requirementId'], { unique: true })
@Check('ck_attestation_status', `status IN ${STATUSES}`)
export class AttestationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => ProductEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_attestation_product' })
  product?: ProductEntity;

  @Column({ type: 'uuid' })
  requirementId: string;

  @ManyToOne(() => RequirementEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_attestation_requirement' })
  requirement?: RequirementEntity;

  @Column({ type: 'varchar', length: 30 })
  status: ImplementationStatus;

  @Column({ type: 'varchar', length: 4000 })
  statement: string;

  @Column({ type: 'timestamptz' })
  attestedAt: Date;
}

/** The evidence an attestation points to (always evidence of the same product). */
@Entity('attestation_evidence')
@Index('ix_attestation_evidence_evidence', ['evidenceId'])
export class AttestationEvidenceEntity {
  @PrimaryColumn({ type: 'uuid' })
  attestationId: string;

  @PrimaryColumn({ type: 'uuid' })
  evidenceId: string;

  @ManyToOne(() => AttestationEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attestation_id', foreignKeyConstraintName: 'fk_attestation_evidence_attestation' })
  attestation?: AttestationEntity;

  @ManyToOne(() => EvidenceEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'fk_attestation_evidence_evidence' })
  evidence?: EvidenceEntity;
}

/**
 * Every statement ever attested, append-only: the audit entry of each attest names its revision,
 * so the history of what a supplier claimed, and when, stays after a statement is replaced.
 */
@Entity('attestation_revision')
@Index('ix_attestation_revision_attestation', ['attestationId', 'recordedAt'])
@Check('ck_attestation_revision_status', `status IN ${STATUSES}`)
export class AttestationRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  attestationId: string;

  @ManyToOne(() => AttestationEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attestation_id', foreignKeyConstraintName: 'fk_attestation_revision_attestation' })
  attestation?: AttestationEntity;

  @Column({ type: 'varchar', length: 30 })
  status: ImplementationStatus;

  @Column({ type: 'varchar', length: 4000 })
  statement: string;

  @Column({ type: 'uuid', array: true })
  evidenceIds: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
