import { Controller, Get, Header, Param } from '@nestjs/common';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { POLICIES } from '../auth/policies.js';
import { Allow } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import { OscalExchangeService } from './oscal-exchange.service.js';

/**
 * What municipalities file, as OSCAL files over plain HTTP with the same bearer token and rules as
 * GraphQL: the assessment's findings (policy `assessment`, the service's visibility: NOT_FOUND for
 * other suppliers) and the product's open remediations (the same rule over the product).
 */
@Controller('oscal')
export class OscalExchangeController {
  constructor(private readonly exchange: OscalExchangeService) {}

  @Get('assessments/:id/assessment-results.json')
  @Allow(POLICIES.assessment)
  @Header('content-type', 'application/json; charset=utf-8')
  async assessmentResults(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<string> {
    // Served as the exact bytes whose SHA-256 status statements carry.
    return (await this.exchange.assessmentResults(actor, id)).body;
  }

  @Get('products/:id/poam.json')
  @Allow(POLICIES.assessment)
  @Header('content-type', 'application/json; charset=utf-8')
  poam(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<Record<string, unknown>> {
    return this.exchange.poam(actor, id);
  }
}
