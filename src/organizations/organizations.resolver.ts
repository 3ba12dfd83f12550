import { IdArgs } from '../common/graphql/id.args.js';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLISODateTime } from '@nestjs/graphql';
import { Allow } from '../auth/policy.js';
import { POLICIES } from '../auth/policies.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import { Organization, OrganizationConnection } from './dto/organization.model.js';
import { OrganizationsArgs, RegisterOrganizationArgs } from './dto/organizations.args.js';
import { OrganizationsService } from './organizations.service.js';

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(private readonly service: OrganizationsService) {}

  @Query(() => OrganizationConnection, {
    description:
      'Every organisation in the registry, by name; filter by kind or part of the name. Any signed-in caller.',
  })
  @Allow(POLICIES.organizations)
  organizations(@CurrentActor() actor: Actor, @Args() args: OrganizationsArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => Organization, { nullable: true, description: 'NOT_FOUND when the id names no organisation.' })
  @Allow(POLICIES.organization)
  organization(@CurrentActor() actor: Actor, @Args() args: IdArgs) {
    return this.service.get(actor, args.id);
  }

  @Mutation(() => Organization, {
    description: 'Agency: register an organisation (suppliers, assessment bodies, other public bodies).',
  })
  @Allow(POLICIES.registerOrganization)
  registerOrganization(@CurrentActor() actor: Actor, @Args() args: RegisterOrganizationArgs) {
    return this.service.register(actor, args);
  }

  @ResolveField(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the organisation entered the registry. Agency only; null for others.',
  })
  registeredAt(@CurrentActor() actor: Actor, @Parent() organization: Organization): Date | null {
    return this.service.seesDetails(actor) ? organization.registeredAt : null;
  }
}
