import { SetMetadata } from '@nestjs/common';
import { type Actor, hasRole, OrganizationKind, Role } from '../common/actor.js';
import { ForbiddenError } from '../common/errors/domain-error.js';

/** Who may call an operation: organisation kinds and the minimum role inside the organisation. */
export interface Policy {
  readonly kinds: readonly OrganizationKind[] | 'ANY';
  readonly minRole: Role;
}

export const ALLOW_KEY = 'registry:allow';
export const PUBLIC_KEY = 'registry:public';

/** Declares who may call a resolver or route; the global guard refuses anything undeclared. */
export const Allow = (policy: Policy): MethodDecorator => SetMetadata(ALLOW_KEY, policy);

/** An HTTP route open to anyone (health checks). Never used on GraphQL operations. */
export const Public = (): MethodDecorator => SetMetadata(PUBLIC_KEY, true);

export function permits(policy: Policy, actor: Actor): boolean {
  const kindOk = policy.kinds === 'ANY' || policy.kinds.includes(actor.organizationKind);
  return kindOk && hasRole(actor, policy.minRole);
}

export function assertPermits(policy: Policy, actor: Actor): void {
  if (!permits(policy, actor)) throw new ForbiddenError();
}
