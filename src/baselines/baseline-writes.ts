import { ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import type { WriteContext } from '../common/database/unit-of-work.js';
import { BaselineStatus } from './dto/baseline-status.enum.js';
import { RequirementEntity } from './requirement.entity.js';
import type { RequirementContent } from './requirement-content.js';

/*
 * Statements shared by the write services, always inside a UnitOfWork transaction.
 */

/**
 * Locks a baseline row for the rest of the transaction, so publishing and editing the same draft
 * serialise: a requirement can never slip into a baseline after it was published.
 */
export async function lockBaseline(
  tx: WriteContext,
  uuid: string,
): Promise<{ status: BaselineStatus; key: string; version: string; title: string }> {
  const [row] = await tx.em.query<{ status: BaselineStatus; key: string; version: string; title: string }[]>(
    `SELECT status, key, version, title FROM baseline WHERE id = $1 FOR UPDATE`,
    [uuid],
  );
  if (!row) throw new NotFoundError('Baseline');
  return row;
}

/** Locks a draft; every change to a published or retired baseline is a CONFLICT. */
export async function lockDraft(tx: WriteContext, uuid: string): Promise<void> {
  const { status, key, version } = await lockBaseline(tx, uuid);
  if (status !== BaselineStatus.DRAFT) {
    throw new ConflictError(
      `Baseline ${key} ${version} is ${status}: its requirements can no longer change; create a new version`,
    );
  }
}

export async function touchBaseline(tx: WriteContext, uuid: string): Promise<void> {
  await tx.em.query(`UPDATE baseline SET updated_at = now() WHERE id = $1`, [uuid]);
}

export async function countRequirements(tx: WriteContext, baselineUuid: string): Promise<number> {
  const [{ count }] = await tx.em.query<{ count: string }[]>(
    `SELECT count(*) FROM requirement WHERE baseline_id = $1`,
    [baselineUuid],
  );
  return Number(count);
}

/** Inserts checked requirements; returns their new uuids in input order. */
export async function insertRequirements(
  tx: WriteContext,
  baselineUuid: string,
  contents: readonly RequirementContent[],
): Promise<string[]> {
  if (contents.length === 0) return [];
  const result = await tx.em
    .createQueryBuilder()
    .insert()
    .into(RequirementEntity)
    .values(
      contents.map(({ origin, ...content }) => ({
        ...content,
        baselineId: baselineUuid,
        sourceId: origin?.sourceId ?? null,
        parameters: origin?.parameters ?? [],
        statementTemplate: origin?.statementTemplate || null,
      })),
    )
    .returning(['id'])
    .execute();
  const uuids = (result.identifiers as { id: string }[]).map((row) => row.id);
  // Imported enhancements name their control by OSCAL id; link them within the baseline.
  const children = contents.some((c) => c.origin?.parentSourceId);
  if (children) {
    await tx.em.query(
      `UPDATE requirement r SET parent_id = p.id
       FROM requirement p, unnest($2::uuid[], $3::varchar[]) AS c(id, parent_source)
       WHERE r.id = c.id AND p.baseline_id = $1 AND p.source_id = c.parent_source`,
      [
        baselineUuid,
        uuids.filter((_, i) => contents[i].origin?.parentSourceId),
        contents.filter((c) => c.origin?.parentSourceId).map((c) => c.origin!.parentSourceId),
      ],
    );
  }
  return uuids;
}

/**
 * Copies every requirement of a previous version into a new draft, with its OSCAL origin; parents
 * point at the copies. Returns the copied codes.
 */
export async function copyRequirements(
  tx: WriteContext,
  toUuid: string,
  fromUuid: string,
): Promise<string[]> {
  const copied = await tx.em.query<{ code: string }[]>(
    `INSERT INTO requirement (baseline_id, code, title, statement, guidance, category, tiers, evidence_expected,
       mappings, source_id, parameters, statement_template)
     SELECT $1, code, title, statement, guidance, category, tiers, evidence_expected, mappings, source_id,
       parameters, statement_template
     FROM requirement WHERE baseline_id = $2 RETURNING code`,
    [toUuid, fromUuid],
  );
  await tx.em.query(
    `UPDATE requirement n SET parent_id = np.id
     FROM requirement o JOIN requirement op ON op.id = o.parent_id
       JOIN requirement np ON np.baseline_id = $1 AND np.code = op.code
     WHERE n.baseline_id = $1 AND o.baseline_id = $2 AND o.code = n.code`,
    [toUuid, fromUuid],
  );
  return copied.map((row) => row.code);
}
