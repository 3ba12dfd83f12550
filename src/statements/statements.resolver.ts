import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import { StatusStatement } from './statement.model.js';
import { StatementsService } from './statements.service.js';

@Resolver(() => StatusStatement)
export class StatementsResolver {
  constructor(private readonly statements: StatementsService) {}

  @Query(() => StatusStatement, {
    description: "A signed statement of the product's status now, for the caller's records.",
  })
  @Allow(POLICIES.statusStatement)
  statusStatement(
    @CurrentActor() actor: Actor,
    @Args('productId', { type: () => ID, description: 'The product the statement is about.' })
    productId: string,
  ): Promise<StatusStatement> {
    return this.statements.statement(actor, productId);
  }
}
