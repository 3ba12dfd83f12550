import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { BaselinesService } from '../baselines/baselines.service.js';
import { Baseline } from '../baselines/dto/baseline.model.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { ProductStatus } from './dto/product-status.model.js';

/**
 * ProductStatus.baseline through the baselines' loader: the status rows carry only the judged
 * baseline's id, key and version, so lists that do not ask for the baseline do not ship it.
 */
@Resolver(() => ProductStatus)
export class ProductStatusBaselineResolver {
  constructor(private readonly baselines: BaselinesService) {}

  @ResolveField(() => Baseline, { nullable: true, description: 'The baseline the state was judged against.' })
  baseline(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() status: ProductStatus,
  ): Promise<Baseline | null> | null {
    if (!status.baselineUuid) return null;
    return loaders.get('baseline', () => this.baselines.baselineLoader(actor)).load(status.baselineUuid);
  }
}
