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
import type { CustomerStatus } from './dto/customer-status.enum.js';
import { ProductEntity } from '../products/product.entity.js';

/**
 * A customer (municipality, region, public body) relies on a product with some of its data.
 * Read upwards by incident exposure (product_id, via the unique index) and per customer by
 * mySubscriptions (ix_product_subscription_subscriber).
 */
@Entity('product_subscription')
@Index('uq_product_subscription_product_subscriber', ['productId', 'subscriberId'], { unique: true })
@Index('ix_product_subscription_subscriber', ['subscriberId'])
@Index('ix_product_subscription_product_status', ['productId', 'customerStatus', 'createdAt'])
@Check('ck_product_subscription_data_categories', `cardinality(data_categories) > 0`)
@Check('ck_product_subscription_customer_status', `customer_status IN ('PENDING', 'CONFIRMED', 'DECLINED')`)
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

  /** Starts PENDING; the supplier or the agency confirms or declines (customer-sql.ts decides what it opens). */
  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  customerStatus: CustomerStatus;

  /** When the supplier or the agency last confirmed or declined; null while pending. */
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Why it was declined (shown to the subscriber); null otherwise. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  declineReason: string | null;
}
