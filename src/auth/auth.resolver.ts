import { Args, GraphQLISODateTime, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../common/actor.js';
import { UnauthenticatedError } from '../common/errors/domain-error.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { CurrentActor } from './current-actor.decorator.js';
import { Viewer } from './dto/viewer.model.js';
import { POLICIES } from './policies.js';
import { Allow } from './policy.js';
import { TokenRevocations } from './token-revocations.service.js';

@Resolver(() => Viewer)
export class AuthResolver {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly revocations: TokenRevocations,
  ) {}

  @Query(() => Viewer, { description: 'The caller: its token subject, organisation and roles.' })
  @Allow(POLICIES.viewer)
  async viewer(@CurrentActor() actor: Actor): Promise<Viewer> {
    const organization = await this.organizations.findByUuid(actor, actor.organizationId);
    // The token named it moments ago; gone now means it was removed in between.
    if (!organization) throw new UnauthenticatedError('The organisation no longer exists');
    return { subject: actor.subject, organization, roles: [...actor.roles] };
  }

  @Mutation(() => Boolean, {
    description:
      'Agency ADMIN: tokens of the organisation (or one subject of it) issued before the time stop working, over HTTP at once and on open sockets within a minute, on every instance. Tokens issued later keep working. Answers true; NOT_FOUND for an unknown organisation.',
  })
  @Allow(POLICIES.revokeTokens)
  revokeTokens(
    @CurrentActor() actor: Actor,
    @Args('organizationId', { type: () => ID, description: 'The organisation whose tokens stop working.' })
    organizationId: string,
    @Args('issuedBefore', {
      type: () => GraphQLISODateTime,
      description: 'Tokens whose iat is before this time are revoked; usually now. Not in the future.',
    })
    issuedBefore: Date,
    @Args('subject', {
      type: () => String,
      nullable: true,
      description:
        "Only this subject's tokens (the token's sub claim); left out: every token of the organisation.",
    })
    subject?: string | null,
  ): Promise<boolean> {
    return this.revocations.revoke(actor, organizationId, subject, issuedBefore);
  }
}
