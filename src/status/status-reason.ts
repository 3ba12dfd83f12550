import { AssessmentOutcome } from '../assessments/dto/assessment.enum.js';
import { humanDate, humanDateTime, type Language } from '../common/time/human-time.js';
import { ComplianceState } from '../products/dto/compliance-state.enum.js';

/**
 * Why a product has its state, as data: the status rules (compute-status.ts, chain-rule.ts) build
 * these, and reasonText writes one in a language. The API writes them in English
 * (API_REASON_LANGUAGE); the portal in the page's language.
 */
export type StatusReason =
  | { readonly kind: 'SUSPENDED'; readonly at: Date; readonly note: string }
  | { readonly kind: 'ASSESSMENT_EXPIRED'; readonly at: Date }
  | { readonly kind: 'EVIDENCE_EXPIRED'; readonly title: string; readonly code: string; readonly at: Date }
  | {
      readonly kind: 'TRANSITION';
      readonly assessed: string;
      readonly next: string | null;
      readonly due: Date;
      readonly over: boolean;
    }
  | { readonly kind: 'REJECTED'; readonly at: Date }
  | { readonly kind: 'REMEDIATION_DUE'; readonly code: string; readonly due: Date; readonly overdue: boolean }
  | {
      readonly kind: 'ASSESSED';
      readonly outcome: AssessmentOutcome;
      readonly at: Date;
      readonly validUntil: Date;
    }
  | { readonly kind: 'REMEDIATIONS_DONE'; readonly count: number }
  | { readonly kind: 'IN_ASSESSMENT'; readonly since: Date; readonly inProgress: boolean }
  | { readonly kind: 'NOT_ASSESSED'; readonly key: string; readonly version: string }
  | { readonly kind: 'NO_PUBLISHED_VERSION'; readonly series: string }
  | { readonly kind: 'NEVER_ASSESSED' }
  | { readonly kind: 'OPEN_INCIDENTS'; readonly count: number }
  /** `names`: the chain path's names, the product itself first (its own name is not shown). */
  | { readonly kind: 'CHAIN_STATE'; readonly names: readonly string[]; readonly state: ComplianceState }
  | {
      readonly kind: 'INCIDENT';
      readonly names: readonly string[];
      readonly title: string;
      readonly reportedAt: Date;
    };

/** The language of ProductStatus.reasons in the API (and of event messages). */
export const API_REASON_LANGUAGE: Language = 'en';

/** "Datahall (via Drift, Integration, Plattform)": the upstream product, then the products between, nearest first. */
export function chainLabel(names: readonly string[]): string {
  const upstream = names[names.length - 1];
  const between = names.slice(1, -1).reverse();
  return between.length > 0 ? `${upstream} (via ${between.join(', ')})` : upstream;
}

const OUTCOME: Record<Language, Record<AssessmentOutcome, string>> = {
  en: {
    [AssessmentOutcome.APPROVED]: 'approved',
    [AssessmentOutcome.APPROVED_WITH_CONDITIONS]: 'approved with conditions',
    [AssessmentOutcome.REJECTED]: 'rejected',
  },
  sv: {
    [AssessmentOutcome.APPROVED]: 'godkänd',
    [AssessmentOutcome.APPROVED_WITH_CONDITIONS]: 'godkänd med villkor',
    [AssessmentOutcome.REJECTED]: 'underkänd',
  },
};

const SV_STATE: Record<ComplianceState, string> = {
  [ComplianceState.NOT_ASSESSED]: 'ej granskad',
  [ComplianceState.IN_ASSESSMENT]: 'granskas',
  [ComplianceState.COMPLIANT]: 'godkänd',
  [ComplianceState.CONDITIONALLY_COMPLIANT]: 'godkänd med villkor',
  [ComplianceState.NON_COMPLIANT]: 'ej godkänd',
  [ComplianceState.EXPIRED]: 'utgången',
  [ComplianceState.SUSPENDED]: 'avstängd',
};

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function english(r: StatusReason): string {
  const d = (date: Date) => humanDate(date, 'en');
  switch (r.kind) {
    case 'SUSPENDED':
      return `suspended by the agency on ${d(r.at)}: ${r.note}`;
    case 'ASSESSMENT_EXPIRED':
      return `assessment expired ${d(r.at)}`;
    case 'EVIDENCE_EXPIRED':
      return `evidence "${r.title}" cited for ${r.code} expired ${d(r.at)}`;
    case 'TRANSITION':
      return `assessed against ${r.assessed}; reassessment against ${r.next ?? 'the new version'} ${
        r.over ? 'was due by' : 'due by'
      } ${d(r.due)}`;
    case 'REJECTED':
      return `assessment rejected on ${d(r.at)}`;
    case 'REMEDIATION_DUE':
      return r.overdue
        ? `remediation for ${r.code} overdue since ${d(r.due)}`
        : `remediation for ${r.code} due ${d(r.due)}`;
    case 'ASSESSED':
      return `assessment ${OUTCOME.en[r.outcome]} on ${d(r.at)}, valid until ${d(r.validUntil)}`;
    case 'REMEDIATIONS_DONE':
      return `${plural(r.count, 'remediation', 'remediations')} completed by the supplier`;
    case 'IN_ASSESSMENT':
      return r.inProgress
        ? `assessment in progress since ${d(r.since)}`
        : `assessment requested ${d(r.since)}`;
    case 'NOT_ASSESSED':
      return `no completed assessment against ${r.key} ${r.version}`;
    case 'NO_PUBLISHED_VERSION':
      return `baseline ${r.series} has no published version`;
    case 'NEVER_ASSESSED':
      return 'never assessed';
    case 'OPEN_INCIDENTS':
      return `${plural(r.count, 'open incident', 'open incidents')} reported by the supplier`;
    case 'CHAIN_STATE':
      return `${chainLabel(r.names)}: state ${r.state}`;
    case 'INCIDENT': {
      const sentence = `open incident '${r.title}' reported ${humanDateTime(r.reportedAt, 'en')}`;
      return r.names.length > 1 ? `${chainLabel(r.names)}: ${sentence}` : sentence;
    }
  }
}

function swedish(r: StatusReason): string {
  const d = (date: Date) => humanDate(date, 'sv');
  switch (r.kind) {
    case 'SUSPENDED':
      return `avstängd av myndigheten den ${d(r.at)}: ${r.note}`;
    case 'ASSESSMENT_EXPIRED':
      return `granskningen gick ut den ${d(r.at)}`;
    case 'EVIDENCE_EXPIRED':
      return `underlaget "${r.title}" för ${r.code} gick ut den ${d(r.at)}`;
    case 'TRANSITION':
      return `granskad mot ${r.assessed}; ny granskning mot ${r.next ?? 'den nya versionen'} ${
        r.over ? 'skulle ha gjorts senast' : 'senast'
      } ${d(r.due)}`;
    case 'REJECTED':
      return `granskningen underkänd den ${d(r.at)}`;
    case 'REMEDIATION_DUE':
      return r.overdue
        ? `åtgärden för ${r.code} är försenad sedan ${d(r.due)}`
        : `åtgärden för ${r.code} ska vara klar senast ${d(r.due)}`;
    case 'ASSESSED':
      return `granskningen ${OUTCOME.sv[r.outcome]} den ${d(r.at)}, giltig till ${d(r.validUntil)}`;
    case 'REMEDIATIONS_DONE':
      return r.count === 1
        ? '1 åtgärd genomförd av leverantören'
        : `${r.count} åtgärder genomförda av leverantören`;
    case 'IN_ASSESSMENT':
      return r.inProgress ? `granskas sedan ${d(r.since)}` : `granskning begärd den ${d(r.since)}`;
    case 'NOT_ASSESSED':
      return `ingen avslutad granskning mot ${r.key} ${r.version}`;
    case 'NO_PUBLISHED_VERSION':
      return `kravsamlingen ${r.series} har ingen publicerad version`;
    case 'NEVER_ASSESSED':
      return 'aldrig granskad';
    case 'OPEN_INCIDENTS':
      return r.count === 1
        ? '1 öppen incident rapporterad av leverantören'
        : `${r.count} öppna incidenter rapporterade av leverantören`;
    case 'CHAIN_STATE':
      return `${chainLabel(r.names)}: ${SV_STATE[r.state]}`;
    case 'INCIDENT': {
      const sentence = `öppen incident '${r.title}' rapporterad ${humanDateTime(r.reportedAt, 'sv')}`;
      return r.names.length > 1 ? `${chainLabel(r.names)}: ${sentence}` : sentence;
    }
  }
}

/** One reason as a plain sentence in `lang`, its dates as people write them in Stockholm time. */
export function reasonText(reason: StatusReason, lang: Language): string {
  return lang === 'sv' ? swedish(reason) : english(reason);
}

export function reasonTexts(reasons: readonly StatusReason[], lang: Language): string[] {
  return reasons.map((reason) => reasonText(reason, lang));
}
