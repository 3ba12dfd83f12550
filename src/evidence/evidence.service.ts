import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.constants.js';
import { UnitOfWork, type WriteContext } from '../common/database/unit-of-work.js';
import { dateOf, sqlSection, type SqlSection } from '../common/database/sql-sections.js';
import { BadUserInputError, NotFoundError } from '../common/errors/domain-error.js';
import { type ConnectionShape, toConnection } from '../common/graphql/connection.js';
import { encodeCursor, type PageRequest } from '../common/graphql/cursor.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { NodeType } from '../common/graphql/node-type.js';
import { REQUIREMENT_TYPE } from '../baselines/baseline.mapper.js';
import { ProductsService } from '../products/products.service.js';
import type { CreateEvidenceInput } from './dto/create-evidence.input.js';
import { EvidenceStatus } from './dto/evidence.enum.js';
import type { Evidence, EvidenceUpload } from './dto/evidence.model.js';
import { EvidenceEntity, EvidenceRequirementEntity } from './evidence.entity.js';
import { EVIDENCE_TYPE, evidenceColumns, type EvidenceRow, toEvidence } from './evidence.mapper.js';
import { checkEvidenceText, EVIDENCE_LIMITS } from './evidence.rules.js';
import { seesAllEvidence, visibleEvidenceSql } from './evidence-visibility.js';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

type PageRow = EvidenceRow & { parent: string; total: number };

/** Evidence metadata: recording it (with a one-time upload URL) and reading it within confidentiality. */
/** Evidence of one of the caller's products that expires soon. */
export interface ExpiringEvidence {
  readonly productUuid: string;
  readonly productName: string;
  readonly title: string;
  readonly validUntil: Date;
}

@Injectable()
export class EvidenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly products: ProductsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The caller's own products' available evidence whose validUntil falls within `days` from now
   * (a supplier's overview; another organisation gets nothing). A section of a page's one
   * statement (readSections).
   */
  expiringSection(actor: Actor, now: Date, days = 30): SqlSection<ExpiringEvidence[]> {
    return sqlSection(
      `SELECT e.id, e.title, e.valid_until, p.id AS product_id, p.name AS product_name
         FROM evidence e JOIN product p ON p.id = e.product_id
        WHERE p.supplier_id = $1::uuid AND e.status = 'AVAILABLE'
          AND e.valid_until >= $2::timestamptz AND e.valid_until < $2::timestamptz + make_interval(days => $3)
        ORDER BY e.valid_until, e.id
        LIMIT 200`,
      [actor.organizationId, now, days],
      (rows) =>
        rows.map((row) => ({
          productUuid: row.product_id as string,
          productName: row.product_name as string,
          title: row.title as string,
          validUntil: dateOf(row.valid_until) as Date,
        })),
    );
  }

  /** The evidence if the caller may see it, else null (it then does not exist for the caller). */
  @NodeType(EVIDENCE_TYPE)
  async findVisible(actor: Actor, uuid: string): Promise<Evidence | null> {
    const [found] = await this.visibleByIds(actor, [uuid]);
    return found;
  }

  async get(actor: Actor, id: string): Promise<Evidence> {
    const uuid = fromGlobalId(id, EVIDENCE_TYPE);
    const found = uuid ? await this.findVisible(actor, uuid) : null;
    if (!found) throw new NotFoundError('Evidence');
    return found;
  }

  /** In the order asked; null for unknown evidence and evidence the caller may not see. */
  async visibleByIds(actor: Actor, uuids: readonly string[]): Promise<(Evidence | null)[]> {
    if (uuids.length === 0) return [];
    const rows = await this.dataSource.query<EvidenceRow[]>(
      `SELECT ${evidenceColumns('e')} FROM evidence e
       WHERE e.id = ANY($1::uuid[]) AND ${visibleEvidenceSql('e', 2, 3)}`,
      [uuids, actor.organizationId, seesAllEvidence(actor)],
    );
    const byId = new Map(rows.map((row) => [row.id, toEvidence(row)]));
    return uuids.map((uuid) => byId.get(uuid) ?? null);
  }

  /** For field resolvers elsewhere (an attestation's or a finding's evidence). */
  visibleLoader(actor: Actor): DataLoader<string, Evidence | null> {
    return new DataLoader((uuids: readonly string[]) => this.visibleByIds(actor, uuids));
  }

  /**
   * One page of the evidence each product of a request shows the caller, newest first, in one
   * statement; invisible evidence is left out of the pages and of the totals alike.
   */
  productEvidenceLoader(actor: Actor, page: PageRequest): DataLoader<string, ConnectionShape<Evidence>> {
    const [afterAt, afterId] = page.after ?? [null, null];
    if (page.after && (typeof afterAt !== 'string' || typeof afterId !== 'string')) {
      throw BadUserInputError.field('after', 'is not a cursor returned by this connection');
    }
    return new DataLoader(async (productUuids: readonly string[]) => {
      const rows = await this.dataSource.query<PageRow[]>(
        `WITH visible AS (
           SELECT ${evidenceColumns('e')} FROM evidence e
           WHERE e.product_id = ANY($1::uuid[]) AND ${visibleEvidenceSql('e', 2, 3)}
         ), totals AS (
           SELECT "productId", count(*)::int AS total FROM visible GROUP BY "productId"
         ), paged AS (
           SELECT v.*, row_number() OVER (PARTITION BY v."productId" ORDER BY v."createdAt" DESC, v.id DESC) AS rn
           FROM visible v
           WHERE $4::timestamptz IS NULL OR (v."createdAt", v.id) < ($4::timestamptz, $5::uuid)
         )
         SELECT p.*, p."productId" AS parent, t.total FROM paged p JOIN totals t USING ("productId")
         WHERE p.rn <= $6 ORDER BY p."productId", p."createdAt" DESC, p.id DESC`,
        [productUuids, actor.organizationId, seesAllEvidence(actor), afterAt, afterId, page.first + 1],
      );
      const byProduct = new Map<string, PageRow[]>();
      for (const row of rows) byProduct.set(row.parent, [...(byProduct.get(row.parent) ?? []), row]);
      const now = new Date();
      return productUuids.map((uuid) => {
        const own = byProduct.get(uuid) ?? [];
        return toConnection(
          own,
          page,
          own[0]?.total ?? 0,
          (row) => encodeCursor([row.createdAtText, row.id]),
          (row) => toEvidence(row, now),
        );
      });
    });
  }

  /** The requirement uuids each evidence supports, batched. */
  requirementIdsLoader(): DataLoader<string, string[]> {
    return new DataLoader(async (uuids: readonly string[]) => {
      const rows = await this.dataSource.query<{ evidenceId: string; requirementId: string }[]>(
        `SELECT er.evidence_id AS "evidenceId", er.requirement_id AS "requirementId"
         FROM evidence_requirement er JOIN requirement r ON r.id = er.requirement_id
         WHERE er.evidence_id = ANY($1::uuid[]) ORDER BY r.code`,
        [uuids],
      );
      const byEvidence = new Map<string, string[]>();
      for (const row of rows) {
        byEvidence.set(row.evidenceId, [...(byEvidence.get(row.evidenceId) ?? []), row.requirementId]);
      }
      return uuids.map((uuid) => byEvidence.get(uuid) ?? []);
    });
  }

  /** Records the metadata and issues a one-time upload URL bound to the evidence and the caller's organisation. */
  async create(actor: Actor, input: CreateEvidenceInput): Promise<EvidenceUpload> {
    const text = checkEvidenceText(input);
    const productUuid = fromGlobalId(input.productId, 'Product');
    if (!productUuid) throw new NotFoundError('Product');
    const requirementUuids = this.decodeRequirementIds(input.requirementIds);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + EVIDENCE_LIMITS.uploadTtlMs);
    return this.unitOfWork.run(actor, async (tx) => {
      const product = await this.products.requireOwned(actor, productUuid, tx);
      await this.requirePublished(tx, requirementUuids);
      const repository = tx.em.getRepository(EvidenceEntity);
      const saved = await repository.save(
        repository.create({
          productId: product.uuid,
          supplierId: product.supplierUuid,
          title: text.title,
          description: text.description,
          confidentiality: input.confidentiality,
          status: EvidenceStatus.AWAITING_UPLOAD,
          fileName: text.fileName,
          validFrom: input.validFrom ?? null,
          validUntil: input.validUntil ?? null,
          uploadTokenHash: hashToken(token),
          uploadOrganizationId: actor.organizationId,
          uploadExpiresAt: expiresAt,
        }),
      );
      await tx.em
        .getRepository(EvidenceRequirementEntity)
        .insert(requirementUuids.map((requirementId) => ({ evidenceId: saved.id, requirementId })));
      const evidence = toEvidence(await this.reload(tx, saved.id));
      tx.audit('evidence.created', EVIDENCE_TYPE, evidence.id);
      return {
        evidence,
        uploadUrl: `${this.config.publicUrl}/evidence/uploads/${token}`,
        expiresAt,
      };
    });
  }

  private decodeRequirementIds(ids: readonly string[]): string[] {
    if (ids.length === 0)
      throw BadUserInputError.field('input.requirementIds', 'name at least one requirement');
    const uuids = ids.map((id) => fromGlobalId(id, REQUIREMENT_TYPE));
    const bad = uuids.findIndex((uuid) => uuid === null);
    if (bad >= 0) throw BadUserInputError.field(`input.requirementIds.${bad}`, 'is not a requirement id');
    return [...new Set(uuids as string[])];
  }

  /** Evidence supports requirements of published baselines only (drafts change; retired ones are over). */
  private async requirePublished(tx: WriteContext, uuids: readonly string[]): Promise<void> {
    const rows = await tx.em.query<{ id: string }[]>(
      `SELECT r.id FROM requirement r JOIN baseline b ON b.id = r.baseline_id
       WHERE r.id = ANY($1::uuid[]) AND b.status = 'PUBLISHED'`,
      [uuids],
    );
    const found = new Set(rows.map((row) => row.id));
    const missing = uuids.filter((uuid) => !found.has(uuid));
    if (missing.length > 0) {
      throw BadUserInputError.field(
        'input.requirementIds',
        `${missing.length} of the requirements are not requirements of a published baseline`,
      );
    }
  }

  private async reload(tx: WriteContext, uuid: string): Promise<EvidenceRow> {
    const [row] = await tx.em.query<EvidenceRow[]>(
      `SELECT ${evidenceColumns('e')} FROM evidence e WHERE e.id = $1`,
      [uuid],
    );
    return row;
  }
}
