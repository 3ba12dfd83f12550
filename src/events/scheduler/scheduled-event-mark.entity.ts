import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What each scheduled source has already emitted ("evidence X: 30 days"), so each time-based
 * event is recorded once, also across instances and after downtime.
 */
@Entity('scheduled_event_mark')
export class ScheduledEventMarkEntity {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  source: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'timestamptz' })
  markedAt: Date;
}
