import { Injectable } from '@nestjs/common';

/**
 * The time as the events module sees it: event times, webhook retry schedules and the scheduler
 * all read it here, so tests can move time forward instead of waiting (`jest.spyOn(clock, 'now')`).
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
