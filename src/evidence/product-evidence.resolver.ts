import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import { ConnectionArgs } from '../common/graphql/connection.js';
import { BY_TIME, pageRequest } from '../common/graphql/cursor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Product } from '../products/dto/product.model.js';
import { EvidenceConnection } from './dto/evidence.model.js';
import { EvidenceService } from './evidence.service.js';

/** Product.evidence: only what the caller may see, newest first; counts leave out the rest. */
@Resolver(() => Product)
export class ProductEvidenceResolver {
  constructor(private readonly service: EvidenceService) {}

  @ResolveField(() => EvidenceConnection, {
    description: "The product's evidence the caller may see (its confidentiality).",
  })
  evidence(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() product: Product,
    @Args() args: ConnectionArgs,
  ) {
    const page = pageRequest(args, BY_TIME);
    return loaders
      .get(`product.evidence:${page.first}:${args.after ?? ''}`, () =>
        this.service.productEvidenceLoader(actor, page),
      )
      .load(product.uuid);
  }
}
