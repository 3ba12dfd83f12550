import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, OrganizationKind, Role } from '../common/actor.js';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-error.js';
import { AuthGuard } from './auth.guard.js';
import type { AuthService } from './auth.service.js';
import { Allow, type Policy } from './policy.js';

const supplierViewer: Actor = {
  subject: 's',
  organizationId: '00000000-0000-4000-8000-000000000001',
  organizationKind: OrganizationKind.SUPPLIER,
  roles: [Role.VIEWER],
};

function graphqlContext(handler: () => void, actor?: Actor, parentType = 'Query'): ExecutionContext {
  const args = [{}, {}, { actor, loaders: undefined }, { parentType: { name: parentType }, fieldName: 'op' }];
  return {
    getType: () => 'graphql',
    getHandler: () => handler,
    getClass: () => Object,
    getArgs: () => args,
    getArgByIndex: (i: number) => args[i],
    switchToHttp: () => undefined,
    switchToRpc: () => undefined,
    switchToWs: () => undefined,
  } as unknown as ExecutionContext;
}

function handlerWith(policy?: Policy): () => void {
  const fn = (): void => undefined;
  if (policy) Allow(policy)(fn, 'op', { value: fn });
  return fn;
}

describe('AuthGuard (default deny)', () => {
  const guard = new AuthGuard(new Reflector(), {} as AuthService);

  it('refuses a root operation that declares no policy, even for a signed-in caller', async () => {
    await expect(guard.canActivate(graphqlContext(handlerWith(), supplierViewer))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('refuses a declared operation without a caller', async () => {
    const handler = handlerWith({ kinds: 'ANY', minRole: Role.VIEWER });
    await expect(guard.canActivate(graphqlContext(handler))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('checks kind and minimum role', async () => {
    const agencyOnly = handlerWith({ kinds: [OrganizationKind.AGENCY], minRole: Role.VIEWER });
    const editors = handlerWith({ kinds: 'ANY', minRole: Role.EDITOR });
    const anyone = handlerWith({ kinds: 'ANY', minRole: Role.VIEWER });
    await expect(guard.canActivate(graphqlContext(agencyOnly, supplierViewer))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(guard.canActivate(graphqlContext(editors, supplierViewer))).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(guard.canActivate(graphqlContext(anyone, supplierViewer))).resolves.toBe(true);
  });

  it('leaves field resolvers to the services', async () => {
    await expect(guard.canActivate(graphqlContext(handlerWith(), undefined, 'Product'))).resolves.toBe(true);
  });
});
