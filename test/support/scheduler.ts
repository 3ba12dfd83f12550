import type { EventScheduler } from '../../src/events/scheduler/event-scheduler.js';

/**
 * Runs scheduler passes until one ran every source and found nothing left to record. One pass is
 * not enough beside other test files: their services run the same sources on the same database,
 * hold a source's lock at times (the pass then skips it) and share its batches.
 */
export async function settleScheduler(scheduler: EventScheduler, maxPasses = 20): Promise<void> {
  for (let pass = 0; pass < maxPasses; pass++) {
    const runs = await scheduler.runOnce();
    if (runs.every((run) => run.ran && run.recorded === 0)) return;
  }
  throw new Error(`the scheduler did not settle in ${maxPasses} passes`);
}
