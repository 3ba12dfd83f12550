import { createHash } from 'node:crypto';
import { nameUuid, OSCAL_VERSION, REGISTRY_NS } from '../baselines/oscal/oscal-export.js';

/*
 * A completed assessment as an OSCAL assessment-results document (pure): one result with a finding
 * per requirement (state satisfied / not-satisfied; the registry's exact result as a prop), one
 * observation per finding with its evidence as relevant evidence, each piece of evidence a
 * back-matter resource with its SHA-256, and the assessor as a party. The same assessment always
 * gives the same bytes, so its SHA-256 (in status statements) can be checked by anyone holding it.
 */

export interface OrgFacts {
  name: string;
  orgNumber: string | null;
}

export interface AssessmentFacts {
  id: string;
  uuid: string;
  product: { id: string; name: string };
  supplier: OrgFacts;
  assessor: OrgFacts | null;
  baseline: { key: string; version: string; title: string };
  outcome: string | null;
  startedAt: Date | null;
  completedAt: Date;
  validUntil: Date | null;
  findings: FindingFacts[];
}

export interface FindingFacts {
  uuid: string;
  /** The control id the finding is about (the requirement's OSCAL id, or one made from its code). */
  controlId: string;
  code: string;
  title: string;
  result: string;
  note: string | null;
  recordedAt: Date;
  remediation: { uuid: string; description: string; dueDate: Date; state: string } | null;
  evidence: { id: string; uuid: string; sha256: string | null; mediaType: string | null }[];
}

/** A Swedish organisation number as an OSCAL external id. */
export const ORG_NUMBER_SCHEME = 'urn:assurance-registry:se-organisationsnummer';
export const EVIDENCE_HREF = 'urn:assurance-registry:evidence:';

const iso = (d: Date): string => d.toISOString().replace(/\.000Z$/, 'Z');

export function party(uuid: string, org: OrgFacts): Record<string, unknown> {
  return {
    uuid,
    type: 'organization',
    name: org.name,
    ...(org.orgNumber ? { 'external-ids': [{ scheme: ORG_NUMBER_SCHEME, id: org.orgNumber }] } : {}),
  };
}

export function toAssessmentResults(a: AssessmentFacts): Record<string, unknown> {
  const assessorUuid = nameUuid(`assessor:${a.uuid}`);
  const supplierUuid = nameUuid(`supplier:${a.uuid}`);
  const parties = [party(supplierUuid, a.supplier), ...(a.assessor ? [party(assessorUuid, a.assessor)] : [])];
  const resources = new Map<string, Record<string, unknown>>();
  const observations = a.findings.map((f) => {
    for (const e of f.evidence) {
      resources.set(e.uuid, {
        uuid: e.uuid,
        title: `Evidence ${e.id}`,
        rlinks: [
          {
            href: `${EVIDENCE_HREF}${e.id}`,
            ...(e.mediaType ? { 'media-type': e.mediaType } : {}),
            ...(e.sha256 ? { hashes: [{ algorithm: 'SHA-256', value: e.sha256 }] } : {}),
          },
        ],
      });
    }
    return {
      uuid: nameUuid(`observation:${f.uuid}`),
      title: `${f.code} ${f.title}`,
      description: f.note ?? `Assessed ${f.code}: ${f.result}.`,
      methods: ['EXAMINE'],
      collected: iso(f.recordedAt),
      ...(f.evidence.length > 0
        ? {
            'relevant-evidence': f.evidence.map((e) => ({
              href: `#${e.uuid}`,
              description: `Evidence ${e.id}${e.sha256 ? ` (SHA-256 ${e.sha256})` : ''}`,
            })),
          }
        : {}),
    };
  });
  const risks = a.findings
    .filter((f) => f.remediation)
    .map((f) => ({
      uuid: nameUuid(`risk:${f.remediation!.uuid}`),
      title: `Remediation of ${f.code}`,
      description: `The gap found for ${f.code} (${f.result}) and its remediation.`,
      statement: f.remediation!.description,
      status: f.remediation!.state === 'OPEN' ? 'open' : 'closed',
      deadline: iso(f.remediation!.dueDate),
    }));
  const findings = a.findings.map((f, i) => ({
    uuid: nameUuid(`finding:${f.uuid}`),
    title: `${f.code} ${f.title}`,
    description: `${f.code}: ${f.result}`,
    props: [{ name: 'result', ns: REGISTRY_NS, value: f.result }],
    target: {
      type: 'objective-id',
      'target-id': f.controlId,
      status: {
        state: f.result === 'SATISFIED' || f.result === 'NOT_APPLICABLE' ? 'satisfied' : 'not-satisfied',
        ...(f.result === 'NOT_APPLICABLE' ? { reason: 'other' } : {}),
      },
    },
    'related-observations': [{ 'observation-uuid': observations[i].uuid }],
    ...(f.remediation ? { 'related-risks': [{ 'risk-uuid': nameUuid(`risk:${f.remediation.uuid}`) }] } : {}),
    // The assessor's note, kept apart from the generated description so an import restores it.
    ...(f.note ? { remarks: f.note } : {}),
  }));
  const controls = [...new Set(a.findings.map((f) => f.controlId))].sort();
  return {
    'assessment-results': {
      uuid: nameUuid(`assessment-results:${a.uuid}`),
      metadata: {
        title: `Assessment of ${a.product.name} against ${a.baseline.title} ${a.baseline.version}`,
        'last-modified': iso(a.completedAt),
        version: '1',
        'oscal-version': OSCAL_VERSION,
        props: [
          { name: 'assessment-id', ns: REGISTRY_NS, value: a.id },
          { name: 'product-id', ns: REGISTRY_NS, value: a.product.id },
          { name: 'baseline-key', ns: REGISTRY_NS, value: a.baseline.key },
          { name: 'baseline-version', ns: REGISTRY_NS, value: a.baseline.version },
          ...(a.outcome ? [{ name: 'outcome', ns: REGISTRY_NS, value: a.outcome }] : []),
          ...(a.validUntil ? [{ name: 'valid-until', ns: REGISTRY_NS, value: iso(a.validUntil) }] : []),
        ],
        roles: [
          { id: 'assessor', title: 'Assessor' },
          { id: 'supplier', title: 'Supplier' },
        ],
        parties,
        'responsible-parties': [
          ...(a.assessor ? [{ 'role-id': 'assessor', 'party-uuids': [assessorUuid] }] : []),
          { 'role-id': 'supplier', 'party-uuids': [supplierUuid] },
        ],
      },
      'import-ap': { href: `urn:assurance-registry:assessment:${a.id}` },
      results: [
        {
          uuid: nameUuid(`result:${a.uuid}`),
          title: `${a.product.name}: ${a.outcome ?? 'assessment'}`,
          description: `Findings of the assessment of ${a.product.name} (${a.supplier.name}) against ${a.baseline.title} ${a.baseline.version}.`,
          start: iso(a.startedAt ?? a.completedAt),
          end: iso(a.completedAt),
          'reviewed-controls': {
            'control-selections': [
              controls.length > 0
                ? { 'include-controls': controls.map((id) => ({ 'control-id': id })) }
                : { 'include-all': {} },
            ],
          },
          ...(observations.length > 0 ? { observations } : {}),
          ...(risks.length > 0 ? { risks } : {}),
          ...(findings.length > 0 ? { findings } : {}),
        },
      ],
      ...(resources.size > 0 ? { 'back-matter': { resources: [...resources.values()] } } : {}),
    },
  };
}

/** The document's bytes as served, and their SHA-256 (hex). */
export function serialise(document: unknown): { body: string; sha256: string } {
  const body = JSON.stringify(document, null, 2) + '\n';
  return { body, sha256: createHash('sha256').update(body, 'utf8').digest('hex') };
}
