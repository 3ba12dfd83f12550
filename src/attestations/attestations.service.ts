import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { BASELINE_TYPE, REQUIREMENT_TYPE } from '../baselines/baseline.mapper.js';
import type { Actor } from '../common/actor.js';
import { sqlSection, type SqlSection } from '../common/database/sql-sections.js';
import { UnitOfWork, type WriteContext } from '../common/database/unit-of-work.js';
import { Clock } from '../events/clock.js';
import { BadUserInputError, NotFoundError } from '../common/errors/domain-error.js';
import { fromGlobalId, toGlobalId } from '../common/graphql/global-id.js';
import { NodeType } from '../common/graphql/node-type.js';
import { EVIDENCE_TYPE } from '../evidence/evidence.mapper.js';
import { pinViolation } from '../evidence/evidence.rules.js';
import { ProductsService } from '../products/products.service.js';
import { Attestation, type AttestInput } from './dto/attestation.model.js';
import type { ImplementationStatus } from './dto/implementation-status.enum.js';

export const ATTESTATION_TYPE = 'Attestation';
/** A requirement one of the caller's products lacks something for. */
export interface RequirementGap {
  readonly productUuid: string;
  readonly productName: string;
  readonly code: string;
  readonly title: string;
  /** Whether the supplier has attested it. */
  readonly attested: boolean;
  /** Whether current evidence (available, not expired) is linked to it. */
  readonly evidenced: boolean;
}

/** A product has at most one attestation per requirement; this bounds a list across every baseline. */
const LIST_MAX = 2000;

interface AttestationRow {
  id: string;
  productId: string;
  requirementId: string;
  status: ImplementationStatus;
  statement: string;
  attestedAt: Date;
}

const COLUMNS = `a.id, a.product_id AS "productId", a.requirement_id AS "requirementId", a.status, a.statement,
  a.attested_at AS "attestedAt"`;

function toAttestation(row: AttestationRow): Attestation {
  const model = new Attestation();
  model.id = toGlobalId(ATTESTATION_TYPE, row.id);
  model.uuid = row.id;
  model.productUuid = row.productId;
  model.requirementUuid = row.requirementId;
  model.status = row.status;
  model.statement = row.statement;
  model.attestedAt = row.attestedAt;
  return model;
}

/**
 * Suppliers' statements per product and requirement. Attesting again replaces the current
 * statement; every version is kept as a revision named by the audit trail.
 */
@Injectable()
export class AttestationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly products: ProductsService,
    private readonly clock: Clock,
  ) {}

  /**
   * What the caller's own products still lack for their tier (a supplier's overview): each
   * requirement of the baseline a product is judged in (its series' newest published version) that
   * applies to the product's tier and has no attestation, or no current evidence (AVAILABLE, not
   * past its validUntil). Only products the caller supplies: another organisation gets nothing.
   * A section of a page's one statement (readSections).
   */
  gapsSection(actor: Actor, limit = 500): SqlSection<RequirementGap[]> {
    return sqlSection(
      `SELECT g.* FROM (
         SELECT p.id AS product_id, p.name AS product_name, p.search_name, r.code, r.title,
                a.id IS NOT NULL AS attested,
                EXISTS (SELECT 1 FROM evidence_requirement er JOIN evidence e ON e.id = er.evidence_id
                         WHERE er.requirement_id = r.id AND e.product_id = p.id AND e.status = 'AVAILABLE'
                           AND (e.valid_until IS NULL OR e.valid_until >= $2::timestamptz)) AS evidenced
           FROM product p
           JOIN product_status st ON st.product_id = p.id
           JOIN LATERAL (
             SELECT b.id FROM baseline b WHERE b.key = st.series_key AND b.status = 'PUBLISHED'
              ORDER BY b.published_at DESC, b.id DESC LIMIT 1
           ) judged ON TRUE
           JOIN requirement r ON r.baseline_id = judged.id AND p.tier = ANY (r.tiers)
           LEFT JOIN attestation a ON a.product_id = p.id AND a.requirement_id = r.id
          WHERE p.supplier_id = $1::uuid
       ) g
       WHERE NOT (g.attested AND g.evidenced)
       ORDER BY g.search_name, g.product_id, g.code
       LIMIT $3`,
      [actor.organizationId, this.clock.now(), limit],
      (rows) =>
        rows.map((row) => ({
          productUuid: row.product_id as string,
          productName: row.product_name as string,
          code: row.code as string,
          title: row.title as string,
          attested: row.attested === true,
          evidenced: row.evidenced === true,
        })),
    );
  }

  /** For anyone who can see the product; optionally only requirements of one baseline. */
  async list(actor: Actor, productId: string, baselineId?: string | null): Promise<Attestation[]> {
    const productUuid = fromGlobalId(productId, 'Product');
    const product = productUuid ? await this.products.findVisible(actor, productUuid) : null;
    if (!product) throw new NotFoundError('Product');
    const baselineUuid = baselineId ? fromGlobalId(baselineId, BASELINE_TYPE) : null;
    if (baselineId && !baselineUuid) throw new NotFoundError('Baseline');
    const rows = await this.dataSource.query<AttestationRow[]>(
      `SELECT ${COLUMNS} FROM attestation a JOIN requirement r ON r.id = a.requirement_id
       WHERE a.product_id = $1 AND ($2::uuid IS NULL OR r.baseline_id = $2::uuid)
       ORDER BY r.code, a.id LIMIT ${LIST_MAX}`,
      [product.uuid, baselineUuid],
    );
    return rows.map(toAttestation);
  }

  /** node(id): an attestation is visible to whoever sees its product, like list(). */
  @NodeType(ATTESTATION_TYPE)
  async findVisible(actor: Actor, uuid: string): Promise<Attestation | null> {
    const [row] = await this.dataSource.query<AttestationRow[]>(
      `SELECT ${COLUMNS} FROM attestation a WHERE a.id = $1`,
      [uuid],
    );
    if (!row || !(await this.products.findVisible(actor, row.productId))) return null;
    return toAttestation(row);
  }

  /** The evidence uuids of each attestation, batched (visibility is the evidence loader's call). */
  evidenceIdsLoader(): DataLoader<string, string[]> {
    return new DataLoader(async (uuids: readonly string[]) => {
      const rows = await this.dataSource.query<{ attestationId: string; evidenceId: string }[]>(
        `SELECT attestation_id AS "attestationId", evidence_id AS "evidenceId" FROM attestation_evidence
         WHERE attestation_id = ANY($1::uuid[]) ORDER BY evidence_id`,
        [uuids],
      );
      const by = new Map<string, string[]>();
      for (const row of rows)
        by.set(row.attestationId, [...(by.get(row.attestationId) ?? []), row.evidenceId]);
      return uuids.map((uuid) => by.get(uuid) ?? []);
    });
  }

  async attest(actor: Actor, input: AttestInput): Promise<Attestation> {
    const statement = input.statement.trim();
    if (statement.length === 0) throw BadUserInputError.field('input.statement', 'must not be blank');
    const pin = pinViolation('input.statement', statement);
    if (pin) throw new BadUserInputError([pin]);
    const productUuid = fromGlobalId(input.productId, 'Product');
    if (!productUuid) throw new NotFoundError('Product');
    const requirementUuid = fromGlobalId(input.requirementId, REQUIREMENT_TYPE);
    if (!requirementUuid) throw BadUserInputError.field('input.requirementId', 'is not a requirement id');
    const evidenceUuids = (input.evidenceIds ?? []).map((id, i) => {
      const uuid = fromGlobalId(id, EVIDENCE_TYPE);
      if (!uuid) throw BadUserInputError.field(`input.evidenceIds.${i}`, 'is not an evidence id');
      return uuid;
    });
    const unique = [...new Set(evidenceUuids)];
    return this.unitOfWork.run(actor, async (tx) => {
      const product = await this.products.requireOwned(actor, productUuid, tx);
      await this.requirePublished(tx, requirementUuid);
      await this.requireOwnEvidence(tx, product.uuid, unique);
      const [row] = await tx.em.query<AttestationRow[]>(
        `INSERT INTO attestation (product_id, requirement_id, status, statement, attested_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (product_id, requirement_id)
         DO UPDATE SET status = EXCLUDED.status, statement = EXCLUDED.statement, attested_at = EXCLUDED.attested_at
         RETURNING id, product_id AS "productId", requirement_id AS "requirementId", status, statement, attested_at AS "attestedAt"`,
        [product.uuid, requirementUuid, input.status, statement],
      );
      await tx.em.query(`DELETE FROM attestation_evidence WHERE attestation_id = $1`, [row.id]);
      if (unique.length > 0) {
        await tx.em.query(
          `INSERT INTO attestation_evidence (attestation_id, evidence_id) SELECT $1, unnest($2::uuid[])`,
          [row.id, unique],
        );
      }
      const [revision] = await tx.em.query<{ id: string }[]>(
        `INSERT INTO attestation_revision (attestation_id, status, statement, evidence_ids)
         VALUES ($1, $2, $3, $4::uuid[]) RETURNING id`,
        [row.id, input.status, statement, unique],
      );
      const attestation = toAttestation(row);
      tx.audit('attestation.recorded', ATTESTATION_TYPE, attestation.id);
      tx.audit('attestation.revision', 'AttestationRevision', toGlobalId('AttestationRevision', revision.id));
      return attestation;
    });
  }

  private async requirePublished(tx: WriteContext, requirementUuid: string): Promise<void> {
    const rows = await tx.em.query<unknown[]>(
      `SELECT 1 FROM requirement r JOIN baseline b ON b.id = r.baseline_id
       WHERE r.id = $1 AND b.status = 'PUBLISHED'`,
      [requirementUuid],
    );
    if (rows.length === 0) {
      throw BadUserInputError.field('input.requirementId', 'is not a requirement of a published baseline');
    }
  }

  private async requireOwnEvidence(
    tx: WriteContext,
    productUuid: string,
    uuids: readonly string[],
  ): Promise<void> {
    if (uuids.length === 0) return;
    const rows = await tx.em.query<{ id: string }[]>(
      `SELECT id FROM evidence WHERE id = ANY($1::uuid[]) AND product_id = $2`,
      [uuids, productUuid],
    );
    if (rows.length !== uuids.length) {
      throw BadUserInputError.field('input.evidenceIds', 'must name evidence of the same product');
    }
  }
}
