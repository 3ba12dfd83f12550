import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Requirement } from '../baselines/dto/requirement.model.js';
import { BaselinesService } from '../baselines/baselines.service.js';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Evidence } from '../evidence/dto/evidence.model.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { Product } from '../products/dto/product.model.js';
import { ProductsService } from '../products/products.service.js';
import { Attestation, AttestArgs, AttestationsArgs } from './dto/attestation.model.js';
import { AttestationsService } from './attestations.service.js';

@Resolver(() => Attestation)
export class AttestationsResolver {
  constructor(
    private readonly service: AttestationsService,
    private readonly products: ProductsService,
    private readonly baselines: BaselinesService,
    private readonly evidenceService: EvidenceService,
  ) {}

  @Query(() => [Attestation], { description: 'For anyone who can see the product; by requirement code.' })
  @Allow(POLICIES.attestations)
  attestations(@CurrentActor() actor: Actor, @Args() args: AttestationsArgs) {
    return this.service.list(actor, args.productId, args.baselineId);
  }

  @Mutation(() => Attestation, {
    description:
      'Supplier: state how an own product meets a requirement; attesting again replaces the statement.',
  })
  @Allow(POLICIES.attest)
  attest(@CurrentActor() actor: Actor, @Args() args: AttestArgs) {
    return this.service.attest(actor, args.input);
  }

  @ResolveField(() => Product, { description: 'The product the statement is about.' })
  product(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() attestation: Attestation,
  ) {
    return loaders.get('product', () => this.products.loader(actor)).load(attestation.productUuid);
  }

  @ResolveField(() => Requirement, { description: 'The requirement the statement answers.' })
  requirement(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() attestation: Attestation,
  ) {
    return loaders
      .get('requirement', () => this.baselines.requirementLoader(actor))
      .load(attestation.requirementUuid);
  }

  @ResolveField(() => [Evidence], { description: 'Only the evidence the caller may see.' })
  async evidence(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() attestation: Attestation,
  ): Promise<Evidence[]> {
    const uuids = await loaders
      .get('attestation.evidenceIds', () => this.service.evidenceIdsLoader())
      .load(attestation.uuid);
    const found = await loaders
      .get('evidence.visible', () => this.evidenceService.visibleLoader(actor))
      .loadMany(uuids);
    return found.filter((e): e is Evidence => e !== null && !(e instanceof Error));
  }
}
