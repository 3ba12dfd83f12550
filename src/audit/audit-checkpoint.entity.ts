import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FrontierState } from './merkle.js';

/** A signed Merkle tree head over the first `treeSize` audit entries. Append-only, like the entries. */
@Entity('audit_checkpoint')
export class AuditCheckpointEntity {
  @PrimaryColumn({ type: 'bigint' })
  treeSize: string;

  @Column({ type: 'char', length: 64 })
  rootHash: string;

  @Column({ type: 'char', length: 64 })
  headHash: string;

  /** The tree's right edge, so the next checkpoint extends this one instead of rehashing all. */
  @Column({ type: 'jsonb' })
  frontier: FrontierState;

  @Column({ type: 'timestamptz' })
  signedAt: Date;

  @Column({ type: 'varchar', length: 32 })
  keyId: string;

  /** The signer's public key (SPKI PEM). Trust it only as far as it matches a copy kept elsewhere. */
  @Column({ type: 'text' })
  publicKey: string;

  /** Base64 Ed25519 signature over checkpointMessage(). */
  @Column({ type: 'text' })
  signature: string;
}
