import { IdArgs } from '../common/graphql/id.args.js';
import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { BaselinesService } from './baselines.service.js';
import { Baseline } from './dto/baseline.model.js';
import { AddRequirementArgs, UpdateRequirementArgs } from './dto/baselines.args.js';
import { Requirement, RequirementParameter } from './dto/requirement.model.js';
import { Tier } from './dto/tier.enum.js';
import { parameterValue, resolvedStatement, toParameter } from './oscal/oscal-text.js';
import { RequirementsService } from './requirements.service.js';

@Resolver(() => Requirement)
export class RequirementsResolver {
  constructor(
    private readonly baselines: BaselinesService,
    private readonly requirements: RequirementsService,
  ) {}

  @Mutation(() => Requirement, { description: 'Agency: add a requirement to a draft.' })
  @Allow(POLICIES.addRequirement)
  addRequirement(@CurrentActor() actor: Actor, @Args() args: AddRequirementArgs) {
    return this.requirements.add(actor, args.baselineId, args.input);
  }

  @Mutation(() => Requirement, {
    description: 'Agency: change a requirement of a draft; omitted fields stay.',
  })
  @Allow(POLICIES.updateRequirement)
  updateRequirement(@CurrentActor() actor: Actor, @Args() args: UpdateRequirementArgs) {
    return this.requirements.update(actor, args.id, args.input);
  }

  @Mutation(() => Boolean, { description: 'Agency: remove a requirement from a draft.' })
  @Allow(POLICIES.removeRequirement)
  removeRequirement(@CurrentActor() actor: Actor, @Args() args: IdArgs) {
    return this.requirements.remove(actor, args.id);
  }

  @ResolveField(() => String, {
    description:
      'The requirement. For an imported OSCAL control, its parameters are filled in with the values a profile set for the tier asked about (or the catalog\'s own); the others read "[Assignment: organization-defined ...]".',
  })
  statement(
    @Parent() requirement: Requirement,
    @Args('tier', {
      type: () => Tier,
      nullable: true,
      description: "Resolve parameters for this tier, e.g. the product's tier.",
    })
    tier?: Tier | null,
  ): string {
    return resolvedStatement(requirement, tier);
  }

  @ResolveField(() => Requirement, {
    nullable: true,
    description: 'The requirement this one enhances (an OSCAL control enhancement).',
  })
  async parent(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() requirement: Requirement,
  ): Promise<Requirement | null> {
    if (!requirement.parentUuid) return null;
    return loaders
      .get('requirement', () => this.baselines.requirementLoader(actor))
      .load(requirement.parentUuid);
  }

  @ResolveField(() => [RequirementParameter], {
    description: 'The parameters of an imported OSCAL control, in catalog order; empty otherwise.',
  })
  parameters(@Parent() requirement: Requirement): RequirementParameter[] {
    return requirement.storedParameters.map(toParameter);
  }

  @ResolveField(() => Baseline, { description: 'The baseline version it belongs to.' })
  async baseline(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() requirement: Requirement,
  ): Promise<Baseline> {
    const baseline = await loaders
      .get('baseline', () => this.baselines.baselineLoader(actor))
      .load(requirement.baselineUuid);
    // A requirement is only ever handed out with its baseline visible.
    if (!baseline) throw new NotFoundError('Baseline');
    return baseline;
  }
}

@Resolver(() => RequirementParameter)
export class RequirementParametersResolver {
  @ResolveField(() => String, {
    nullable: true,
    description:
      "The value for the tier asked about, if a profile set one (else the catalog's own value, if any).",
  })
  value(
    @Parent() parameter: RequirementParameter,
    @Args('tier', { type: () => Tier, nullable: true, description: "The tier, e.g. the product's." })
    tier?: Tier | null,
  ): string | null {
    return parameterValue(parameter.stored, tier);
  }
}
