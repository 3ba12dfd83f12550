import { registerEnumType } from '@nestjs/graphql';

export enum OrganizationKind {
  AGENCY = 'AGENCY',
  ASSESSOR = 'ASSESSOR',
  SUPPLIER = 'SUPPLIER',
  MUNICIPALITY = 'MUNICIPALITY',
  REGION = 'REGION',
  PUBLIC_BODY = 'PUBLIC_BODY',
}

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What an organisation is in the registry; decides what its people may see and do.',
  valuesMap: {
    SUPPLIER: { description: 'A company that offers products (services, systems) to public bodies.' },
    MUNICIPALITY: { description: 'One of the 290 Swedish municipalities (kommuner); a customer.' },
    REGION: {
      description: 'A Swedish region (region); a customer. Gotland is a municipality named Region Gotland.',
    },
    AGENCY: { description: 'The national body that publishes baselines and decides on assessments.' },
    ASSESSOR: { description: 'An accredited assessment body that records findings.' },
    PUBLIC_BODY: { description: 'Any other public body that buys from suppliers.' },
  },
});

/** Roles inside the caller's own organisation, strongest first. */
export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  VIEWER = 'VIEWER',
}

registerEnumType(Role, {
  name: 'Role',
  description: "A person's role inside their own organisation; each role includes the ones below it.",
  valuesMap: {
    ADMIN: {
      description:
        'Everything an editor may do, plus managing the organisation itself (for example webhooks).',
    },
    EDITOR: { description: "Everything a viewer may do, plus changing the organisation's own data." },
    VIEWER: { description: 'Reads what the organisation may see; changes nothing.' },
  },
});

const ROLE_RANK: Record<Role, number> = { [Role.VIEWER]: 1, [Role.EDITOR]: 2, [Role.ADMIN]: 3 };

/** Public-sector customers: they subscribe to products and are exposed by incidents. */
export const CUSTOMER_KINDS: readonly OrganizationKind[] = [
  OrganizationKind.MUNICIPALITY,
  OrganizationKind.REGION,
  OrganizationKind.PUBLIC_BODY,
];

/** The caller, resolved from a verified token: the first argument of every service method. */
export interface Actor {
  /** The token's `sub`: a pseudonymous person identifier. */
  readonly subject: string;
  readonly organizationId: string;
  readonly organizationKind: OrganizationKind;
  readonly roles: readonly Role[];
}

export function hasRole(actor: Actor, minimum: Role): boolean {
  return actor.roles.some((role) => ROLE_RANK[role] >= ROLE_RANK[minimum]);
}

export function isAgency(actor: Actor): boolean {
  return actor.organizationKind === OrganizationKind.AGENCY;
}

export function isCustomer(actor: Actor): boolean {
  return CUSTOMER_KINDS.includes(actor.organizationKind);
}
