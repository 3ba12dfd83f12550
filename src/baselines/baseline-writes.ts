import { ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import type { WriteContext } from '../common/database/unit-of-work.js';
import { BaselineStatus } from './dto/baseline-status.enum.js';
import { RequirementEntity } from './requirement.entity.js';
import type { RequirementContent } from './requirement-rules.js';

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
    .values(contents.map((content) => ({ ...content, baselineId: baselineUuid })))
    .returning(['id'])
    .execute();
  return (result.identifiers as { id: string }[]).map((row) => row.id);
}
