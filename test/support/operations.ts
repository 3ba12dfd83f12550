import { randomInt, randomUUID } from 'node:crypto';
import {
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
} from 'graphql';
import { randomOrgNumber } from './factories.js';

/**
 * One minimal valid call per root operation, for the authorization matrix. The document is built
 * from the schema (every argument passed as a variable of its declared type, a `__typename`
 * selection), so the table below only says where each argument's value comes from. A new
 * operation without an entry here fails test/authorization-matrix.e2e-spec.ts.
 */

/** Ids of objects made in the matrix's beforeAll. */
export interface Fixtures {
  supplierId: string;
  productId: string;
  /** A second product of the supplier, nobody subscribes to it: for subscribe calls. */
  spareProductId: string;
  publishedBaselineId: string;
  publishedBaselineKey: string;
  /** Published, used only by retireBaseline. */
  retirableBaselineId: string;
  draftBaselineId: string;
  draftRequirementId: string;
  /** A requirement of the published baseline that applies to the product. */
  requirementId: string;
  assessmentId: string;
  /** Requested, never started: for startAssessment and withdrawAssessment. */
  requestedAssessmentId: string;
  remediationId: string;
  evidenceId: string;
  incidentId: string;
  webhookId: string;
  /** A PENDING subscription to one of the supplier's products: for confirmCustomer/declineCustomer. */
  subscriptionId: string;
}

type Variables = Record<string, unknown>;

export const OPERATIONS: Record<string, (f: Fixtures) => Variables> = {
  // ------------------------------------------------------------------ queries
  viewer: () => ({}),
  statusStatement: (f) => ({ productId: f.productId }),
  node: (f) => ({ id: f.productId }),
  organization: (f) => ({ id: f.supplierId }),
  organizations: () => ({ first: 1 }),
  baselines: () => ({ first: 1 }),
  baseline: (f) => ({ id: f.publishedBaselineId }),
  currentBaseline: (f) => ({ key: f.publishedBaselineKey }),
  baselineDiff: (f) => ({ fromId: f.publishedBaselineId, toId: f.draftBaselineId }),
  auditLog: () => ({ first: 1 }),
  verifyAuditLog: () => ({}),
  auditCheckpoints: () => ({ first: 1 }),
  events: () => ({ first: 1 }),
  webhooks: () => ({}),
  webhookDeliveries: (f) => ({ webhookId: f.webhookId, first: 1 }),
  products: () => ({ first: 1 }),
  product: (f) => ({ id: f.productId }),
  customerRequests: () => ({ status: 'PENDING', first: 1 }),
  mySubscriptions: () => ({ first: 1 }),
  assessment: (f) => ({ id: f.assessmentId }),
  assessmentQueue: () => ({ first: 1 }),
  attestations: (f) => ({ productId: f.productId }),
  incidents: () => ({ first: 1 }),
  incident: (f) => ({ id: f.incidentId }),
  exposure: (f) => ({ productId: f.productId }),
  supplierConcentration: () => ({ first: 1 }),

  // ------------------------------------------------------------------ mutations
  // a subject no matrix caller uses: the matrix's own tokens keep working
  revokeTokens: (f) => ({
    organizationId: f.supplierId,
    subject: `matrix-revoked-${randomUUID().slice(0, 8)}`,
    issuedBefore: new Date().toISOString(),
  }),
  registerOrganization: () => ({
    kind: 'PUBLIC_BODY',
    name: `matrix ${randomUUID().slice(0, 8)}`,
    orgNumber: randomOrgNumber(),
  }),
  createBaseline: () => ({
    input: { key: `matrix-${randomUUID().slice(0, 8)}`, version: '2026.1', title: 'Matrix' },
  }),
  addRequirement: (f) => ({
    baselineId: f.draftBaselineId,
    input: {
      code: `MX-${randomInt(100, 1000)}`,
      title: 'Matrix requirement',
      statement: 'The supplier does it.',
      category: 'Matrix',
      tiers: ['BASIC'],
    },
  }),
  updateRequirement: (f) => ({ id: f.draftRequirementId, input: { title: 'Matrix title' } }),
  removeRequirement: (f) => ({ id: f.draftRequirementId }),
  importOscalCatalog: () => ({
    key: `oscal-${randomUUID().slice(0, 8)}`,
    version: '1',
    document: {
      catalog: {
        uuid: randomUUID(),
        metadata: {
          title: 'Matrix',
          'last-modified': new Date().toISOString(),
          version: '1',
          'oscal-version': '1.1.2',
        },
        controls: [
          {
            id: 'MX-01',
            title: 'Matrix control',
            parts: [{ id: 'MX-01_smt', name: 'statement', prose: 'Do it.' }],
          },
        ],
      },
    },
  }),
  publishBaseline: (f) => ({ id: f.draftBaselineId }),
  retireBaseline: (f) => ({ id: f.retirableBaselineId }),
  registerWebhook: () => ({ input: { url: 'http://127.0.0.1:9/matrix', eventTypes: ['STATUS_CHANGED'] } }),
  removeWebhook: (f) => ({ id: f.webhookId }),
  registerProduct: () => ({
    input: {
      name: `matrix ${randomUUID().slice(0, 8)}`,
      dataCategories: ['CONTACT_DETAILS'],
      hostingCountries: ['SE'],
    },
  }),
  updateProduct: (f) => ({ id: f.productId, input: { description: 'Matrix description' } }),
  setProductTier: (f) => ({ id: f.productId, tier: 'HIGH' }),
  subscribeToProduct: (f) => ({ input: { productId: f.spareProductId } }),
  unsubscribeFromProduct: (f) => ({ productId: f.spareProductId }),
  confirmCustomer: (f) => ({ subscriptionId: f.subscriptionId }),
  declineCustomer: (f) => ({ subscriptionId: f.subscriptionId, reason: 'Matrix: no contract.' }),
  requestAssessment: (f) => ({ productId: f.productId, baselineId: f.publishedBaselineId }),
  startAssessment: (f) => ({ id: f.requestedAssessmentId }),
  recordFinding: (f) => ({
    input: { assessmentId: f.assessmentId, requirementId: f.requirementId, result: 'SATISFIED' },
  }),
  recordFindings: (f) => ({
    assessmentId: f.assessmentId,
    findings: [{ requirementId: f.requirementId, result: 'SATISFIED' }],
  }),
  completeAssessment: (f) => ({
    input: {
      assessmentId: f.assessmentId,
      outcome: 'APPROVED',
      validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    },
  }),
  withdrawAssessment: (f) => ({ id: f.requestedAssessmentId }),
  completeRemediation: (f) => ({ id: f.remediationId }),
  suspendProduct: (f) => ({ id: f.productId, reason: 'Matrix suspension' }),
  reinstateProduct: (f) => ({ id: f.productId }),
  createEvidence: (f) => ({
    input: {
      productId: f.productId,
      title: 'Matrix evidence',
      requirementIds: [f.requirementId],
      confidentiality: 'PUBLIC',
      fileName: 'matrix.pdf',
    },
  }),
  attest: (f) => ({
    input: {
      productId: f.productId,
      requirementId: f.requirementId,
      status: 'IMPLEMENTED',
      statement: 'Matrix.',
    },
  }),
  reportIncident: (f) => ({
    input: {
      productIds: [f.productId],
      title: 'Matrix incident',
      description: 'Matrix.',
      severity: 'LOW',
      detectedAt: new Date(Date.now() - 60_000).toISOString(),
      dataCategories: [],
    },
  }),
  updateIncident: (f) => ({ id: f.incidentId, input: { severity: 'MEDIUM' } }),
  resolveIncident: (f) => ({ id: f.incidentId, summary: 'Matrix resolution.' }),
};

/** Mutations whose allowed call ends the state other calls rely on: run them after the others. */
export const LAST = [
  'removeRequirement',
  'publishBaseline',
  'retireBaseline',
  'withdrawAssessment',
  'removeWebhook',
  'resolveIncident',
  'completeAssessment',
  'unsubscribeFromProduct',
];

/** The root fields of a kind of operation, by name. */
export function rootFields(
  schema: GraphQLSchema,
  root: 'Query' | 'Mutation',
): GraphQLField<unknown, unknown>[] {
  const type: GraphQLObjectType | null | undefined =
    root === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return type ? Object.values(type.getFields()) : [];
}

/** `query($id: ID!) { product(id: $id) { __typename } }`: every argument as a variable. */
export function documentFor(root: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>): string {
  const declarations = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const operation = root === 'Query' ? 'query' : 'mutation';
  return `${operation}${declarations ? `(${declarations})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}
