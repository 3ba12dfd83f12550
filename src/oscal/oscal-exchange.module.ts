import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { OscalExchangeController } from './oscal-exchange.controller.js';
import { OscalExchangeService } from './oscal-exchange.service.js';
import { OscalImportRoutes } from './oscal-import.routes.js';

/** OSCAL out: assessment results and POA&M documents (issue 19). */
@Module({
  imports: [AssessmentsModule],
  controllers: [OscalExchangeController],
  providers: [OscalExchangeService, OscalImportRoutes],
  exports: [OscalExchangeService],
})
export class OscalExchangeModule {}
