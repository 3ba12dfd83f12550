import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import type { RegistryEventType } from './dto/registry-event-type.enum.js';

/**
 * One thing that happened, written in the same transaction as the change (transactional outbox).
 * Product, baseline and incident are plain uuids without foreign keys: events outlive what they
 * mention and are written by modules whose tables the events module must not depend on.
 */
@Entity('registry_event')
@Index('uq_registry_event_position', ['position'], { unique: true })
@Index('ix_registry_event_public_position', ['position'], { where: 'audience_all' })
export class RegistryEventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /**
   * The event's position in the feed, in commit order: taken from `registry_event_position_seq`
   * just before commit under a transaction lock held until the commit is visible (EventsService),
   * so an event that becomes visible later always has a higher position than every event a reader
   * could already see: nothing is skipped by a reader paging by it. Events recorded before
   * positions existed have negative positions, in time order.
   */
  @Column({ type: 'bigint' })
  position: string;

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
@Index('ix_registry_event_recipient_position', ['organizationId', 'position'])
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

  /** The event's position (RegistryEventEntity.position), copied for the same reason. */
  @Column({ type: 'bigint' })
  position: string;
}
