import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { BaselineEntity } from './baseline.entity.js';
import type { MappingRelationship } from './dto/mapping-relationship.enum.js';
import type { Tier } from './dto/tier.enum.js';
import type { StoredParameter } from './requirement-content.js';

export interface StoredMapping {
  framework: string;
  reference: string;
  relationship: MappingRelationship;
}

/**
 * One requirement of one baseline version. Rows of a published or retired baseline are frozen by a
 * trigger (see the migration), on top of the service's checks.
 */
@Entity('requirement')
@Unique('uq_requirement_baseline_code', ['baselineId', 'code'])
export class RequirementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => BaselineEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'baseline_id', foreignKeyConstraintName: 'fk_requirement_baseline' })
  baseline?: BaselineEntity;

  @Column({ type: 'uuid' })
  baselineId: string;

  /** Byte order ("C"), so requirement lists sort and page the same everywhere. */
  @Column({ type: 'varchar', length: 40, collation: 'C' })
  code: string;

  /** The control's id in the OSCAL catalog it was imported from, exactly (ir-1, ac-2.1). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  sourceId: string | null;

  /** The requirement this one enhances (an OSCAL control enhancement), in the same baseline. */
  @ManyToOne(() => RequirementEntity, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_requirement_parent' })
  parent?: RequirementEntity | null;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  /** OSCAL parameters with their labels, guidelines, constraints and values per tier. */
  @Column({ type: 'jsonb' })
  parameters: StoredParameter[];

  /** The statement with parameter insertions kept, resolved per tier when read. */
  @Column({ type: 'varchar', length: 20000, nullable: true })
  statementTemplate: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20000 })
  statement: string;

  @Column({ type: 'varchar', length: 20000, nullable: true })
  guidance: string | null;

  @Column({ type: 'varchar', length: 200 })
  category: string;

  @Column({ type: 'varchar', length: 10, array: true })
  tiers: Tier[];

  @Column({ type: 'varchar', length: 4000, nullable: true })
  evidenceExpected: string | null;

  @Column({ type: 'jsonb' })
  mappings: StoredMapping[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
