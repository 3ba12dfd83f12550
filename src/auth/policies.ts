import { CUSTOMER_KINDS, OrganizationKind, Role } from '../common/actor.js';
import type { Policy } from './policy.js';

/*
 * The permission table: every GraphQL operation and who may call it. Resolvers declare their
 * entry with @Allow(POLICIES.x); a test fails when an operation in the schema has none, and the
 * authorization matrix is generated from this file. Resource checks ("does this organisation own
 * this product?") are the services' job on top of this.
 */

const { AGENCY } = OrganizationKind;
const { ADMIN, VIEWER } = Role;

const signedIn: Policy = { kinds: 'ANY', minRole: VIEWER };
const agency = (minRole: Role): Policy => ({ kinds: [AGENCY], minRole });

export const POLICIES = {
  // organisations and the caller
  viewer: signedIn,
  node: signedIn,
  organization: signedIn,
  organizations: signedIn,
  registerOrganization: agency(ADMIN),
  // token revocation (issue 15, hole 7): the agency's administrators only
  revokeTokens: agency(ADMIN),

  // baselines (issue 3): read by everyone signed in (drafts only by the agency and assessors, a
  // service check); drafted by agency editors; publishing and retiring bind every supplier and
  // notify every organisation, so they take an agency ADMIN. OSCAL routes use POLICIES.baseline.
  baselines: signedIn,
  baseline: signedIn,
  currentBaseline: signedIn,
  baselineDiff: signedIn,
  createBaseline: agency(Role.EDITOR),
  addRequirement: agency(Role.EDITOR),
  updateRequirement: agency(Role.EDITOR),
  removeRequirement: agency(Role.EDITOR),
  importOscalCatalog: agency(Role.EDITOR),
  publishBaseline: agency(ADMIN),
  retireBaseline: agency(ADMIN),

  // audit trail
  auditLog: agency(VIEWER),
  verifyAuditLog: agency(VIEWER),
  auditCheckpoints: signedIn,

  // events and webhooks: every organisation kind receives events (BASELINE_PUBLISHED reaches all)
  events: signedIn,
  registryEvents: signedIn,
  webhooks: { kinds: 'ANY', minRole: ADMIN },
  webhookDeliveries: { kinds: 'ANY', minRole: ADMIN },
  registerWebhook: { kinds: 'ANY', minRole: ADMIN },
  removeWebhook: { kinds: 'ANY', minRole: ADMIN },

  // products (issue 4): readable by every signed-in caller, written by the supplying organisation
  products: signedIn,
  product: signedIn,
  registerProduct: { kinds: [OrganizationKind.SUPPLIER], minRole: Role.EDITOR },
  updateProduct: { kinds: [OrganizationKind.SUPPLIER], minRole: Role.EDITOR },
  setProductTier: agency(Role.EDITOR),

  // subscriptions of customers (issue 5): municipalities, regions and public bodies only
  subscribeToProduct: { kinds: CUSTOMER_KINDS, minRole: Role.EDITOR },
  unsubscribeFromProduct: { kinds: CUSTOMER_KINDS, minRole: Role.EDITOR },
  mySubscriptions: { kinds: CUSTOMER_KINDS, minRole: VIEWER },
  // the customer relationship (issue 15): the product's supplier (a service check) or the agency
  customerRequests: { kinds: [OrganizationKind.SUPPLIER, AGENCY], minRole: VIEWER },
  confirmCustomer: { kinds: [OrganizationKind.SUPPLIER, AGENCY], minRole: Role.EDITOR },
  declineCustomer: { kinds: [OrganizationKind.SUPPLIER, AGENCY], minRole: Role.EDITOR },

  // assessments and the shared status (issue 5): the supplier asks (its own products, a service
  // check); assessment bodies and the agency take and carry them out (only the body that took one
  // records findings and completes it, a service check); the supplier or the agency withdraws.
  // Assessments and findings are read by everyone signed in except other suppliers (service
  // check, NOT_FOUND); Product.status by every caller. Suspension is the agency's.
  assessment: signedIn,
  assessmentQueue: { kinds: [AGENCY, OrganizationKind.ASSESSOR], minRole: VIEWER },
  requestAssessment: { kinds: [OrganizationKind.SUPPLIER], minRole: Role.EDITOR },
  startAssessment: { kinds: [AGENCY, OrganizationKind.ASSESSOR], minRole: Role.EDITOR },
  recordFinding: { kinds: [AGENCY, OrganizationKind.ASSESSOR], minRole: Role.EDITOR },
  recordFindings: { kinds: [AGENCY, OrganizationKind.ASSESSOR], minRole: Role.EDITOR },
  completeAssessment: { kinds: [AGENCY, OrganizationKind.ASSESSOR], minRole: Role.EDITOR },
  withdrawAssessment: { kinds: [OrganizationKind.SUPPLIER, AGENCY], minRole: Role.EDITOR },
  completeRemediation: { kinds: [OrganizationKind.SUPPLIER], minRole: Role.EDITOR },
  suspendProduct: agency(Role.EDITOR),
  reinstateProduct: agency(Role.EDITOR),

  // evidence and attestations (issue 4): written by the supplying organisation's editors (the
  // service checks it owns the product); who may read evidence is its confidentiality, a
  // service rule (src/evidence/evidence-visibility.ts); attestations follow the product
  createEvidence: { kinds: [OrganizationKind.SUPPLIER], minRole: Role.EDITOR },
  attest: { kinds: [OrganizationKind.SUPPLIER], minRole: Role.EDITOR },
  attestations: signedIn,

  // incidents and exposure (issue 7): reported and updated by the supplier's editors (the service
  // checks it owns the products / reported the incident); resolved by that supplier or the agency;
  // read by everyone signed in, narrowed by the service to the agency, the reporting supplier and
  // the exposed organisations (own rows only). Concentration is the agency's overview.
  incidents: signedIn,
  incident: signedIn,
  exposure: signedIn,
  reportIncident: { kinds: [OrganizationKind.SUPPLIER], minRole: Role.EDITOR },
  updateIncident: { kinds: [OrganizationKind.SUPPLIER], minRole: Role.EDITOR },
  resolveIncident: { kinds: [OrganizationKind.SUPPLIER, AGENCY], minRole: Role.EDITOR },
  supplierConcentration: agency(VIEWER),

  // OSCAL exchange and status statements (issue 19): a signed statement of a product's status is
  // for anyone who may read that status (every signed-in caller).
  statusStatement: signedIn,
} satisfies Record<string, Policy>;

export type OperationName = keyof typeof POLICIES;

/** Plain HTTP routes outside GraphQL, with the same kind of declaration. */
export const HTTP_POLICIES = {
  /** PUT /evidence/uploads/:token; the URL must also have been issued to the caller's organisation. */
  uploadEvidence: { kinds: [OrganizationKind.SUPPLIER], minRole: Role.EDITOR },
  /** GET /evidence/files/:id; the signed URL must be the caller's and the evidence visible to it. */
  downloadEvidence: signedIn,
  /** POST /oscal/catalogs: the same rule as the importOscalCatalog mutation. */
  importOscalCatalog: POLICIES.importOscalCatalog,
  /** POST /oscal/baselines/:id/profiles/:tier: parameter values per tier, as drafting a baseline. */
  setOscalProfileParameters: POLICIES.importOscalCatalog,
  /** POST /oscal/assessments/:id/assessment-results: findings, as recordFinding (holder: a service check). */
  importAssessmentResults: POLICIES.recordFinding,
} satisfies Record<string, Policy>;

/**
 * Web portal pages (src/web) that are views of their own; the actions on them (subscribe,
 * unsubscribe, ...) are checked against the operations' entries above, as in the API. The public
 * registry's pages need no entry: they act as the public visitor, which no policy admits.
 */
export const WEB_POLICIES = {
  /** /my: every signed-in person; the page shown follows the organisation's kind. */
  myPage: signedIn,
  customerPage: { kinds: CUSTOMER_KINDS, minRole: VIEWER },
  supplierPage: { kinds: [OrganizationKind.SUPPLIER], minRole: VIEWER },
  agencyPage: agency(VIEWER),
} satisfies Record<string, Policy>;
