import { IdArgs } from '../common/graphql/id.args.js';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { BaselineLifecycleService } from './baseline-lifecycle.service.js';
import { BaselinesService } from './baselines.service.js';
import { BaselineDiff } from './dto/baseline-diff.model.js';
import { Baseline, BaselineConnection } from './dto/baseline.model.js';
import {
  BaselineDiffArgs,
  BaselineRequirementsArgs,
  BaselinesArgs,
  CreateBaselineArgs,
  CurrentBaselineArgs,
  PublishBaselineArgs,
} from './dto/baselines.args.js';
import { RequirementConnection } from './dto/requirement.model.js';

@Resolver(() => Baseline)
export class BaselinesResolver {
  constructor(
    private readonly service: BaselinesService,
    private readonly lifecycle: BaselineLifecycleService,
  ) {}

  @Query(() => BaselineConnection, { description: 'Newest first. Drafts only for the agency and assessors.' })
  @Allow(POLICIES.baselines)
  baselines(@CurrentActor() actor: Actor, @Args() args: BaselinesArgs) {
    return this.service.list(actor, args);
  }

  @Query(() => Baseline, {
    nullable: true,
    description: 'NOT_FOUND when the id names no baseline the caller may see.',
  })
  @Allow(POLICIES.baseline)
  baseline(@CurrentActor() actor: Actor, @Args() args: IdArgs) {
    return this.service.get(actor, args.id);
  }

  @Query(() => Baseline, {
    nullable: true,
    description: 'The newest published version of a baseline series.',
  })
  @Allow(POLICIES.currentBaseline)
  currentBaseline(@CurrentActor() actor: Actor, @Args() args: CurrentBaselineArgs) {
    return this.service.current(actor, args.key);
  }

  @Query(() => BaselineDiff, {
    description: 'Requirements added, removed and changed from one version to another, by code.',
  })
  @Allow(POLICIES.baselineDiff)
  baselineDiff(@CurrentActor() actor: Actor, @Args() args: BaselineDiffArgs) {
    return this.service.diff(actor, args.fromId, args.toId);
  }

  @Mutation(() => Baseline, {
    description: 'Agency: a new DRAFT, optionally copying the requirements of another version.',
  })
  @Allow(POLICIES.createBaseline)
  createBaseline(@CurrentActor() actor: Actor, @Args() args: CreateBaselineArgs) {
    return this.lifecycle.create(actor, args.input);
  }

  @Mutation(() => Baseline, {
    description:
      'Makes a draft immutable and current; notifies every organisation (BASELINE_PUBLISHED) and each supplier ' +
      'with products to reassess (REASSESSMENT_DUE). Assessments against earlier versions count until transitionEndsAt.',
  })
  @Allow(POLICIES.publishBaseline)
  publishBaseline(@CurrentActor() actor: Actor, @Args() args: PublishBaselineArgs) {
    return this.lifecycle.publish(actor, args.id, { transitionEndsAt: args.transitionEndsAt });
  }

  @Mutation(() => Baseline, {
    description: 'Agency: take a published baseline out of force; it is never current again.',
  })
  @Allow(POLICIES.retireBaseline)
  retireBaseline(@CurrentActor() actor: Actor, @Args() args: IdArgs) {
    return this.lifecycle.retire(actor, args.id);
  }

  @Mutation(() => Baseline, {
    description:
      'Agency: a new DRAFT from an OSCAL 1.1 catalog (JSON), nested groups and control enhancements included. ' +
      'Malformed documents are refused with a JSON pointer to the offending element.',
  })
  @Allow(POLICIES.importOscalCatalog)
  importOscalCatalog(
    @CurrentActor() actor: Actor,
    @Args('document', { type: () => GraphQLJSON, description: 'The OSCAL 1.1 catalog, as JSON.' })
    document: unknown,
    @Args('key', { description: 'The series key for the new draft, e.g. nist-800-53.' }) key: string,
    @Args('version', { description: 'The version of the new draft, e.g. 5.1.1.' }) version: string,
  ) {
    return this.lifecycle.importOscal(actor, document, key, version);
  }

  @ResolveField(() => Baseline, {
    nullable: true,
    description: 'The baseline this version was derived from.',
  })
  previous(@CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders, @Parent() baseline: Baseline) {
    if (!baseline.previousUuid) return null;
    return loaders.get('baseline', () => this.service.baselineLoader(actor)).load(baseline.previousUuid);
  }

  @ResolveField(() => RequirementConnection, { description: 'By code.' })
  requirements(
    @Loaders() loaders: RequestLoaders,
    @Parent() baseline: Baseline,
    @Args() args: BaselineRequirementsArgs,
  ) {
    const name = `baselineRequirements:${JSON.stringify([args.tier, args.category, args.first, args.after])}`;
    return loaders.get(name, () => this.service.requirementsPageLoader(args)).load(baseline.uuid);
  }
}
