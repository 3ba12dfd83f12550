import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { WriteContext } from '../../common/database/unit-of-work.js';
import type { EventInput } from '../events.service.js';

/**
 * What each scheduled source has emitted, so a time-based event is recorded once: `claim` inserts
 * the keys and answers those that were not there yet (in the run's transaction, so a failed run
 * claims nothing).
 */
export interface ScheduledMarks {
  claim(keys: readonly string[]): Promise<Set<string>>;
}

/**
 * Marks a provider as a ScheduledEventSource: the EventScheduler finds every one at start (listed
 * in its module's providers like any other provider).
 */
export const ScheduledSource = DiscoveryService.createDecorator<void>();

/**
 * A producer of time-based events (evidence expiring/expired, remediation overdue), a provider
 * marked `@ScheduledSource()`. The scheduler calls `collect` periodically (and at start, which
 * catches up after downtime) inside one system write (UnitOfWork.runAsSystem), on one instance at
 * a time, and records what it returns. A source finds everything due at `now`
 * that it has not emitted yet (state-based, never "since the last run"), and marks it — with
 * `marks.claim([...keys])` or its own column — so the next run does not emit it again.
 */
export interface ScheduledEventSource {
  /** Unique, at most 60 characters; also the namespace of its marks. */
  readonly name: string;
  /** `tx` is the pass's system write (its `em` is `em`), for sources that write through services. */
  collect(em: EntityManager, now: Date, marks: ScheduledMarks, tx: WriteContext): Promise<EventInput[]>;
}
