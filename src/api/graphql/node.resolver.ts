import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../../auth/current-actor.decorator.js';
import { POLICIES } from '../../auth/policies.js';
import { Allow } from '../../auth/policy.js';
import type { Actor } from '../../common/actor.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { Node } from '../../common/graphql/node.js';
import { NodeRegistry } from '../../common/graphql/node-registry.js';
import type { RequestLoaders } from '../../common/graphql/request-context.js';

@Resolver()
export class NodeResolver {
  constructor(private readonly registry: NodeRegistry) {}

  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its id; null when it does not exist or is not yours to see.',
  })
  @Allow(POLICIES.node)
  async node(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Args('id', { type: () => ID, description: 'The id of any object that implements Node.' }) id: string,
  ): Promise<object | null> {
    try {
      return await this.registry.load(actor, id, loaders);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }
}
