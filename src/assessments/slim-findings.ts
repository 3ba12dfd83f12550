import type { Requirement } from '../baselines/dto/requirement.model.js';
import { FindingResult } from './dto/assessment.enum.js';
import { Finding } from './dto/assessment.model.js';

/** A finding of SLIM_FINDINGS_SQL (findings.reader.ts): requirement code and result only. */
export type SlimFindingTuple = [requirementCode: string, result: FindingResult];

/*
 * A slim Finding answers `result` and `requirement` only: it is built when the request asks a
 * finding for nothing else (SLIM_FINDING_FIELDS), so no resolver reads its id, assessment, note,
 * time or remediation. Such a finding is then the same value wherever the same requirement has the
 * same result, so there is one of each per (requirement, result), frozen and shared by every page:
 * a dashboard of 40 products' findings (some 8,000) builds none. Requirements come from
 * RequirementCache; the findings go with their requirement when the cache lets it go.
 */
const shared = new WeakMap<Requirement, Map<FindingResult, Finding>>();

export function slimFinding(requirement: Requirement, result: FindingResult): Finding {
  let byResult = shared.get(requirement);
  if (!byResult) shared.set(requirement, (byResult = new Map()));
  let finding = byResult.get(result);
  if (!finding) {
    finding = new Finding();
    finding.requirementUuid = requirement.uuid;
    finding.requirement = requirement;
    finding.result = result;
    byResult.set(result, Object.freeze(finding));
  }
  return finding;
}

/** The results by their length, which tells them apart (checked here, when the module loads). */
const RESULT_BY_LENGTH = new Map(Object.values(FindingResult).map((result) => [result.length, result]));
if (RESULT_BY_LENGTH.size !== Object.values(FindingResult).length) {
  throw new Error('FindingResult values must differ in length (slim-findings.ts reads them by length)');
}

/**
 * The findings of one assessment from the slim text of `RESULT CODE` lines (the product
 * statement's lookahead): read in place, one string per finding (its code, to find the
 * requirement), no array or line per finding. `requirements` by code, of the assessment's baseline.
 */
export function slimFindingsOfText(text: string, requirements: ReadonlyMap<string, Requirement>): Finding[] {
  const findings: Finding[] = [];
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const space = text.indexOf(' ', start);
    const result = RESULT_BY_LENGTH.get(space - start);
    const requirement =
      result && text.startsWith(result, start) && requirements.get(text.slice(space + 1, end));
    if (!requirement) throw new Error(`Not a slim finding line: "${text.slice(start, end)}"`);
    findings.push(slimFinding(requirement, result));
    start = end + 1;
  }
  return findings;
}
