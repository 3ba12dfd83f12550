import { ComplianceState as S } from '../products/dto/compliance-state.enum.js';
import {
  chainLabel,
  chainStateReason,
  effectiveState,
  incidentReason,
  worstChainState,
} from './chain-rule.js';
import { reasonText } from './status-reason.js';

describe('the supply-chain rules', () => {
  it('takes the worst lowering state up the chain and ignores the others', () => {
    expect(worstChainState([])).toBeNull();
    expect(worstChainState([S.NOT_ASSESSED, S.IN_ASSESSMENT, S.COMPLIANT])).toBeNull();
    expect(worstChainState([S.NON_COMPLIANT, S.COMPLIANT])).toBe(S.NON_COMPLIANT);
    expect(worstChainState([S.NON_COMPLIANT, S.EXPIRED])).toBe(S.EXPIRED);
    expect(worstChainState([S.EXPIRED, S.SUSPENDED, S.NON_COMPLIANT])).toBe(S.SUSPENDED);
  });

  it('lowers the own state only with a worse lowering state', () => {
    expect(effectiveState(S.COMPLIANT, null)).toBe(S.COMPLIANT);
    expect(effectiveState(S.NOT_ASSESSED, S.NON_COMPLIANT)).toBe(S.NON_COMPLIANT);
    expect(effectiveState(S.CONDITIONALLY_COMPLIANT, S.SUSPENDED)).toBe(S.SUSPENDED);
    expect(effectiveState(S.SUSPENDED, S.EXPIRED)).toBe(S.SUSPENDED);
    expect(effectiveState(S.EXPIRED, S.NON_COMPLIANT)).toBe(S.EXPIRED);
    expect(effectiveState(S.NON_COMPLIANT, S.EXPIRED)).toBe(S.EXPIRED);
  });

  it('names the upstream product and the products between, nearest first', () => {
    expect(chainLabel(['Lön', 'Plattform'])).toBe('Plattform');
    expect(chainLabel(['Lön', 'Plattform', 'Integration', 'Drift', 'Datahall'])).toBe(
      'Datahall (via Drift, Integration, Plattform)',
    );
  });

  it('names an incident with its path and a Stockholm time, in English and in Swedish', () => {
    const at = new Date('2026-12-01T13:05:00Z');
    const upstream = incidentReason(
      ['Lön', 'Plattform', 'Integration', 'Drift', 'Datahall'],
      'Intrång i datahall',
      at,
    );
    expect(reasonText(upstream, 'en')).toBe(
      "Datahall (via Drift, Integration, Plattform): open incident 'Intrång i datahall' reported 1 December 2026 at 14:05",
    );
    expect(reasonText(upstream, 'sv')).toBe(
      "Datahall (via Drift, Integration, Plattform): öppen incident 'Intrång i datahall' rapporterad 1 december 2026 kl. 14:05",
    );
    expect(reasonText(incidentReason(['Lön'], 'Läcka', at), 'en')).toBe(
      "open incident 'Läcka' reported 1 December 2026 at 14:05",
    );
  });

  it("names an upstream state in the reader's language", () => {
    const reason = chainStateReason(['Lön', 'Plattform', 'Integration'], S.SUSPENDED);
    expect(reasonText(reason, 'en')).toBe('Integration (via Plattform): state SUSPENDED');
    expect(reasonText(reason, 'sv')).toBe('Integration (via Plattform): avstängd');
  });
});
