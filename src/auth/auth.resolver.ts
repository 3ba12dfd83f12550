import { Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/actor.js';
import { UnauthenticatedError } from '../common/errors/domain-error.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { CurrentActor } from './current-actor.decorator.js';
import { Viewer } from './dto/viewer.model.js';
import { POLICIES } from './policies.js';
import { Allow } from './policy.js';

@Resolver(() => Viewer)
export class AuthResolver {
  constructor(private readonly organizations: OrganizationsService) {}

  @Query(() => Viewer, { description: 'The caller: its token subject, organisation and roles.' })
  @Allow(POLICIES.viewer)
  async viewer(@CurrentActor() actor: Actor): Promise<Viewer> {
    const organization = await this.organizations.findByUuid(actor, actor.organizationId);
    // The token named it moments ago; gone now means it was removed in between.
    if (!organization) throw new UnauthenticatedError('The organisation no longer exists');
    return { subject: actor.subject, organization, roles: [...actor.roles] };
  }
}
