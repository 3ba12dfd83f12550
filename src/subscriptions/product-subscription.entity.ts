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
import { OrganizationEntity } from '../organizations/organization.entity.js';
import type { DataCategory } from '../products/dto/data-category.enum.js';
import { ProductEntity } from '../products/product.entity.js';

/**
 * A customer (municipality, region, public body) relies on a product with some of its data.
 * Read upwards by incident exposure (product_id, via the unique index) and per customer by
 * mySubscriptions (ix_product_subscription_subscriber).
 */
@Entity('product_subscription')
@Index('uq_product_subscription_product_subscriber', ['productId', 'subscriberId'], { unique: true })
@Index('ix_product_subscription_subscriber', ['subscriberId'])
@Check('ck_product_subscription_data_categories', `cardinality(data_categories) > 0`)
export class ProductSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  productId: string;

  // RESTRICT: products are never deleted while customers rely on them.
  @ManyToOne(() => ProductEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_product_subscription_product' })
  product?: ProductEntity;

  @Column({ type: 'uuid' })
  subscriberId: string;

  @ManyToOne(() => OrganizationEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscriber_id', foreignKeyConstraintName: 'fk_product_subscription_subscriber' })
  subscriber?: OrganizationEntity;

  /** What the subscriber itself entrusts to the product: a subset of the product's categories. */
  @Column({ type: 'text', array: true })
  dataCategories: DataCategory[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
