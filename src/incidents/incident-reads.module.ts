import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IncidentEntity } from './incident.entity.js';
import { IncidentsService } from './incidents.service.js';

/**
 * Reading incidents (IncidentsService, with the one visibility rule), apart from the incidents
 * module so the status module, which IncidentsModule's writes refresh, can inject it too.
 */
@Module({
  imports: [TypeOrmModule.forFeature([IncidentEntity])],
  providers: [IncidentsService],
  exports: [IncidentsService],
})
export class IncidentReadsModule {}
