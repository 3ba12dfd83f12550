import { nameUuid, OSCAL_VERSION, REGISTRY_NS } from '../baselines/oscal/oscal-export.js';
import { type OrgFacts, party } from './assessment-results.js';

/*
 * A product's open remediations as an OSCAL plan of action and milestones (pure): one POA&M item
 * per gap (a finding PARTIALLY_SATISFIED or NOT_SATISFIED with an open remediation), each with a
 * risk carrying its deadline (the due date) and status, and the registry's own props for the due
 * date, the status and whether it is overdue.
 */

export interface RemediationFacts {
  uuid: string;
  id: string;
  code: string;
  controlId: string;
  title: string;
  result: string;
  description: string;
  dueDate: Date;
  state: string;
  overdue: boolean;
  assessmentId: string;
}

const NO_GAPS = {
  title: 'No open remediations',
  description: 'The product has no open remediation in the registry.',
  props: [{ name: 'status', ns: REGISTRY_NS, value: 'NONE' }],
};

const iso = (d: Date): string => d.toISOString().replace(/\.000Z$/, 'Z');
const day = (d: Date): string => d.toISOString().slice(0, 10);

export function toPoam(
  product: { id: string; uuid: string; name: string },
  supplier: OrgFacts,
  remediations: readonly RemediationFacts[],
  now: Date,
): Record<string, unknown> {
  const supplierUuid = nameUuid(`poam-supplier:${product.uuid}`);
  const risks = remediations.map((r) => ({
    uuid: nameUuid(`risk:${r.uuid}`),
    title: `${r.code} ${r.title}`,
    description: `Finding ${r.result} for ${r.code} in assessment ${r.assessmentId}.`,
    statement: r.description,
    status: r.state === 'OPEN' ? 'open' : 'closed',
    deadline: iso(r.dueDate),
  }));
  return {
    'plan-of-action-and-milestones': {
      uuid: nameUuid(`poam:${product.uuid}:${now.toISOString()}`),
      metadata: {
        title: `Plan of action and milestones: ${product.name}`,
        'last-modified': iso(now),
        version: iso(now),
        'oscal-version': OSCAL_VERSION,
        props: [{ name: 'product-id', ns: REGISTRY_NS, value: product.id }],
        roles: [{ id: 'supplier', title: 'Supplier' }],
        parties: [party(supplierUuid, supplier)],
        'responsible-parties': [{ 'role-id': 'supplier', 'party-uuids': [supplierUuid] }],
      },
      'system-id': { 'identifier-type': 'urn:assurance-registry:product', id: product.id },
      ...(risks.length > 0 ? { risks } : {}),
      // OSCAL wants at least one item: a product without gaps says so in one.
      'poam-items':
        remediations.length === 0
          ? [NO_GAPS]
          : remediations.map((r, i) => ({
              uuid: nameUuid(`poam-item:${r.uuid}`),
              title: `${r.code} ${r.title}`,
              description: r.description,
              props: [
                { name: 'remediation-id', ns: REGISTRY_NS, value: r.id },
                { name: 'control-id', ns: REGISTRY_NS, value: r.controlId },
                { name: 'due-date', ns: REGISTRY_NS, value: day(r.dueDate) },
                { name: 'status', ns: REGISTRY_NS, value: r.state },
                { name: 'overdue', ns: REGISTRY_NS, value: r.overdue ? 'true' : 'false' },
              ],
              'related-risks': [{ 'risk-uuid': risks[i].uuid }],
            })),
    },
  };
}
