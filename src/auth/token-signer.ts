import { SignJWT } from 'jose';
import type { Role } from '../common/actor.js';

export interface TokenRequest {
  readonly secret: string;
  /** Organisation registry id or organisation number. */
  readonly org: string;
  readonly roles: readonly Role[];
  readonly subject?: string;
  /** e.g. "1h", "30m", "7d" (jose time span). */
  readonly ttl?: string;
  readonly issuer?: string;
  readonly audience?: string;
}

/** Mints an HS256 token as the registry verifies it: for development, tests and integrations. */
export async function signToken(request: TokenRequest): Promise<string> {
  let jwt = new SignJWT({ org: request.org, roles: [...request.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject ?? 'developer')
    .setIssuedAt()
    .setExpirationTime(request.ttl ?? '1h');
  if (request.issuer) jwt = jwt.setIssuer(request.issuer);
  if (request.audience) jwt = jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(request.secret));
}
