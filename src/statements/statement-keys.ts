import { Inject, Injectable } from '@nestjs/common';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.constants.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';

/** The key status statements are signed with, and every key they may be verified with. */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly kid: string;
}

/**
 * Status statement keys: the signing key (STATEMENT_SIGNING_KEY; in development and tests one is
 * generated once into DATA_DIR/secrets) and the published set, the current key first, then retired
 * ones (STATEMENT_RETIRED_KEYS). Key ids are RFC 7638 thumbprints, so a kid names exactly one key.
 */
@Injectable()
export class StatementKeys {
  private signing: Promise<SigningKey | null> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** SERVICE_UNAVAILABLE in production until STATEMENT_SIGNING_KEY is configured. */
  async current(): Promise<SigningKey> {
    const key = await this.load();
    if (!key) {
      throw new DomainError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'Status statements are not available: the registry has no signing key configured',
      );
    }
    return key;
  }

  /** The JWKS: public keys only, each with kid, alg and use. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const key = await this.load();
    const keys: JWK[] = [];
    if (key) keys.push(await publicJwk(createPublicKey(key.privateKey), key.kid));
    for (const retired of this.config.statements.retiredKeys) {
      if (keys.some((k) => k.kid === retired.kid)) continue;
      keys.push({ ...retired, alg: 'EdDSA', use: 'sig' });
    }
    return { keys };
  }

  private load(): Promise<SigningKey | null> {
    this.signing ??= (async () => {
      const pem =
        this.config.statements.signingKey ?? (this.config.env === 'production' ? null : this.devKey());
      if (!pem) return null;
      const privateKey = createPrivateKey(pem);
      if (privateKey.asymmetricKeyType !== 'ed25519') {
        throw new Error('STATEMENT_SIGNING_KEY must be an Ed25519 key');
      }
      const jwk = await exportJWK(createPublicKey(privateKey));
      return { privateKey, kid: await calculateJwkThumbprint(jwk) };
    })();
    return this.signing;
  }

  private devKey(): string {
    const dir = join(this.config.dataDir, 'secrets');
    const file = join(dir, 'statement-signing-key.pem');
    try {
      return readFileSync(file, 'utf8');
    } catch {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const pem = generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();
      try {
        writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
        return pem;
      } catch {
        // Another process wrote it first: use theirs, so every instance signs with one key.
        return readFileSync(file, 'utf8');
      }
    }
  }
}

async function publicJwk(publicKey: KeyObject, kid: string): Promise<JWK> {
  const jwk = await exportJWK(publicKey);
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
}
