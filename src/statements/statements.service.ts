import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.constants.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { fromGlobalId, toGlobalId } from '../common/graphql/global-id.js';
import { Clock } from '../events/clock.js';
import { OscalExchangeService } from '../oscal/oscal-exchange.service.js';
import { productId } from '../products/product.mapper.js';
import { StatusService } from '../status/status.service.js';
import { StatementKeys } from './statement-keys.js';
import type { StatusStatement } from './statement.model.js';

/** The JWS header's typ: what the payload is, so it is not mistaken for an access token. */
export const STATEMENT_TYPE = 'status-statement+jwt';

/**
 * Signed status statements: what a municipality keeps to show its supervisor and IMY that it
 * checked its supplier when it decided. Anyone can verify one offline with the published keys.
 */
@Injectable()
export class StatementsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly status: StatusService,
    private readonly exchange: OscalExchangeService,
    private readonly keys: StatementKeys,
    private readonly clock: Clock,
  ) {}

  async statement(actor: Actor, id: string): Promise<StatusStatement> {
    const uuid = fromGlobalId(id, 'Product');
    const [product] = uuid
      ? await this.dataSource.query<
          { name: string; supplier_name: string; supplier_org_number: string | null }[]
        >(
          `SELECT p.name, s.name AS supplier_name, s.org_number AS supplier_org_number
             FROM product p JOIN organization s ON s.id = p.supplier_id WHERE p.id = $1`,
          [uuid],
        )
      : [];
    if (!uuid || !product) throw new NotFoundError('Product');
    const key = await this.keys.current();
    const status = await this.status.loader(actor).load(uuid);
    if (!status) throw new NotFoundError('Product');
    const [baseline] = status.baselineUuid
      ? await this.dataSource.query<{ key: string; version: string; title: string }[]>(
          `SELECT key, version, title FROM baseline WHERE id = $1`,
          [status.baselineUuid],
        )
      : [];
    // The newest completed assessment in the series the status is judged in.
    const [assessment] = status.baselineUuid
      ? await this.dataSource.query<
          { id: string; completed_at: Date; valid_until: Date | null; outcome: string }[]
        >(
          `SELECT a.id, a.completed_at, a.valid_until, a.outcome FROM assessment a JOIN baseline b ON b.id = a.baseline_id
            WHERE a.product_id = $1 AND a.state = 'COMPLETED' AND b.key = (SELECT key FROM baseline WHERE id = $2)
            ORDER BY a.completed_at DESC, a.id DESC LIMIT 1`,
          [uuid, status.baselineUuid],
        )
      : [];
    let assessmentClaim: Record<string, unknown> | null = null;
    if (assessment) {
      const assessmentGlobalId = toGlobalId('Assessment', assessment.id);
      const results = await this.exchange.assessmentResultsOf(assessment.id);
      assessmentClaim = {
        id: assessmentGlobalId,
        outcome: assessment.outcome,
        completedAt: assessment.completed_at.toISOString(),
        validUntil: assessment.valid_until?.toISOString() ?? null,
        resultsUrl: `${this.config.publicUrl}/oscal/assessments/${assessmentGlobalId}/assessment-results.json`,
        resultsSha256: results.sha256,
      };
    }
    const issuedAt = new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000);
    const jws = await new SignJWT({
      product: { id: productId(uuid), name: product.name },
      supplier: { name: product.supplier_name, orgNumber: product.supplier_org_number },
      // The status's state (the lead switches this to ProductStatus.effectiveState at merge).
      state: status.state,
      reasons: status.reasons,
      tier: status.tier,
      baseline: baseline ? { key: baseline.key, version: baseline.version, title: baseline.title } : null,
      assessment: assessmentClaim,
      validUntil: status.validUntil?.toISOString() ?? null,
      issuedAt: issuedAt.toISOString(),
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: STATEMENT_TYPE })
      .setIssuer(this.config.publicUrl)
      .setSubject(productId(uuid))
      .setIssuedAt(issuedAt)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { jws, keyId: key.kid, issuedAt };
  }
}
