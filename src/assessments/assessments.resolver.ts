import { IdArgs } from '../common/graphql/id.args.js';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import { Baseline } from '../baselines/dto/baseline.model.js';
import { BaselinesService } from '../baselines/baselines.service.js';
import type { Actor } from '../common/actor.js';
import type { RequestContext, RequestLoaders } from '../common/graphql/request-context.js';
import { selectsOnly } from '../common/graphql/selection.js';
import { Organization } from '../organizations/dto/organization.model.js';
import { ORGANIZATION_LOADER } from '../organizations/organization.mapper.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { Product } from '../products/dto/product.model.js';
import { ProductsService } from '../products/products.service.js';
import { FINDINGS_LOADER, SLIM_FINDINGS_LOADER } from './assessment.mapper.js';
import { AssessmentsService } from './assessments.service.js';
import { AssessmentQueueArgs } from './dto/assessment.input.js';
import { FindingsReader, SLIM_FINDING_FIELDS } from './findings.reader.js';
import { Assessment, AssessmentConnection, Finding } from './dto/assessment.model.js';

/** Reading assessments; their fields are batched per request. */
@Resolver(() => Assessment)
export class AssessmentsResolver {
  constructor(
    private readonly service: AssessmentsService,
    private readonly products: ProductsService,
    private readonly baselines: BaselinesService,
    private readonly organizations: OrganizationsService,
    private readonly findingsReader: FindingsReader,
  ) {}

  @Query(() => Assessment, {
    nullable: true,
    description: "NOT_FOUND for an unknown id, and for other suppliers' products' assessments.",
  })
  @Allow(POLICIES.assessment)
  assessment(@CurrentActor() actor: Actor, @Args() args: IdArgs): Promise<Assessment> {
    return this.service.get(actor, args.id);
  }

  @Query(() => AssessmentConnection, {
    description: "Assessments waiting for or held by the caller's assessment body; the agency sees all.",
  })
  @Allow(POLICIES.assessmentQueue)
  assessmentQueue(@CurrentActor() actor: Actor, @Args() args: AssessmentQueueArgs) {
    return this.service.queue(actor, args);
  }

  @ResolveField(() => Product, { description: 'The product assessed.' })
  product(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() assessment: Assessment,
  ) {
    return loaders.get('product', () => this.products.loader(actor)).load(assessment.productUuid);
  }

  @ResolveField(() => Baseline, { description: 'The baseline version the product is assessed against.' })
  baseline(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() assessment: Assessment,
  ) {
    return loaders.get('baseline', () => this.baselines.baselineLoader(actor)).load(assessment.baselineUuid);
  }

  @ResolveField(() => Organization, { nullable: true, description: 'The assessment body that took it.' })
  assessor(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() assessment: Assessment,
  ) {
    if (!assessment.assessorUuid) return null;
    return loaders
      .get(ORGANIZATION_LOADER, () => this.organizations.loader(actor))
      .load(assessment.assessorUuid);
  }

  @ResolveField(() => [Finding], { description: 'By requirement code.' })
  findings(
    assessment: Assessment,
    _args: object,
    { loaders }: RequestContext,
    info: GraphQLResolveInfo,
  ): Promise<Finding[]> {
    // Without parameter decorators (see callerOf): a page of 40 products has 40 assessments.
    // Every assessment of a request shares one document, so one loader per variant batches them all.
    const slim = selectsOnly(info, SLIM_FINDING_FIELDS);
    return loaders
      .get(slim ? SLIM_FINDINGS_LOADER : FINDINGS_LOADER, () => this.findingsReader.loader(slim))
      .load(assessment.uuid);
  }
}
