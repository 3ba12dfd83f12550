import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, OrganizationKind, Role } from '../../common/actor.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { APP_CONFIG } from '../../common/config/config.constants.js';
import { WriteContext } from '../../common/database/unit-of-work.js';
import { Clock } from '../clock.js';
import { EventsService } from '../events.service.js';
import type { ScheduledEventSource, ScheduledMarks } from './scheduled-event-source.js';

export const SCHEDULER_INTERVAL_MS = 60_000;

const SCHEDULER_ACTOR: Actor = {
  subject: 'system:event-scheduler',
  organizationId: '00000000-0000-0000-0000-000000000000',
  organizationKind: OrganizationKind.AGENCY,
  roles: [Role.ADMIN],
};

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
 * Runs the registered time-based event sources: each in its own transaction under a PostgreSQL
 * advisory lock, so with several instances a source runs on one at a time and its marks make each
 * event appear exactly once; a run at start catches up on whatever fell due while nothing ran.
 */
@Injectable()
export class EventScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventScheduler.name);
  private readonly sources = new Map<string, ScheduledEventSource>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SourceRun[]> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: EventsService,
  ) {}

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
    const tx = await this.dataSource.transaction(async (em) => {
      const [{ locked }] = await em.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
        [`registry-event-scheduler:${source.name}`],
      );
      if (!locked) return null;
      const context = new WriteContext(em, SCHEDULER_ACTOR);
      const inputs = await source.collect(em, now, marksIn(em, source.name, now));
      if (inputs.length > 0) {
        await this.events.record(context, inputs);
        // Outside UnitOfWork: write the events (with their commit-ordered positions) before commit.
        await this.events.flush(context);
      }
      return { context, recorded: inputs.length };
    });
    if (!tx) return { source: source.name, ran: false, recorded: 0 };
    for (const callback of tx.context.afterCommitCallbacks) {
      await Promise.resolve(callback()).catch((e) => this.logger.warn(`after-commit: ${String(e)}`));
    }
    return { source: source.name, ran: true, recorded: tx.recorded };
  }
}
