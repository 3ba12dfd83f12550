import { Inject, Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { Role } from '../common/actor.js';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.constants.js';
import { DomainError, UnauthenticatedError } from '../common/errors/domain-error.js';

export interface TokenClaims {
  readonly subject: string;
  /** Registry id (or uuid) of the organisation, or its organisation number. */
  readonly organization: string;
  readonly roles: readonly Role[];
  /** The token's `iat` (seconds since the epoch): revocations apply to tokens issued before a time. */
  readonly issuedAt: number;
}

export const MAX_TOKEN_LENGTH = 8192;
const ASYMMETRIC = ['RS256', 'ES256', 'EdDSA'];
const ROLES = new Set<string>(Object.values(Role));
const CLOCK_TOLERANCE_SECONDS = 30;
/** Verified tokens remembered: a dashboard sends the same token many times a minute. */
const VERIFIED_CACHE_MAX = 10_000;
/** At most this long, so a key the identity provider withdraws stops working within a minute. */
const VERIFIED_CACHE_TTL_MS = 60_000;

/**
 * Verifies bearer JWTs with jose: HS256 with the configured secret, and/or RS256/ES256/EdDSA
 * against the identity provider's JWKS. The algorithm is chosen by what is configured, never
 * by the token, so `alg: none` and HS256-signed-with-a-public-key tokens are refused.
 */
@Injectable()
export class TokenVerifier {
  private readonly secret: Uint8Array | undefined;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  /** Least recently used out; each answer counts until the token expires (with tolerance) or the TTL. */
  private readonly verified = new LRUCache<string, TokenClaims>({
    max: VERIFIED_CACHE_MAX,
    ttl: VERIFIED_CACHE_TTL_MS,
    perf: Date,
    ttlResolution: 0,
  });

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { jwtSecret, jwksUrl } = config.auth;
    this.secret = jwtSecret ? new TextEncoder().encode(jwtSecret) : undefined;
    this.jwks = jwksUrl
      ? createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 5_000 })
      : undefined;
  }

  /**
   * The token's claims; UNAUTHENTICATED for anything not accepted. A token verified in the last
   * minute is answered from memory (the same string, so the same signature and claims) until it
   * expires: the signature check is the largest CPU cost of a small read.
   */
  async verify(token: string): Promise<TokenClaims> {
    if (token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError('The token is too large');
    const cached = this.verified.get(token);
    if (cached) return cached;
    const { claims, exp } = await this.verifyFully(token);
    // verifyFully refuses a token past exp + tolerance, so the time left is positive.
    const left = exp * 1000 + CLOCK_TOLERANCE_SECONDS * 1000 - Date.now();
    this.verified.set(token, claims, { ttl: Math.max(1, Math.min(left, VERIFIED_CACHE_TTL_MS)) });
    return claims;
  }

  private async verifyFully(token: string): Promise<{ claims: TokenClaims; exp: number }> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new UnauthenticatedError('The token is malformed');
    }
    const options = {
      issuer: this.config.auth.issuer,
      audience: this.config.auth.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['sub', 'exp', 'iat'],
    };
    let payload: JWTPayload;
    try {
      if (alg === 'HS256' && this.secret) {
        payload = (await jwtVerify(token, this.secret, { ...options, algorithms: ['HS256'] })).payload;
      } else if (alg && ASYMMETRIC.includes(alg) && this.jwks) {
        payload = (await jwtVerify(token, this.jwks, { ...options, algorithms: ASYMMETRIC })).payload;
      } else {
        throw new UnauthenticatedError('The token algorithm is not accepted');
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('The token has expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        throw new UnauthenticatedError(`The token's ${error.claim} claim is not accepted`);
      }
      throw new UnauthenticatedError('The token is invalid');
    }
    // requiredClaims guarantees exp and iat (jose checks they are numbers).
    const exp = payload.exp!;
    const iat = payload.iat!;
    if (iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) {
      throw new UnauthenticatedError("The token's iat claim is in the future");
    }
    if (exp - iat > this.config.auth.maxTokenLifetimeSeconds) {
      throw new UnauthenticatedError(
        `The token lives longer than the accepted ${this.config.auth.maxTokenLifetimeSeconds} seconds (exp - iat)`,
      );
    }
    return { claims: { ...claimsOf(payload), issuedAt: iat }, exp };
  }
}

/** The registry's claims (`sub`, `org`, `roles`) of a verified token: the API's and the portal's sign-in. */
export function claimsOf(payload: JWTPayload): Omit<TokenClaims, 'issuedAt'> {
  const { sub, org, roles } = payload as JWTPayload & { org?: unknown; roles?: unknown };
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200) {
    throw new UnauthenticatedError('The token has no usable sub claim');
  }
  if (typeof org !== 'string' || org.length === 0 || org.length > 200) {
    throw new UnauthenticatedError('The token has no usable org claim');
  }
  if (!Array.isArray(roles)) throw new UnauthenticatedError('The token roles claim must be a list');
  const valid = roles.filter((r): r is Role => typeof r === 'string' && ROLES.has(r));
  if (valid.length === 0) throw new UnauthenticatedError('The token grants no known role');
  return { subject: sub, organization: org, roles: [...new Set(valid)] };
}
