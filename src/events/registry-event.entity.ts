import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import type { RegistryEventType } from './dto/registry-event-type.enum.js';

/**
 * One thing that happened, written in the same transaction as the change (transactional outbox).
 * Product, baseline and incident are plain uuids without foreign keys: events outlive what they
 * mention and are written by modules whose tables the events module must not depend on.
 */
@Entity('registry_event')
@Index('ix_registry_event_occurred', ['occurredAt', 'id'])
@Index('ix_registry_event_public_occurred', ['occurredAt', 'id'], { where: 'audience_all' })
export class RegistryEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  type: RegistryEventType;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 1000 })
  message: string;

  @Column({ type: 'uuid', nullable: true })
  productId: string | null;

  @Column({ type: 'uuid', nullable: true })
  baselineId: string | null;

  @Column({ type: 'uuid', nullable: true })
  incidentId: string | null;

  /** Every signed-in organisation receives it (no recipient rows). */
  @Column({ type: 'boolean' })
  audienceAll: boolean;
}

/** Who an event is addressed to, besides the agency (which sees every event). */
@Entity('registry_event_recipient')
@Index('ix_registry_event_recipient_org', ['organizationId', 'occurredAt', 'eventId'])
export class RegistryEventRecipientEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => RegistryEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_registry_event_recipient_event' })
  event?: RegistryEventEntity;

  @PrimaryColumn({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'fk_registry_event_recipient_organization',
  })
  organization?: OrganizationEntity;

  /** Copied from the event so an organisation's feed is one index range scan. */
  @Column({ type: 'timestamptz' })
  occurredAt: Date;
}
