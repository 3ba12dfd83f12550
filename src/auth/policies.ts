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

  // audit trail
  auditLog: agency(VIEWER),
  verifyAuditLog: agency(VIEWER),
  auditCheckpoints: signedIn,

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
} satisfies Record<string, Policy>;

export type OperationName = keyof typeof POLICIES;
