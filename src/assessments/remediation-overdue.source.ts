import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RegistryEventType } from '../events/dto/registry-event-type.enum.js';
import type { EventInput } from '../events/events.service.js';
import { ScheduledSource, type ScheduledEventSource } from '../events/scheduler/scheduled-event-source.js';
import { day } from '../status/compute-status.js';
import { activeSubscriptionSql } from '../subscriptions/customer-sql.js';

/** At most this many remediations per run, so one run stays one short transaction. */
export const OVERDUE_BATCH = 500;

interface OverdueRow {
  id: string;
  code: string;
  due_date: Date;
  product_id: string;
  product_name: string;
  supplier_id: string;
  subscribers: string[];
}

/**
 * REMEDIATION_OVERDUE, once per remediation: an open remediation of a completed assessment whose
 * due date has passed is announced to the product's supplier and subscribers and marked
 * (remediation.overdue_notified_at) in the scheduler's transaction, so it is never announced twice.
 * The state change needs no job: the status applies the overdue rule on read.
 */
@Injectable()
@ScheduledSource()
export class RemediationOverdueSource implements ScheduledEventSource {
  readonly name = 'remediation-overdue';

  async collect(em: EntityManager, now: Date): Promise<EventInput[]> {
    const rows = await em.query<OverdueRow[]>(
      `SELECT m.id, r.code, m.due_date, p.id AS product_id, p.name AS product_name, p.supplier_id,
              array(SELECT s.subscriber_id FROM product_subscription s WHERE s.product_id = p.id AND ${activeSubscriptionSql('s')}) AS subscribers
         FROM remediation m
         JOIN finding f ON f.id = m.finding_id
         JOIN requirement r ON r.id = f.requirement_id
         JOIN assessment a ON a.id = f.assessment_id AND a.state = 'COMPLETED'
         JOIN product p ON p.id = m.product_id
        WHERE m.state = 'OPEN' AND m.overdue_notified_at IS NULL AND m.due_date < $1
        ORDER BY m.due_date, m.id
        LIMIT ${OVERDUE_BATCH}
        FOR UPDATE OF m SKIP LOCKED`,
      [now],
    );
    if (rows.length === 0) return [];
    await em.query('UPDATE remediation SET overdue_notified_at = $2 WHERE id = ANY($1::uuid[])', [
      rows.map((row) => row.id),
      now,
    ]);
    return rows.map((row) => ({
      type: RegistryEventType.REMEDIATION_OVERDUE,
      message: `${row.product_name}: remediation for ${row.code} overdue since ${day(row.due_date)}`,
      productId: row.product_id,
      audience: [row.supplier_id, ...row.subscribers],
    }));
  }
}
