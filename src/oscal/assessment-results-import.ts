import { REGISTRY_NS } from '../baselines/oscal/oscal-export.js';
import { FindingResult } from '../assessments/dto/assessment.enum.js';
import { BadUserInputError, type FieldViolation } from '../common/errors/domain-error.js';
import { EVIDENCE_HREF } from './assessment-results.js';

/*
 * Reads the findings of an OSCAL assessment-results document (pure): each finding's target (a
 * control id), its result (the registry's `result` prop, else satisfied / not-satisfied), its
 * remarks (or, from other tools, its description) as the note, the registry evidence its observations cite, and, for a gap, a
 * remediation from a related risk's statement and deadline.
 */

export interface ImportedFinding {
  controlId: string;
  result: FindingResult;
  note: string | null;
  evidenceIds: string[];
  remediation: { description: string; dueDate: Date } | null;
  pointer: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

export function parseAssessmentResults(document: unknown): ImportedFinding[] {
  const problems: FieldViolation[] = [];
  const fail = (pointer: string, message: string) => {
    if (problems.length < 50)
      problems.push({ field: `document${pointer}`, message: `${pointer}: ${message}` });
  };
  const ar = isObject(document) ? document['assessment-results'] : undefined;
  if (!isObject(ar)) {
    fail('/assessment-results', 'is required and must be an object');
    throw new BadUserInputError(problems);
  }
  const resources = new Map<string, string[]>();
  for (const r of list(isObject(ar['back-matter']) ? ar['back-matter'].resources : undefined)) {
    const ids = list(r.rlinks)
      .map((l) =>
        typeof l.href === 'string' && l.href.startsWith(EVIDENCE_HREF)
          ? l.href.slice(EVIDENCE_HREF.length)
          : null,
      )
      .filter((id): id is string => id !== null);
    if (typeof r.uuid === 'string') resources.set(r.uuid, ids);
  }
  const out: ImportedFinding[] = [];
  if (!Array.isArray(ar.results) || ar.results.length === 0)
    fail('/assessment-results/results', 'must hold a result');
  list(ar.results).forEach((result, ri) => {
    const observations = new Map(list(result.observations).map((o) => [o.uuid, o]));
    const risks = new Map(list(result.risks).map((r) => [r.uuid, r]));
    list(result.findings).forEach((finding, fi) => {
      const at = `/assessment-results/results/${ri}/findings/${fi}`;
      const target = isObject(finding.target) ? finding.target : undefined;
      const controlId = target?.['target-id'];
      if (typeof controlId !== 'string' || !controlId) return fail(`${at}/target/target-id`, 'is required');
      const state = isObject(target?.status) ? target.status.state : undefined;
      const prop = list(finding.props).find((p) => p.name === 'result' && p.ns === REGISTRY_NS)?.value;
      let value: FindingResult | undefined;
      if (typeof prop === 'string' && (Object.values(FindingResult) as string[]).includes(prop))
        value = prop as FindingResult;
      else if (state === 'satisfied') value = FindingResult.SATISFIED;
      else if (state === 'not-satisfied') value = FindingResult.NOT_SATISFIED;
      if (!value) return fail(`${at}/target/status/state`, 'must be satisfied or not-satisfied');
      const evidenceIds = new Set<string>();
      for (const rel of list(finding['related-observations'])) {
        const observation = observations.get(rel['observation-uuid']);
        for (const e of list(observation?.['relevant-evidence'])) {
          const href = typeof e.href === 'string' ? e.href : '';
          if (href.startsWith('#')) resources.get(href.slice(1))?.forEach((id) => evidenceIds.add(id));
          else if (href.startsWith(EVIDENCE_HREF)) evidenceIds.add(href.slice(EVIDENCE_HREF.length));
        }
      }
      let remediation: ImportedFinding['remediation'] = null;
      const risk = list(finding['related-risks'])
        .map((r) => risks.get(r['risk-uuid']))
        .find(Boolean);
      if (risk && typeof risk.statement === 'string' && typeof risk.deadline === 'string') {
        remediation = { description: risk.statement, dueDate: new Date(risk.deadline) };
      }
      // The registry's own documents keep the note in remarks; other tools' findings describe it.
      const text = typeof finding.remarks === 'string' ? finding.remarks : prop ? '' : finding.description;
      const description = typeof text === 'string' ? text.trim() : '';
      out.push({
        controlId,
        result: value,
        note: description || null,
        evidenceIds: [...evidenceIds],
        remediation,
        pointer: at,
      });
    });
  });
  if (out.length === 0 && problems.length === 0) fail('/assessment-results/results', 'holds no finding');
  if (problems.length > 0) throw new BadUserInputError(problems);
  return out;
}
