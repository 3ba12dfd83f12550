import { ComplianceState } from '../products/dto/compliance-state.enum.js';
import type { StatusReason } from './status-reason.js';

export { chainLabel } from './status-reason.js';

/*
 * The supply-chain rules of the shared status, pure. chain-propagation.sql.ts applies the same
 * ranking in SQL when it stores the chain; test/service/status-chain-property.service-spec.ts compares both.
 */

/** The states that lower a product relying on one in that state; higher is worse. */
export const LOWERING_RANK: Partial<Record<ComplianceState, number>> = {
  [ComplianceState.NON_COMPLIANT]: 1,
  [ComplianceState.EXPIRED]: 2,
  [ComplianceState.SUSPENDED]: 3,
};

const rank = (state: ComplianceState | null | undefined): number => (state ? (LOWERING_RANK[state] ?? 0) : 0);

/** The worst SUSPENDED, EXPIRED or NON_COMPLIANT among `states`; null when none lowers. */
export function worstChainState(states: Iterable<ComplianceState>): ComplianceState | null {
  let worst: ComplianceState | null = null;
  for (const state of states) if (rank(state) > rank(worst)) worst = state;
  return worst;
}

/**
 * The effective state: the product's own state unless the chain holds a worse lowering state.
 * NOT_ASSESSED or IN_ASSESSMENT up the chain never lowers (the chain is listed, nothing more).
 */
export function effectiveState(own: ComplianceState, chainState: ComplianceState | null): ComplianceState {
  return chainState && rank(chainState) > rank(own) ? chainState : own;
}

/** The reason for an upstream product in a lowering state. `names`: the path's names, this product first. */
export function chainStateReason(names: readonly string[], state: ComplianceState): StatusReason {
  return { kind: 'CHAIN_STATE', names, state };
}

/**
 * The reason for an open incident, named with its path; `names` holds the product itself only
 * when the incident is on it.
 */
export function incidentReason(names: readonly string[], title: string, reportedAt: Date): StatusReason {
  return { kind: 'INCIDENT', names, title, reportedAt };
}
