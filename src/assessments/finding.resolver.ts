import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { Evidence } from '../evidence/dto/evidence.model.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { AssessmentsService } from './assessments.service.js';
import { Finding } from './dto/assessment.model.js';

@Resolver(() => Finding)
export class FindingResolver {
  constructor(
    private readonly service: AssessmentsService,
    private readonly evidenceService: EvidenceService,
  ) {}

  @ResolveField(() => [Evidence], {
    description: "Only the evidence the caller may see (the evidence's confidentiality).",
  })
  async evidence(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() finding: Finding,
  ): Promise<Evidence[]> {
    const ids = await loaders
      .get('finding.evidenceIds', () => this.service.findingEvidenceIdsLoader())
      .load(finding.uuid);
    const found = await loaders
      .get('evidence.visible', () => this.evidenceService.visibleLoader(actor))
      .loadMany(ids);
    return found.filter((e): e is Evidence => e !== null && !(e instanceof Error));
  }
}
