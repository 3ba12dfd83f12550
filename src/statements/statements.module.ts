import { Module } from '@nestjs/common';
import { OscalExchangeModule } from '../oscal/oscal-exchange.module.js';
import { StatusModule } from '../status/status.module.js';
import { JwksController } from './jwks.controller.js';
import { StatementKeys } from './statement-keys.js';
import { StatementsResolver } from './statements.resolver.js';
import { StatementsService } from './statements.service.js';

/** Signed status statements and the keys to verify them (issue 19). */
@Module({
  imports: [StatusModule, OscalExchangeModule],
  controllers: [JwksController],
  providers: [StatementKeys, StatementsService, StatementsResolver],
})
export class StatementsModule {}
