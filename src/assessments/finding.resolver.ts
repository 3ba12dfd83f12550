import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import type { RequestContext, RequestLoaders } from '../common/graphql/request-context.js';
import { Evidence } from '../evidence/dto/evidence.model.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { primeFindingLoaders, REMEDIATION_LOADER } from './assessment.mapper.js';
import { AssessmentsService } from './assessments.service.js';
import { Finding, Remediation } from './dto/assessment.model.js';
import { FindingsReader } from './findings.reader.js';

@Resolver(() => Finding)
export class FindingResolver {
  constructor(
    private readonly service: AssessmentsService,
    private readonly evidenceService: EvidenceService,
    private readonly findings: FindingsReader,
  ) {}

  @ResolveField(() => Remediation, {
    nullable: true,
    description: 'What the supplier must fix for this gap; null when none.',
  })
  remediation(finding: Finding, _args: object, { loaders }: RequestContext): Promise<Remediation | null> {
    // Without parameter decorators (see callerOf): a list may hold thousands of findings.
    return loaders.get(REMEDIATION_LOADER, () => this.findings.remediationLoader()).load(finding.uuid);
  }

  @ResolveField(() => Finding, {
    nullable: true,
    description: 'Set when a DELTA assessment took this finding over from the previous assessment.',
  })
  async carriedOverFrom(
    @Loaders() loaders: RequestLoaders,
    @Parent() finding: Finding,
  ): Promise<Finding | null> {
    const previous = await loaders
      .get('finding.carriedOverFrom', () => this.findings.carriedOverFromLoader())
      .load(finding.uuid);
    if (previous) primeFindingLoaders(loaders, [previous]);
    return previous;
  }

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
