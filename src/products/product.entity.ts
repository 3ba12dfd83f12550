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
import type { Tier } from '../baselines/dto/tier.enum.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import type { DataCategory } from './dto/data-category.enum.js';

const TIERS = `('BASIC', 'ELEVATED', 'HIGH')`;

/**
 * A product a supplier offers. `tier` is the effective tier, stored so lists filter and sort on it
 * and other modules read it without recomputing: it is rewritten, for the product and everything
 * that relies on it, in the transaction that changes categories, sub-processors or the raise.
 */
@Entity('product')
@Check('ck_product_tier', `tier IN ${TIERS} AND category_tier IN ${TIERS}`)
@Check('ck_product_raised_tier', `raised_tier IS NULL OR raised_tier IN ${TIERS}`)
@Check('ck_product_data_categories', `cardinality(data_categories) > 0`)
// Names are unique per supplier regardless of case and accents ("Lön" and "LON" collide).
@Index('uq_product_supplier_name', ['supplierId', 'searchName'], { unique: true })
@Index('ix_product_search_name', ['searchName', 'id'])
@Index('ix_product_tier_name', ['tier', 'searchName', 'id'])
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  supplierId: string;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id', foreignKeyConstraintName: 'fk_product_supplier' })
  supplier?: OrganizationEntity;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Lower-cased, accents stripped: what searches and the uniqueness rule compare. */
  @Column({ type: 'varchar', length: 120 })
  searchName: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'text', array: true })
  dataCategories: DataCategory[];

  @Column({ type: 'text', array: true })
  hostingCountries: string[];

  /** What the data categories alone give (the tier rule). */
  @Column({ type: 'varchar', length: 10 })
  categoryTier: Tier;

  /** The agency's raise; kept apart so it survives later updates of the categories. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  raisedTier: Tier | null;

  /** Effective: max(categoryTier, raisedTier, every sub-processor's effective tier). */
  @Column({ type: 'varchar', length: 10 })
  tier: Tier;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * "product relies on subprocessor": an edge of the sub-processor graph, which is kept acyclic.
 * Indexed both ways: downwards (a product's sub-processors) by the primary key, upwards (who
 * relies on this product: tier propagation, incident exposure) by ix_product_subprocessor_sub.
 */
@Entity('product_subprocessor')
@Check('ck_product_subprocessor_not_self', `product_id <> subprocessor_id`)
@Index('ix_product_subprocessor_sub', ['subprocessorId', 'productId'])
export class ProductSubprocessorEntity {
  @PrimaryColumn({ type: 'uuid' })
  productId: string;

  @PrimaryColumn({ type: 'uuid' })
  subprocessorId: string;

  @ManyToOne(() => ProductEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_product_subprocessor_product' })
  product?: ProductEntity;

  // RESTRICT: a product others rely on cannot silently vanish from their chains.
  @ManyToOne(() => ProductEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subprocessor_id', foreignKeyConstraintName: 'fk_product_subprocessor_sub' })
  subprocessor?: ProductEntity;
}
