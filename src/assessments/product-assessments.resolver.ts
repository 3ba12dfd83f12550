import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import type { ConnectionShape } from '../common/graphql/connection.js';
import { BY_TIME, pageRequest } from '../common/graphql/cursor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Product } from '../products/dto/product.model.js';
import { productAssessmentsLoader } from './assessment.mapper.js';
import { AssessmentsService, seesAssessmentsOf } from './assessments.service.js';
import { ProductAssessmentsArgs } from './dto/assessment.input.js';
import { type Assessment, AssessmentConnection } from './dto/assessment.model.js';

const EMPTY: ConnectionShape<Assessment> = {
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
  totalCount: 0,
};

/** Product.assessments: newest first; an empty connection for other suppliers, who do not see them. */
@Resolver(() => Product)
export class ProductAssessmentsResolver {
  constructor(private readonly service: AssessmentsService) {}

  @ResolveField(() => AssessmentConnection, {
    description: "Newest first. Empty for suppliers other than the product's own.",
  })
  assessments(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() product: Product,
    @Args() args: ProductAssessmentsArgs,
  ): ConnectionShape<Assessment> | Promise<ConnectionShape<Assessment>> {
    if (!seesAssessmentsOf(actor, product.supplierUuid)) return EMPTY;
    const page = pageRequest(args, BY_TIME);
    return loaders
      .get(productAssessmentsLoader(page.first, args.after), () =>
        this.service.productAssessmentsLoader(page),
      )
      .load(product.uuid);
  }
}
