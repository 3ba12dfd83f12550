import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/actor.js';
import { ForbiddenError, UnauthenticatedError } from '../common/errors/domain-error.js';
import type { RequestContext } from '../common/graphql/request-context.js';
import { AuthService } from './auth.service.js';
import { ALLOW_KEY, assertPermits, type Policy, PUBLIC_KEY } from './policy.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

/**
 * Default deny: an operation or route runs only when it declares who may call it (@Allow) and the
 * caller fits. Field resolvers are not guarded here; what a parent exposes is the services' call.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.get<Policy | undefined>(ALLOW_KEY, context.getHandler());
    if (context.getType<GqlContextType>() === 'graphql') {
      const gql = GqlExecutionContext.create(context);
      const info = gql.getInfo<{ parentType: { name: string }; fieldName: string }>();
      if (!ROOT_TYPES.has(info.parentType.name)) return true;
      if (!policy) throw new ForbiddenError(`${info.fieldName} declares no permission and is refused`);
      const ctx = gql.getContext<RequestContext>();
      if (ctx.authError) throw ctx.authError;
      if (!ctx.actor) throw new UnauthenticatedError();
      assertPermits(policy, ctx.actor);
      return true;
    }
    if (this.reflector.get<boolean | undefined>(PUBLIC_KEY, context.getHandler())) return true;
    if (!policy) throw new ForbiddenError('This route declares no permission and is refused');
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.auth.authenticate(request.headers.authorization);
    if (!actor) throw new UnauthenticatedError();
    assertPermits(policy, actor);
    request.actor = actor;
    return true;
  }
}
