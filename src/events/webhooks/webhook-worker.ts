import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../common/config/app-config.js';
import { APP_CONFIG } from '../../common/config/config.constants.js';
import { toGlobalId } from '../../common/graphql/global-id.js';
import { Clock } from '../clock.js';
import type { RegistryEventType } from '../dto/registry-event-type.enum.js';
import { REGISTRY_EVENT_TYPE_NAME } from '../registry-event.mapper.js';
import { retryDelayMs } from './retry-schedule.js';
import { type SendResult, sendWebhook } from './webhook-sender.js';
import { signWebhook } from './signing.js';
import { humanDateTime } from '../../common/time/human-time.js';

const POLL_MS = 1000;
/** Longer than the 15 s timeout: a lease outlives any attempt unless the instance died. */
const LEASE_MS = 60_000;

interface ClaimedDelivery {
  id: string;
  attempts: number;
  webhookId: string;
  url: string;
  secret: string;
  eventId: string;
  type: RegistryEventType;
  occurredAt: Date;
  productId: string | null;
  baselineId: string | null;
  incidentId: string | null;
}

/** The thin payload: ids only, so a leaked delivery reveals little; details via the API. */
export function webhookBody(d: ClaimedDelivery): string {
  const id = (type: string, uuid: string | null) => (uuid ? toGlobalId(type, uuid) : null);
  return JSON.stringify({
    type: d.type,
    timestamp: d.occurredAt.toISOString(),
    data: {
      eventId: toGlobalId(REGISTRY_EVENT_TYPE_NAME, d.eventId),
      productId: id('Product', d.productId),
      baselineId: id('Baseline', d.baselineId),
      incidentId: id('Incident', d.incidentId),
    },
  });
}

/**
 * Sends the webhook outbox. Deliveries are claimed in PostgreSQL (FOR UPDATE SKIP LOCKED plus a
 * lease), so several instances never send the same attempt, and a crash only delays a delivery
 * until its lease expires. At most `WEBHOOK_CONCURRENCY` requests are in flight per instance and
 * at most one per webhook, so a slow or dead receiver holds one slot and delays nobody else.
 */
@Injectable()
export class WebhookWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookWorker.name);
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<number> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.backgroundJobs) return;
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Look for due deliveries now (after a commit that recorded events, and on every poll). */
  kick(): void {
    if (!this.config.backgroundJobs || this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    void this.tick().catch((error) => this.logger.error(`webhook claim failed: ${String(error)}`));
  }

  /** Sends everything due now and waits for it; what tests call after moving the clock. */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.tick();
      await Promise.allSettled([...this.inFlight]);
      if (claimed === 0 && this.inFlight.size === 0) return;
    }
  }

  private tick(): Promise<number> {
    const run = (async () => {
      let total = 0;
      do {
        this.again = false;
        const free = this.config.webhooks.concurrency - this.inFlight.size;
        if (free <= 0 || this.stopped) break;
        const claimed = await this.claim(free);
        total += claimed.length;
        for (const delivery of claimed) {
          const attempt = this.attempt(delivery).finally(() => {
            this.inFlight.delete(attempt);
            if (!this.stopped && this.config.backgroundJobs) this.kick();
          });
          this.inFlight.add(attempt);
        }
      } while (this.again);
      return total;
    })();
    this.ticking = run;
    return run.finally(() => {
      if (this.ticking === run) this.ticking = undefined;
    });
  }

  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const now = this.clock.now();
    return this.dataSource
      .query<ClaimedDelivery[]>(
        `WITH due AS (
         SELECT DISTINCT ON (d.webhook_id) d.id
         FROM webhook_delivery d
         WHERE d.status = 'PENDING' AND d.next_attempt_at <= $1
           AND (d.locked_until IS NULL OR d.locked_until < $1)
           AND NOT EXISTS (SELECT 1 FROM webhook_delivery x WHERE x.webhook_id = d.webhook_id
                           AND x.status = 'PENDING' AND x.locked_until >= $1)
         ORDER BY d.webhook_id, d.next_attempt_at, d.id
       ), claimed AS (
         SELECT d.id FROM webhook_delivery d
         WHERE d.id IN (SELECT id FROM due) AND d.status = 'PENDING'
           AND (d.locked_until IS NULL OR d.locked_until < $1)
         ORDER BY d.next_attempt_at LIMIT $2
         FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_delivery d
       SET locked_until = $3, attempts = d.attempts + 1, last_attempt_at = $1
       FROM claimed c, webhook w, registry_event e
       WHERE d.id = c.id AND w.id = d.webhook_id AND e.id = d.event_id
       RETURNING d.id, d.attempts, w.id AS "webhookId", w.url, w.secret, e.id AS "eventId", e.type,
         e.occurred_at AS "occurredAt", e.product_id AS "productId", e.baseline_id AS "baselineId",
         e.incident_id AS "incidentId"`,
        [now, limit, new Date(now.getTime() + LEASE_MS)],
      )
      .then((result) => (Array.isArray(result[0]) ? (result[0] as ClaimedDelivery[]) : result));
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const body = webhookBody(delivery);
    // Signed with wall-clock time: it is what receivers compare against their own clocks.
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'assurance-registry-webhooks/1',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(delivery.secret, delivery.id, timestamp, body),
    };
    let result: SendResult;
    try {
      result = await sendWebhook(delivery.url, headers, body, this.config.webhooks.allowPrivateTargets);
    } catch (error) {
      result = { status: null, error: String(error).slice(0, 400) };
    }
    try {
      await this.settle(delivery, result);
    } catch (error) {
      // The lease expires and the delivery is tried again: at least once, never lost.
      this.logger.error(`recording webhook delivery ${delivery.id} failed: ${String(error)}`);
    }
  }

  private async settle(delivery: ClaimedDelivery, result: SendResult): Promise<void> {
    const now = this.clock.now();
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      await this.dataSource.query(
        `UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = $2, locked_until = NULL,
           next_attempt_at = NULL, last_status_code = $3, last_error = NULL WHERE id = $1`,
        [delivery.id, now, result.status],
      );
      return;
    }
    if (result.status === 410) {
      // Gone: the receiver asks us to stop. Disable the webhook and cancel what is queued for it.
      await this.dataSource.transaction(async (em) => {
        await em.query(`UPDATE webhook SET active = false, disabled_reason = $2 WHERE id = $1`, [
          delivery.webhookId,
          `The receiver answered 410 Gone on ${humanDateTime(now, 'en')}`,
        ]);
        await em.query(
          `UPDATE webhook_delivery SET status = 'CANCELLED', locked_until = NULL, next_attempt_at = NULL
           WHERE webhook_id = $1 AND status = 'PENDING'`,
          [delivery.webhookId],
        );
        await em.query(`UPDATE webhook_delivery SET last_status_code = 410, last_error = $2 WHERE id = $1`, [
          delivery.id,
          'HTTP 410: webhook disabled',
        ]);
      });
      return;
    }
    const delay = retryDelayMs(delivery.attempts);
    const error =
      result.status !== null && result.status >= 300 && result.status < 400
        ? `HTTP ${result.status}: redirects are not followed`
        : result.error;
    await this.dataSource.query(
      `UPDATE webhook_delivery SET status = $2, next_attempt_at = $3, locked_until = NULL,
         last_status_code = $4, last_error = $5 WHERE id = $1`,
      [
        delivery.id,
        delay === null ? 'DEAD' : 'PENDING',
        delay === null ? null : new Date(now.getTime() + delay),
        result.status,
        error,
      ],
    );
  }
}
