import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, isAgency } from '../common/actor.js';
import { CommitParticipant, type TransactionParticipant } from '../common/database/transaction-hooks.js';
import type { WriteContext } from '../common/database/unit-of-work.js';
import { dateOf, sqlSection, type SqlSection } from '../common/database/sql-sections.js';
import { type ConnectionShape, toConnection } from '../common/graphql/connection.js';
import { encodeCursor, pageRequest } from '../common/graphql/cursor.js';
import { isUuid } from '../common/graphql/global-id.js';
import { NodeType } from '../common/graphql/node-type.js';
import { Clock } from './clock.js';
import { addressedToAllSql, materialiseAudience, recipientRowSql, receivesSql } from './event-audience.js';
import type { RegistryEventType } from './dto/registry-event-type.enum.js';
import type { EventsArgs, RegistryEvent } from './dto/registry-event.model.js';
import { type LiveEvent, LiveEvents } from './live/live-events.js';
import { REGISTRY_EVENT_TYPE_NAME, type RegistryEventRow, toRegistryEvent } from './registry-event.mapper.js';
import { WebhookWorker } from './webhooks/webhook-worker.js';

export interface EventInput {
  type: RegistryEventType;
  /** A plain sentence, e.g. "Product X: state changed from COMPLIANT to NON_COMPLIANT". */
  message: string;
  /** Internal uuids, not global ids. */
  productId?: string | null;
  baselineId?: string | null;
  incidentId?: string | null;
  /**
   * Who receives it besides the agency (which sees every event): 'ALL' signed-in organisations,
   * or these organisation uuids (see event-audience.ts).
   */
  audience: 'ALL' | readonly string[];
}

const MESSAGE_MAX = 1000;

/**
 * Held (transaction-scoped) from taking positions until the commit: PostgreSQL releases a
 * transaction's locks only after its commit is visible, so positions are handed out in commit order.
 */
const POSITION_LOCK = 'registry_event_position';

const EVENT_COLUMNS = `e.id, e.type, e.occurred_at AS "occurredAt", e.message,
  e.product_id AS "productId", e.baseline_id AS "baselineId", e.incident_id AS "incidentId",
  e.position::text AS "position"`;

interface FeedRow extends RegistryEventRow {
  readonly position: string;
}

/**
 * The registry's event log: written in the transaction of the change that caused it (so a
 * rolled-back change records nothing and a committed one is never without its event), read back
 * as a feed, published live after commit, and fanned out to webhooks through an outbox.
 *
 * Commit-ordered positions: `record` only collects the events; they are written at the end of the
 * transaction (`beforeCommit`, a UnitOfWork participant, before the audit chain), taking their positions from a sequence under a transaction lock held until the
 * commit is visible. A reader that sees an event at position p therefore sees every committed event
 * below p, and an event that becomes visible later always sits above everything seen before: a
 * client paging `events` by its cursors never misses one, whatever order transactions overlap in.
 */
@Injectable()
@CommitParticipant({ order: 20 })
export class EventsService implements TransactionParticipant {
  private readonly pending = new WeakMap<WriteContext, LiveEvent[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly live: LiveEvents,
    private readonly webhooks: WebhookWorker,
  ) {}

  /** One event by its key, if the caller receives it (the same rule as the feed); else null. */
  @NodeType(REGISTRY_EVENT_TYPE_NAME)
  async findVisible(actor: Actor, uuid: string): Promise<RegistryEvent | null> {
    if (!isUuid(uuid)) return null;
    const [row] = await this.dataSource.query<RegistryEventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM registry_event e
        WHERE e.id = $1 AND ${receivesSql('e', '$3', '$2::boolean')}`,
      [uuid, isAgency(actor), actor.organizationId],
    );
    return row ? toRegistryEvent(row) : null;
  }

  /**
   * Records events in the caller's transaction: written just before it commits (three statements
   * for all of a transaction's events and recipients: events, recipients, webhook deliveries).
   * Published live, and the webhook worker woken, after commit.
   */
  async record(tx: WriteContext, input: EventInput | readonly EventInput[]): Promise<void> {
    const inputs: readonly EventInput[] = Array.isArray(input) ? input : [input as EventInput];
    if (inputs.length === 0) return;
    const occurredAt = this.clock.now();
    const live: LiveEvent[] = inputs.map((event) => ({
      id: randomUUID(),
      type: event.type,
      occurredAt: occurredAt.toISOString(),
      message: truncate(event.message.trim()),
      productId: event.productId ?? null,
      baselineId: event.baselineId ?? null,
      incidentId: event.incidentId ?? null,
      ...materialiseAudience(event.audience),
    }));
    const queued = this.pending.get(tx);
    if (queued) {
      queued.push(...live);
      return;
    }
    this.pending.set(tx, live);
    tx.afterCommit(async () => {
      this.webhooks.kick();
      await this.live.publish(live);
    });
  }

  /** UnitOfWork participant: writes the transaction's events with their positions. */
  async beforeCommit(tx: WriteContext): Promise<void> {
    const live = this.pending.get(tx);
    if (!live || live.length === 0) return;
    this.pending.delete(tx);
    await tx.em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [POSITION_LOCK]);
    await tx.em.query(
      `INSERT INTO registry_event (id, type, occurred_at, message, product_id, baseline_id, incident_id, audience_all, position)
       SELECT id, type, occurred_at, message, product_id, baseline_id, incident_id, audience_all,
              nextval('registry_event_position_seq')
       FROM unnest($1::uuid[], $2::varchar[], $3::timestamptz[], $4::varchar[], $5::uuid[], $6::uuid[], $7::uuid[], $8::boolean[])
         WITH ORDINALITY AS t(id, type, occurred_at, message, product_id, baseline_id, incident_id, audience_all, n)
       ORDER BY n`,
      [
        live.map((e) => e.id),
        live.map((e) => e.type),
        live.map((e) => e.occurredAt),
        live.map((e) => e.message),
        live.map((e) => e.productId),
        live.map((e) => e.baselineId),
        live.map((e) => e.incidentId),
        live.map((e) => e.audienceAll),
      ],
    );

    const eventIds: string[] = [];
    const organizationIds: string[] = [];
    for (const event of live) {
      for (const organizationId of event.recipients) {
        eventIds.push(event.id);
        organizationIds.push(organizationId);
      }
    }
    if (eventIds.length > 0) {
      await tx.em.query(
        `INSERT INTO registry_event_recipient (event_id, organization_id, occurred_at, position)
         SELECT e.id, t.organization_id, e.occurred_at, e.position
           FROM unnest($1::uuid[], $2::uuid[]) AS t(event_id, organization_id)
           JOIN registry_event e ON e.id = t.event_id`,
        [eventIds, organizationIds],
      );
    }

    // The outbox: a delivery for every active webhook whose owner receives the event.
    await tx.em.query(
      `INSERT INTO webhook_delivery (id, webhook_id, event_id, status, attempts, next_attempt_at, created_at)
       SELECT gen_random_uuid(), w.id, e.id, 'PENDING', 0, $2, $2
       FROM registry_event e
       JOIN webhook w ON w.active AND e.type = ANY (w.event_types)
       JOIN organization o ON o.id = w.organization_id
       WHERE e.id = ANY ($1::uuid[])
         AND ${receivesSql('e', 'w.organization_id', "o.kind = 'AGENCY'")}`,
      [live.map((e) => e.id), this.clock.now()],
    );
  }

  /**
   * The caller's events, newest (highest position) first: the agency sees all; others ALL-audience
   * and their own. Cursors are positions, so paging never skips an event committed late.
   */
  async list(actor: Actor, args: EventsArgs): Promise<ConnectionShape<RegistryEvent>> {
    const page = pageRequest(args, ['int']);
    const since = args.since ?? null;
    const after = page.after ? String(page.after[0]) : null;
    const feed = feedSql(actor, since, after, page.first + 1);
    const [rows, [count]] = await Promise.all([
      this.dataSource.query<FeedRow[]>(feed.sql, feed.params),
      this.dataSource.query<{ n: string | number }[]>(feed.countSql, feed.countParams),
    ]);
    return toConnection(rows, page, Number(count.n), (row) => encodeCursor([row.position]), toRegistryEvent);
  }

  /**
   * The caller's newest `first` events since a time, as a section of a page's one statement
   * (readSections): the same feed and audience rule as list(), without the total.
   */
  listSection(actor: Actor, since: Date | null, first: number): SqlSection<RegistryEvent[]> {
    const feed = feedSql(actor, since, null, first);
    return sqlSection(feed.sql, feed.params, (rows) =>
      rows.map((row) =>
        toRegistryEvent({ ...(row as unknown as FeedRow), occurredAt: dateOf(row.occurredAt) as Date }),
      ),
    );
  }
}

/**
 * The caller's feed, newest (highest position) first: the agency sees all; others ALL-audience
 * and their own. Each branch is one index range scan; an event is either ALL-audience or has recipients.
 */
function feedSql(actor: Actor, since: Date | null, after: string | null, limit: number) {
  const params: unknown[] = [since, after, limit];
  const window = (at: string, position: string) =>
    `($1::timestamptz IS NULL OR ${at} >= $1) AND ($2::bigint IS NULL OR ${position} < $2::bigint)`;
  if (isAgency(actor)) {
    return {
      sql: `SELECT ${EVENT_COLUMNS} FROM registry_event e WHERE ${window('e.occurred_at', 'e.position')}
        ORDER BY e.position DESC LIMIT $3`,
      params,
      countSql: `SELECT count(*)::int AS n FROM registry_event WHERE $1::timestamptz IS NULL OR occurred_at >= $1`,
      countParams: [since],
    };
  }
  params.push(actor.organizationId);
  // The audience rule (event-audience.ts) split into two index range scans: an event is either
  // ALL-audience or has recipient rows.
  const allBranch = `SELECT ${EVENT_COLUMNS} FROM registry_event e
    WHERE ${addressedToAllSql('e')} AND ${window('e.occurred_at', 'e.position')}
    ORDER BY e.position DESC LIMIT $3`;
  return {
    sql: `SELECT * FROM (
        (${allBranch})
        UNION ALL
        (SELECT ${EVENT_COLUMNS} FROM registry_event_recipient r JOIN registry_event e ON e.id = r.event_id
          WHERE ${recipientRowSql('r', '$4')} AND ${window('r.occurred_at', 'r.position')}
          ORDER BY r.position DESC LIMIT $3)
      ) feed ORDER BY position::bigint DESC LIMIT $3`,
    params,
    countSql: `SELECT
        (SELECT count(*) FROM registry_event e WHERE ${addressedToAllSql('e')}
           AND ($1::timestamptz IS NULL OR e.occurred_at >= $1))
      + (SELECT count(*) FROM registry_event_recipient r WHERE ${recipientRowSql('r', '$2')}
           AND ($1::timestamptz IS NULL OR r.occurred_at >= $1)) AS n`,
    countParams: [since, actor.organizationId],
  };
}

function truncate(message: string): string {
  return message.length <= MESSAGE_MAX ? message : `${message.slice(0, MESSAGE_MAX - 1)}…`;
}
