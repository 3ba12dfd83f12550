import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WriteContext } from '../common/database/unit-of-work.js';
import type { EventInput } from '../events/events.service.js';
import {
  ScheduledSource,
  type ScheduledEventSource,
  type ScheduledMarks,
} from '../events/scheduler/scheduled-event-source.js';
import { StatusService } from './status.service.js';

/**
 * Own states that change with time alone (evidence ending, remediation falling overdue) reach the
 * products relying on them on the scheduler's next pass: StatusService.sweepChains, in its write.
 */
@Injectable()
@ScheduledSource()
export class StatusChainSource implements ScheduledEventSource {
  readonly name = 'status-chain';

  constructor(private readonly status: StatusService) {}

  collect(_em: EntityManager, now: Date, _marks: ScheduledMarks, tx: WriteContext): Promise<EventInput[]> {
    return this.status.sweepChains(tx, now);
  }
}
