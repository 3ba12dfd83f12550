import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ComplianceState } from '../products/dto/compliance-state.enum.js';
import { ProductEntity } from '../products/product.entity.js';

/** One product up the chain as the read model keeps it (ProductStatus.chain). */
export interface StoredChainLink {
  /** The upstream product's uuid. */
  readonly id: string;
  readonly name: string;
  /** Its own state when the chain was last propagated. */
  readonly state: ComplianceState;
  /** Uuids from the product whose chain this is (first) to `id` (last). */
  readonly path: string[];
}

/** An open incident on the product or on its chain. */
export interface StoredChainIncident {
  /** The incident's uuid. */
  readonly i: string;
  /** The affected product it is counted through (the product itself or a link of its chain). */
  readonly p: string;
}

/**
 * The supply-chain half of the status read model: the product's own state as last computed, its
 * chain (every product it relies on, transitively, with each one's own state and the shortest
 * path), the worst lowering state found up the chain, and the open incidents on the product and
 * its chain. Kept by StatusService in the transaction of every change of an own state, incident
 * count or sub-processor edge, propagated up the reverse sub-processor graph.
 */
@Entity('product_chain_status')
export class ProductChainStatusEntity {
  @PrimaryColumn({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => ProductEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id', foreignKeyConstraintName: 'fk_product_chain_status_product' })
  product?: ProductEntity;

  /** The product's own state at the last write or scheduler pass that touched it. */
  @Column({ type: 'varchar', length: 30 })
  ownState: ComplianceState;

  /** The worst of SUSPENDED, EXPIRED, NON_COMPLIANT found up the chain; null when none. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  chainState: ComplianceState | null;

  /** The worse of ownState and chainState: what STATUS_CHANGED compares. */
  @Column({ type: 'varchar', length: 30 })
  effectiveState: ComplianceState;

  /** Uuids of the open incidents on this product itself. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  openIncidentIds: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  chain: StoredChainLink[];

  /** Open incidents on the product and its chain (visibility is applied on read). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  incidents: StoredChainIncident[];

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
