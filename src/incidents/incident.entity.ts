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
import { OrganizationEntity } from '../organizations/organization.entity.js';
import type { DataCategory } from '../products/dto/data-category.enum.js';
import { ProductEntity } from '../products/product.entity.js';
import type { IncidentSeverity, IncidentState } from './dto/incident.enum.js';

/**
 * A breach or disruption a supplier reports. Who is exposed is never stored: it is computed from
 * the affected products (incident_product), the sub-processor graph and the subscriptions, so it
 * always reflects the registry as it is (exposure.sql.ts).
 */
@Entity('incident')
@Check('ck_incident_severity', `severity IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')`)
@Check('ck_incident_state', `state IN ('OPEN', 'RESOLVED')`)
@Check('ck_incident_resolved', `(state = 'RESOLVED') = (resolved_at IS NOT NULL)`)
@Index('ix_incident_reported', ['reportedAt', 'id'])
@Index('ix_incident_supplier_reported', ['supplierId', 'reportedAt', 'id'])
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  supplierId: string;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id', foreignKeyConstraintName: 'fk_incident_supplier' })
  supplier?: OrganizationEntity;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 4000 })
  description: string;

  @Column({ type: 'varchar', length: 10 })
  severity: IncidentSeverity;

  @Column({ type: 'varchar', length: 10 })
  state: IncidentState;

  @Column({ type: 'timestamptz' })
  detectedAt: Date;

  /** The server's time when reported: when the registry made exposed organisations aware. */
  @Column({ type: 'timestamptz' })
  reportedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  resolutionSummary: string | null;

  /** Empty: the supplier does not (yet) know which categories; every entrusted category is at stake. */
  @Column({ type: 'text', array: true })
  dataCategories: DataCategory[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * An affected product of an incident. Read by incident (primary key) and by product
 * (ix_incident_product_product: the status read model's open-incident count, visibility checks).
 */
@Entity('incident_product')
@Index('ix_incident_product_product', ['productId', 'incidentId'])
export class IncidentProductEntity {
  @PrimaryColumn({ type: 'uuid' })
  incidentId: string;

  @PrimaryColumn({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => IncidentEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'fk_incident_product_incident' })
  incident?: IncidentEntity;

  // RESTRICT: a product with incidents on record cannot vanish from them.
  @ManyToOne(() => ProductEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_incident_product_product' })
  product?: ProductEntity;
}
