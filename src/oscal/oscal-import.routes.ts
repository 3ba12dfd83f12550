import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { featureHttpServer } from '../common/http/feature-routes.js';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service.js';
import { HTTP_POLICIES } from '../auth/policies.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { FindingRecorder } from '../assessments/finding-recorder.service.js';
import { exportedId } from '../baselines/oscal/oscal-export.js';
import {
  REQUIREMENT_COLUMNS,
  type RequirementRow,
  requirementId,
  toRequirement,
} from '../baselines/baseline.mapper.js';
import type { Actor } from '../common/actor.js';
import { BadUserInputError } from '../common/errors/domain-error.js';
import { receiveOscal } from '../baselines/oscal/oscal-upload.js';
import { parseAssessmentResults } from './assessment-results-import.js';

/**
 * POST /oscal/assessments/:id/assessment-results: the holding assessment body imports an OSCAL
 * assessment-results document as the findings of an assessment in progress, under the rules of
 * recordFindings (same policy, same checks, one transaction: all findings or none).
 */
@Injectable()
export class OscalImportRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly dataSource: DataSource,
    private readonly assessments: AssessmentsService,
    private readonly findings: FindingRecorder,
  ) {}

  onModuleInit(): void {
    const fastify = featureHttpServer(this.adapterHost);
    if (!fastify) return;
    void fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
      scope.post<{ Params: { id: string } }>('/oscal/assessments/:id/assessment-results', (request, reply) =>
        receiveOscal(
          this.auth,
          reply,
          HTTP_POLICIES.importAssessmentResults,
          request,
          async (actor, document) => {
            const recorded = await this.import(actor, request.params.id, document);
            return reply.code(200).send({ assessmentId: request.params.id, findings: recorded });
          },
        ),
      );
    });
  }

  private async import(actor: Actor, id: string, document: unknown): Promise<number> {
    const findings = parseAssessmentResults(document);
    const assessment = await this.assessments.get(actor, id);
    const rows = await this.dataSource.query<RequirementRow[]>(
      `SELECT ${REQUIREMENT_COLUMNS} FROM requirement r WHERE r.baseline_id = $1`,
      [assessment.baselineUuid],
    );
    const byControl = new Map(rows.map((row) => [exportedId(toRequirement(row)), row.id]));
    const inputs = findings.map((f) => {
      const uuid = byControl.get(f.controlId);
      if (!uuid) {
        throw BadUserInputError.field(
          `document${f.pointer}/target/target-id`,
          `names no requirement of the assessed baseline (${f.controlId})`,
        );
      }
      return {
        requirementId: requirementId(uuid),
        result: f.result,
        note: f.note,
        evidenceIds: f.evidenceIds,
        remediation: f.remediation,
      };
    });
    return (await this.findings.recordMany(actor, id, inputs)).length;
  }
}
