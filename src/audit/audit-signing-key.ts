import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AuditSigningKey {
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  readonly keyId: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/**
 * The checkpoint signing key: AUDIT_SIGNING_KEY when given, else one generated once into
 * DATA_DIR/secrets. Keep a copy of the public key (and of saved checkpoints) outside the database:
 * that is what makes a rewritten or rolled-back history detectable.
 */
export function loadAuditSigningKey(pem: string | undefined, dataDir: string): AuditSigningKey {
  let privatePem = pem;
  if (!privatePem) {
    const file = join(dataDir, 'secrets', 'audit-signing-key.pem');
    try {
      privatePem = readFileSync(file, 'utf8');
    } catch {
      mkdirSync(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
      privatePem = generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      try {
        writeFileSync(file, privatePem, { mode: 0o600, flag: 'wx' });
      } catch {
        // Another process wrote it first: use theirs, so every instance signs with one key.
        privatePem = readFileSync(file, 'utf8');
      }
    }
  }
  const privateKey = createPrivateKey(privatePem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_SIGNING_KEY must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

export interface CheckpointBody {
  readonly treeSize: number;
  readonly rootHash: string;
  /** The chain hash of the last entry covered, tying the tree to the hash chain. */
  readonly headHash: string;
  readonly signedAt: string;
}

/** The exact bytes that are signed. */
export function checkpointMessage(body: CheckpointBody): Buffer {
  return Buffer.from(
    `assurance-registry audit checkpoint v1\n${body.treeSize}\n${body.rootHash}\n${body.headHash}\n${body.signedAt}\n`,
    'utf8',
  );
}
