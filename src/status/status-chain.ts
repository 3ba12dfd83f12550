import type { EntityManager } from 'typeorm';
import type { WriteContext } from '../common/database/unit-of-work.js';
import { RegistryEventType } from '../events/dto/registry-event-type.enum.js';
import type { EventInput } from '../events/events.service.js';
import type { ComplianceState } from '../products/dto/compliance-state.enum.js';
import type { StoredChainLink } from './chain-status.entity.js';
import { PROPAGATE_CHAIN } from './chain-propagation.sql.js';
import { chainLabel } from './chain-rule.js';
import { statusJoins, statusStateSql } from './status-sql.js';

interface PropagatedRow {
  product_id: string;
  own_state: ComplianceState;
  effective_state: ComplianceState;
  old_effective_state: ComplianceState;
  chain: StoredChainLink[];
  name: string;
  supplier_id: string;
  subscribers: string[];
}

/** How many products one scheduler pass re-evaluates at most (the rest wait for the next pass). */
export const CHAIN_SWEEP_BATCH = 500;

/**
 * Keeps the supply-chain read model (product_chain_status) and tells subscribers when an effective
 * state changes because of something up the chain. Called by StatusService.refresh after the own
 * state of products was recomputed; one statement whatever the fan-out.
 */
export async function propagateChain(
  tx: WriteContext,
  ownStates: ReadonlyMap<string, ComplianceState>,
  incidentIds: ReadonlyMap<string, readonly string[]> | null,
  ownChanged: ReadonlySet<string>,
): Promise<EventInput[]> {
  const uuids = [...ownStates.keys()];
  if (uuids.length === 0) return [];
  // The recursive CTEs' row estimates are far off, which makes PostgreSQL JIT-compile a statement
  // that runs in milliseconds (measured: 8 s of LLVM time for 25 ms of work). Off for this
  // transaction only.
  await tx.em.query('SET LOCAL jit = off');
  const rows = await tx.em.query<PropagatedRow[]>(PROPAGATE_CHAIN, [
    uuids,
    uuids.map((uuid) => ownStates.get(uuid)),
    incidentIds ? JSON.stringify(Object.fromEntries(uuids.map((u) => [u, incidentIds.get(u) ?? []]))) : null,
  ]);
  const roots = new Set(uuids);
  return rows
    .filter((row) => !ownChanged.has(row.product_id))
    .map((row) => ({
      type: RegistryEventType.STATUS_CHANGED,
      message: `${row.name}: effective state changed from ${row.old_effective_state} to ${row.effective_state}${cause(row, roots)}`,
      productId: row.product_id,
      audience: [row.supplier_id, ...row.subscribers],
    }));
}

/** The upstream product that changed (the nearest of the roots in the chain), as a clause. */
function cause(row: PropagatedRow, roots: ReadonlySet<string>): string {
  const link = row.chain.find((candidate) => roots.has(candidate.id));
  if (!link) {
    if (roots.has(row.product_id) && row.effective_state === row.own_state) {
      return `: its own state is now ${row.own_state}`;
    }
    return ' (its sub-processors changed)';
  }
  const names = new Map(row.chain.map((l) => [l.id, l.name]));
  const path = link.path.map((uuid, i) => (i === 0 ? row.name : (names.get(uuid) ?? uuid)));
  return `: ${chainLabel(path)} is now ${link.state}`;
}

/**
 * Products whose stored own state no longer matches the state rules at `now` (time passed:
 * expiry, overdue remediations, and any rule statusStateSql holds), and products relying on
 * others that have never had their chain computed. The scheduler refreshes them.
 */
export async function productsDueForChainSweep(em: EntityManager, now: Date): Promise<string[]> {
  await em.query('SET LOCAL jit = off');
  const rows = await em.query<{ id: string }[]>(
    `SELECT p.id FROM product p ${statusJoins('p')}
      WHERE coalesce(sch.own_state, 'NOT_ASSESSED') <> ${statusStateSql('$1::timestamptz')}
         OR (sch.product_id IS NULL AND EXISTS (SELECT 1 FROM product_subprocessor e WHERE e.product_id = p.id))
      ORDER BY p.id LIMIT ${CHAIN_SWEEP_BATCH}`,
    [now],
  );
  return rows.map((row) => row.id);
}
