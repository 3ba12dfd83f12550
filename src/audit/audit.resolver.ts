import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Organization } from '../organizations/dto/organization.model.js';
import { ORGANIZATION_LOADER } from '../organizations/organization.mapper.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { AuditService } from './audit.service.js';
import { ConnectionArgs } from '../common/graphql/connection.js';
import {
  AuditCheckpointConnection,
  AuditEntry,
  AuditEntryConnection,
  AuditLogArgs,
  AuditVerification,
} from './dto/audit.model.js';

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Query(() => AuditEntryConnection, { description: 'Agency: the audit trail, newest first.' })
  @Allow(POLICIES.auditLog)
  auditLog(@CurrentActor() actor: Actor, @Args() args: AuditLogArgs) {
    return this.audit.list(actor, args);
  }

  @Query(() => AuditVerification, {
    description: 'Agency: recompute the hash chain and report the first break.',
  })
  @Allow(POLICIES.verifyAuditLog)
  verifyAuditLog(@CurrentActor() actor: Actor) {
    return this.audit.verify(actor);
  }

  @Query(() => AuditCheckpointConnection, {
    description:
      'Signed tree heads over the audit trail, newest first, with the public key that signed them.',
  })
  @Allow(POLICIES.auditCheckpoints)
  auditCheckpoints(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs) {
    return this.audit.checkpoints(actor, args);
  }

  @ResolveField(() => Organization, {
    nullable: true,
    description: 'The organisation the actor acted for; null for the system itself.',
  })
  actorOrganization(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() entry: AuditEntry,
  ): Promise<Organization | null> | null {
    if (!entry.actorOrganizationUuid) return null;
    return loaders
      .get(ORGANIZATION_LOADER, () => this.organizations.loader(actor))
      .load(entry.actorOrganizationUuid);
  }
}
