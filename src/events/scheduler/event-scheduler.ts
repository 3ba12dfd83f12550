import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../common/config/app-config.js';
import { APP_CONFIG } from '../../common/config/config.constants.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { Clock } from '../clock.js';
import { EventsService } from '../events.service.js';
import { ScheduledSource, type ScheduledEventSource, type ScheduledMarks } from './scheduled-event-source.js';

export const SCHEDULER_INTERVAL_MS = 60_000;

/** The scheduler's passes write as `system:event-scheduler` (UnitOfWork.runAsSystem). */
const SCHEDULER_NAME = 'event-scheduler';

export interface SourceRun {
  readonly source: string;
  /** False when another instance held the source's lock (it is running it right now). */
  readonly ran: boolean;
  readonly recorded: number;
}

function marksIn(em: EntityManager, source: string, now: Date): ScheduledMarks {
  return {
    async claim(keys) {
      if (keys.length === 0) return new Set();
      const rows = await em.query<{ key: string }[]>(
        `INSERT INTO scheduled_event_mark (source, key, marked_at)
         SELECT $1, key, $3 FROM unnest($2::varchar[]) AS t(key)
         ON CONFLICT DO NOTHING RETURNING key`,
        [source, [...new Set(keys)], now],
      );
      return new Set(rows.map((r) => r.key));
    },
  };
}

/**
 * Runs the time-based event sources (the providers marked `@ScheduledSource()`, found at start):
 * each in its own system write (UnitOfWork.runAsSystem: the one write path, with its audit entry
 * and its events written by the same participants as any write) under a PostgreSQL advisory lock, so with several instances a source runs on one at a time and its marks make each
 * event appear exactly once; a run at start catches up on whatever fell due while nothing ran.
 */
@Injectable()
export class EventScheduler implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventScheduler.name);
  private readonly sources = new Map<string, ScheduledEventSource>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SourceRun[]> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly events: EventsService,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: ScheduledSource.KEY })) {
      if (wrapper.instance) this.register(wrapper.instance as ScheduledEventSource);
    }
  }

  /** For tests: a source that is not an application provider. */
  register(source: ScheduledEventSource): void {
    if (source.name.length === 0 || source.name.length > 60) {
      throw new Error(`scheduled source name must be 1-60 characters: "${source.name}"`);
    }
    if (this.sources.has(source.name)) throw new Error(`scheduled source "${source.name}" registered twice`);
    this.sources.set(source.name, source);
  }

  /** For tests: sources they registered themselves. */
  unregister(name: string): void {
    this.sources.delete(name);
  }

  onApplicationBootstrap(): void {
    if (!this.config.backgroundJobs) return;
    const run = () => void this.runOnce().catch((e) => this.logger.error(`scheduler: ${String(e)}`));
    setImmediate(run);
    this.timer = setInterval(run, SCHEDULER_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over every source; overlapping calls in one process share the pass. */
  runOnce(): Promise<SourceRun[]> {
    this.running ??= this.runAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runAll(): Promise<SourceRun[]> {
    const results: SourceRun[] = [];
    for (const source of this.sources.values()) {
      try {
        results.push(await this.runSource(source));
      } catch (error) {
        // One broken source must not stop the others; it is retried on the next pass.
        this.logger.error(`scheduled source ${source.name} failed: ${String(error)}`);
        results.push({ source: source.name, ran: false, recorded: 0 });
      }
    }
    return results;
  }

  private async runSource(source: ScheduledEventSource): Promise<SourceRun> {
    const now = this.clock.now();
    const recorded = await this.unitOfWork.runAsSystem(SCHEDULER_NAME, async (tx) => {
      const [{ locked }] = await tx.em.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
        [`registry-event-scheduler:${source.name}`],
      );
      if (!locked) return null;
      const inputs = await source.collect(tx.em, now, marksIn(tx.em, source.name, now), tx);
      if (inputs.length > 0) {
        await this.events.record(tx, inputs);
        tx.audit('scheduled_events.recorded', 'ScheduledSource', source.name);
      }
      return inputs.length;
    });
    if (recorded === null) return { source: source.name, ran: false, recorded: 0 };
    return { source: source.name, ran: true, recorded };
  }
}
