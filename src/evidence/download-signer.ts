import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../common/actor.js';

export interface SignedDownload {
  readonly expires: number;
  readonly signature: string;
}

/**
 * Short-lived download URLs bound to the caller: the signature covers the evidence, the caller's
 * organisation and subject, and the expiry, so a leaked URL is useless to anyone else and soon.
 */
export class DownloadSigner {
  private readonly key: Buffer;

  /** Derived from the token secret when there is one; otherwise per process (single instance). */
  constructor(
    secret: string | undefined,
    private readonly ttlMs: number,
  ) {
    this.key = secret
      ? createHmac('sha256', secret).update('evidence-download-url').digest()
      : randomBytes(32);
  }

  sign(evidenceUuid: string, actor: Actor, now = Date.now()): SignedDownload {
    const expires = Math.floor((now + this.ttlMs) / 1000);
    return { expires, signature: this.mac(evidenceUuid, actor, expires) };
  }

  /** Whether the signature is this caller's for this evidence and has not expired. */
  verify(evidenceUuid: string, actor: Actor, expires: number, signature: string, now = Date.now()): boolean {
    if (!Number.isSafeInteger(expires) || expires * 1000 < now) return false;
    const expected = Buffer.from(this.mac(evidenceUuid, actor, expires));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(evidenceUuid: string, actor: Actor, expires: number): string {
    return createHmac('sha256', this.key)
      .update([evidenceUuid, actor.organizationId, actor.subject, String(expires)].join('\n'))
      .digest('base64url');
  }
}
