import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. `seq` has no gaps; each row's hash
 * chains it to the row before (see audit-chain.ts).
 */
@Entity('audit_entry')
@Index('ix_audit_entry_entity', ['entityId', 'seq'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 200 })
  actorSubject: string;

  @Column({ type: 'uuid', nullable: true })
  actorOrganizationId: string | null;

  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ type: 'varchar', length: 60 })
  entityType: string;

  @Column({ type: 'varchar', length: 200 })
  entityId: string;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}

/** One row: the end of the chain. Writers lock it, which serialises appends without forks. */
@Entity('audit_head')
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
