import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationEntity } from '../../organizations/organization.entity.js';
import type { RegistryEventType } from '../dto/registry-event-type.enum.js';
import { RegistryEventEntity } from '../registry-event.entity.js';

@Entity('webhook')
@Index('ix_webhook_organization', ['organizationId', 'createdAt'])
export class WebhookEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_webhook_organization' })
  organization?: OrganizationEntity;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'varchar', length: 40, array: true })
  eventTypes: RegistryEventType[];

  /**
   * `whsec_` + base64 key. Kept in clear because signing needs it; shown to the owner once.
   * Protect the database (and its backups) accordingly.
   */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  /** False once the receiver answered 410 Gone: no further deliveries are created or sent. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  DEAD = 'DEAD',
  CANCELLED = 'CANCELLED',
}

/** The outbox: one row per (webhook, event), written in the event's transaction. */
@Entity('webhook_delivery')
@Index('ix_webhook_delivery_due', ['nextAttemptAt'], { where: `status = 'PENDING'` })
@Index('ix_webhook_delivery_webhook', ['webhookId', 'createdAt', 'id'])
@Index('ix_webhook_delivery_event', ['eventId'])
export class WebhookDeliveryEntity {
  /** Also the Standard Webhooks `webhook-id`: the same on every retry, so receivers can dedupe. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  webhookId: string;

  @ManyToOne(() => WebhookEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id', foreignKeyConstraintName: 'fk_webhook_delivery_webhook' })
  webhook?: WebhookEntity;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => RegistryEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_webhook_delivery_event' })
  event?: RegistryEventEntity;

  @Column({ type: 'varchar', length: 20 })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** Set while one instance is sending it; an expired lease (crash) makes it due again. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'int', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
