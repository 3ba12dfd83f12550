import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { Repository } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { UnauthenticatedError } from '../common/errors/domain-error.js';
import { decodeGlobalId, isUuid } from '../common/graphql/global-id.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { TokenRevocations } from './token-revocations.service.js';
import { type TokenClaims, TokenVerifier } from './token-verifier.service.js';

interface CachedOrganization {
  /** null: the registry does not know the claim (remembered too, for the TTL). */
  readonly value: Pick<OrganizationEntity, 'id' | 'kind'> | null;
}

const ORG_CACHE_TTL_MS = 30_000;
const ORG_CACHE_MAX = 10_000;

/**
 * Turns an Authorization header into the caller. The organisation named by the token is looked up
 * once per 30 s per claim, so authentication costs no SQL on the hot paths.
 */
@Injectable()
export class AuthService {
  private readonly organizations = new LRUCache<string, CachedOrganization>({
    max: ORG_CACHE_MAX,
    ttl: ORG_CACHE_TTL_MS,
    perf: Date,
    ttlResolution: 0,
  });

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly revocations: TokenRevocations,
    @InjectRepository(OrganizationEntity) private readonly repository: Repository<OrganizationEntity>,
  ) {}

  /** The caller, or undefined without a token; throws UNAUTHENTICATED for a bad one. */
  async authenticate(authorization: string | undefined): Promise<Actor | undefined> {
    if (authorization === undefined || authorization === '') return undefined;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError('Use the Authorization header as "Bearer <token>"');
    return this.actorOf(await this.verifier.verify(match[1]));
  }

  /**
   * The caller named by verified claims (an API token's, or the portal's OpenID Connect sign-in);
   * UNAUTHENTICATED when the organisation is not in the registry.
   */
  async actorOf(claims: TokenClaims): Promise<Actor> {
    const organization = await this.findOrganization(claims.organization);
    if (!organization)
      throw new UnauthenticatedError('The token names an organisation the registry does not know');
    // In memory (refreshed every 20 s on each instance): no SQL per request.
    if (this.revocations.isRevoked(organization.id, claims.subject, claims.issuedAt)) {
      throw new UnauthenticatedError('The token has been revoked');
    }
    return {
      subject: claims.subject,
      organizationId: organization.id,
      organizationKind: organization.kind,
      roles: claims.roles,
    };
  }

  /** Drop cached lookups (after an organisation changes). */
  forget(): void {
    this.organizations.clear();
  }

  private async findOrganization(claim: string): Promise<CachedOrganization['value']> {
    const cached = this.organizations.get(claim);
    if (cached) return cached.value;
    const value = await this.lookup(claim);
    this.organizations.set(claim, { value });
    return value;
  }

  private async lookup(claim: string): Promise<CachedOrganization['value']> {
    const select = { id: true, kind: true } as const;
    if (/^\d{6}-\d{4}$/.test(claim)) {
      return this.repository.findOne({ select, where: { orgNumber: claim } });
    }
    const decoded = decodeGlobalId(claim);
    const id = decoded?.type === 'Organization' ? decoded.key : isUuid(claim) ? claim : null;
    return id && isUuid(id) ? this.repository.findOne({ select, where: { id } }) : null;
  }
}
