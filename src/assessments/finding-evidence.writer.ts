import { Injectable } from '@nestjs/common';
import type { WriteContext } from '../common/database/unit-of-work.js';
import { BadUserInputError } from '../common/errors/domain-error.js';
import { fromGlobalId } from '../common/graphql/global-id.js';

/** The evidence a finding cites: ids decoded and checked to be the assessed product's own. */
@Injectable()
export class FindingEvidenceWriter {
  decode(ids: readonly string[], prefix = 'input'): string[] {
    const uuids: string[] = [];
    ids.forEach((id, index) => {
      const uuid = fromGlobalId(id, 'Evidence');
      if (!uuid) throw BadUserInputError.field(`${prefix}.evidenceIds.${index}`, 'is not an evidence id');
      if (!uuids.includes(uuid)) uuids.push(uuid);
    });
    return uuids;
  }

  /** Assessors see every piece of evidence, so naming another product's is a mistake, not a leak. */
  async requireOfProduct(tx: WriteContext, productUuid: string, uuids: readonly string[]): Promise<void> {
    if (uuids.length === 0) return;
    const rows = await tx.em.query<{ id: string }[]>(
      `SELECT id FROM evidence WHERE id = ANY($1::uuid[]) AND product_id = $2`,
      [uuids, productUuid],
    );
    const found = new Set(rows.map((row) => row.id));
    const missing = uuids.filter((uuid) => !found.has(uuid)).length;
    if (missing > 0) {
      throw BadUserInputError.field(
        'input.evidenceIds',
        `${missing} of the evidence ids are not evidence of the assessed product`,
      );
    }
  }

  async replace(tx: WriteContext, findingUuid: string, evidenceUuids: readonly string[]): Promise<void> {
    await tx.em.query('DELETE FROM finding_evidence WHERE finding_id = $1', [findingUuid]);
    if (evidenceUuids.length === 0) return;
    await tx.em.query(
      `INSERT INTO finding_evidence (finding_id, evidence_id) SELECT $1, unnest($2::uuid[])`,
      [findingUuid, evidenceUuids],
    );
  }
}
