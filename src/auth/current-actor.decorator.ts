import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '../common/actor.js';
import { UnauthenticatedError } from '../common/errors/domain-error.js';
import type { RequestContext } from '../common/graphql/request-context.js';
import type { AuthenticatedRequest } from './auth.guard.js';

/** The verified caller; the guard has already refused requests without one. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor =
    context.getType<GqlContextType>() === 'graphql'
      ? GqlExecutionContext.create(context).getContext<RequestContext>().actor
      : context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new UnauthenticatedError();
  return actor;
});

/** The per-request DataLoader cache, for field resolvers. */
export const Loaders = createParamDecorator(
  (_: unknown, context: ExecutionContext) =>
    GqlExecutionContext.create(context).getContext<RequestContext>().loaders,
);
