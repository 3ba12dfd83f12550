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
  UpdateDateColumn,
} from 'typeorm';
import { RequirementEntity } from '../baselines/requirement.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { ProductEntity } from '../products/product.entity.js';
import type { Confidentiality, StoredEvidenceStatus } from './dto/evidence.enum.js';

/**
 * A supplier's document about one product. Its bytes live in content-addressed storage under
 * `sha256` once an upload passed every check; until then only the metadata exists. EXPIRED is not
 * stored: it is read from `validUntil`.
 */
@Entity('evidence')
@Check('ck_evidence_status', `status IN ('AWAITING_UPLOAD', 'AVAILABLE', 'REJECTED')`)
@Check('ck_evidence_confidentiality', `confidentiality IN ('PUBLIC', 'SUBSCRIBERS', 'AGENCY_ONLY')`)
@Check('ck_evidence_validity', `valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until`)
@Check('ck_evidence_available', `status <> 'AVAILABLE' OR (sha256 IS NOT NULL AND size_bytes IS NOT NULL)`)
@Index('ix_evidence_product', ['productId', 'createdAt', 'id'])
@Index('ix_evidence_valid_until', ['validUntil'], {
  where: `status = 'AVAILABLE' AND valid_until IS NOT NULL`,
})
@Index('uq_evidence_upload_token', ['uploadTokenHash'], { unique: true })
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => ProductEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_evidence_product' })
  product?: ProductEntity;

  /** The product's supplier when the evidence was recorded: who may upload and always see it. */
  @Column({ type: 'uuid' })
  supplierId: string;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id', foreignKeyConstraintName: 'fk_evidence_supplier' })
  supplier?: OrganizationEntity;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 20 })
  confidentiality: Confidentiality;

  @Column({ type: 'varchar', length: 20 })
  status: StoredEvidenceStatus;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  mediaType: string | null;

  @Column({ type: 'integer', nullable: true })
  sizeBytes: number | null;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  /** False for images, whose pixels are not scanned for personal data. */
  @Column({ type: 'boolean', nullable: true })
  contentScanned: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  validFrom: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  uploadedAt: Date | null;

  /** SHA-256 of the one-time upload token; the token itself is never stored. */
  @Column({ type: 'char', length: 64 })
  uploadTokenHash: string;

  /** The organisation the upload URL was issued to. */
  @Column({ type: 'uuid' })
  uploadOrganizationId: string;

  @Column({ type: 'timestamptz' })
  uploadExpiresAt: Date;

  /** Set when a PUT claims the URL, so two concurrent PUTs cannot both proceed. */
  @Column({ type: 'timestamptz', nullable: true })
  uploadStartedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The requirements (of published baselines) a piece of evidence supports. */
@Entity('evidence_requirement')
@Index('ix_evidence_requirement_requirement', ['requirementId', 'evidenceId'])
export class EvidenceRequirementEntity {
  @PrimaryColumn({ type: 'uuid' })
  evidenceId: string;

  @PrimaryColumn({ type: 'uuid' })
  requirementId: string;

  @ManyToOne(() => EvidenceEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'fk_evidence_requirement_evidence' })
  evidence?: EvidenceEntity;

  @ManyToOne(() => RequirementEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id', foreignKeyConstraintName: 'fk_evidence_requirement_requirement' })
  requirement?: RequirementEntity;
}
