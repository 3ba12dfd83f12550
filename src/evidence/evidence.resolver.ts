import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Requirement } from '../baselines/dto/requirement.model.js';
import { BaselinesService } from '../baselines/baselines.service.js';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Product } from '../products/dto/product.model.js';
import { ProductsService } from '../products/products.service.js';
import { CreateEvidenceArgs } from './dto/create-evidence.input.js';
import { Evidence, EvidenceUpload } from './dto/evidence.model.js';
import { EvidenceDownloadService } from './evidence-download.service.js';
import { EvidenceService } from './evidence.service.js';

@Resolver(() => Evidence)
export class EvidenceResolver {
  constructor(
    private readonly service: EvidenceService,
    private readonly downloads: EvidenceDownloadService,
    private readonly products: ProductsService,
    private readonly baselines: BaselinesService,
  ) {}

  @Mutation(() => EvidenceUpload, {
    description:
      'Supplier: record evidence for an own product and get a one-time upload URL (15 minutes) for its file.',
  })
  @Allow(POLICIES.createEvidence)
  createEvidence(@CurrentActor() actor: Actor, @Args() args: CreateEvidenceArgs) {
    return this.service.create(actor, args.input);
  }

  @ResolveField(() => Product, { description: 'The product it is evidence for.' })
  async product(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() evidence: Evidence,
  ) {
    return loaders.get('product', () => this.products.loader(actor)).load(evidence.productUuid);
  }

  @ResolveField(() => [Requirement], { description: 'The requirements it is meant to show are met.' })
  async requirements(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() evidence: Evidence,
  ): Promise<Requirement[]> {
    const uuids = await loaders
      .get('evidence.requirementIds', () => this.service.requirementIdsLoader())
      .load(evidence.uuid);
    const found = await loaders
      .get('requirement', () => this.baselines.requirementLoader(actor))
      .loadMany(uuids);
    return found.filter((r): r is Requirement => r !== null && !(r instanceof Error));
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Where the caller may fetch the content for 5 minutes, with its bearer token; null when there is none.',
  })
  downloadUrl(@CurrentActor() actor: Actor, @Parent() evidence: Evidence): string | null {
    return this.downloads.downloadUrl(actor, evidence);
  }
}
