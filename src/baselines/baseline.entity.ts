import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { BaselineStatus } from './dto/baseline-status.enum.js';

@Entity('baseline')
@Unique('uq_baseline_key_version', ['key', 'version'])
@Check('ck_baseline_status', `status IN ('DRAFT', 'PUBLISHED', 'RETIRED')`)
@Check('ck_baseline_published_at', `(status = 'DRAFT') = (published_at IS NULL)`)
@Index('ix_baseline_current', ['key', 'publishedAt'], { where: `status = 'PUBLISHED'` })
@Index('ix_baseline_created', ['createdAt', 'id'])
export class BaselineEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 40 })
  version: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: BaselineStatus;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  /** Set at publication: until then, assessments against earlier versions of the series still count. */
  @Column({ type: 'timestamptz', nullable: true })
  transitionEndsAt: Date | null;

  /** The version this one was derived from (its requirements were copied). */
  @ManyToOne(() => BaselineEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'previous_id', foreignKeyConstraintName: 'fk_baseline_previous' })
  previous?: BaselineEntity | null;

  @Column({ type: 'uuid', nullable: true })
  previousId: string | null;

  /** Millisecond precision, so a JavaScript Date in a list cursor names the row exactly. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
