import { IdArgs } from '../common/graphql/id.args.js';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import type { RequestLoaders } from '../common/graphql/request-context.js';
import { primeFindingLoaders } from './assessment.mapper.js';
import { AssessmentWorkflowService } from './assessment-workflow.service.js';
import {
  CompleteAssessmentArgs,
  RecordFindingArgs,
  RecordFindingsArgs,
  RequestAssessmentArgs,
} from './dto/assessment.input.js';
import { FindingRecorder } from './finding-recorder.service.js';
import { Assessment, Finding, Remediation } from './dto/assessment.model.js';

/** The workflow's mutations; who may do what is in POLICIES, the state rules in the service. */
@Resolver()
export class AssessmentWorkflowResolver {
  constructor(
    private readonly workflow: AssessmentWorkflowService,
    private readonly findings: FindingRecorder,
  ) {}

  @Mutation(() => Assessment, {
    description:
      'Supplier: ask for an assessment of its product against the current version of a published baseline.',
  })
  @Allow(POLICIES.requestAssessment)
  requestAssessment(@CurrentActor() actor: Actor, @Args() args: RequestAssessmentArgs): Promise<Assessment> {
    return this.workflow.request(actor, args.productId, args.baselineId, args.scope ?? undefined);
  }

  @Mutation(() => Assessment, { description: 'Assessor: take a requested assessment.' })
  @Allow(POLICIES.startAssessment)
  startAssessment(@CurrentActor() actor: Actor, @Args() args: IdArgs): Promise<Assessment> {
    return this.workflow.start(actor, args.id);
  }

  @Mutation(() => Finding, {
    description:
      'The assessment body holding the assessment: record or replace the finding for one requirement. ' +
      'On a completed assessment, the body that completed it or the agency may confirm a finding with the same result and fresh evidence.',
  })
  @Allow(POLICIES.recordFinding)
  async recordFinding(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Args() args: RecordFindingArgs,
  ): Promise<Finding> {
    const finding = await this.findings.recordOne(actor, args.input);
    primeFindingLoaders(loaders, [finding]);
    return finding;
  }

  @Mutation(() => [Finding], {
    description:
      'As recordFinding, for up to 500 findings of one assessment in one transaction: one bad entry records nothing, ' +
      'and the error names it (e.g. findings[12].requirementId). The findings come back in the order given.',
  })
  @Allow(POLICIES.recordFindings)
  async recordFindings(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Args() args: RecordFindingsArgs,
  ): Promise<Finding[]> {
    const findings = await this.findings.recordMany(actor, args.assessmentId, args.findings);
    primeFindingLoaders(loaders, findings);
    return findings;
  }

  @Mutation(() => Assessment, {
    description: 'The assessment body holding the assessment: close it with an outcome.',
  })
  @Allow(POLICIES.completeAssessment)
  completeAssessment(
    @CurrentActor() actor: Actor,
    @Args() args: CompleteAssessmentArgs,
  ): Promise<Assessment> {
    return this.workflow.complete(actor, args.input);
  }

  @Mutation(() => Assessment, {
    description: 'The supplier or the agency, while the assessment is not completed.',
  })
  @Allow(POLICIES.withdrawAssessment)
  withdrawAssessment(@CurrentActor() actor: Actor, @Args() args: IdArgs): Promise<Assessment> {
    return this.workflow.withdraw(actor, args.id);
  }

  @Mutation(() => Remediation, {
    description: 'Supplier: mark a remediation done; the next assessment confirms it.',
  })
  @Allow(POLICIES.completeRemediation)
  completeRemediation(@CurrentActor() actor: Actor, @Args() args: IdArgs): Promise<Remediation> {
    return this.workflow.completeRemediation(actor, args.id);
  }
}
