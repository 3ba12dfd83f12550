import { Injectable } from '@nestjs/common';
import { humanDate } from '../common/time/human-time.js';
import type { EntityManager } from 'typeorm';
import { RegistryEventType } from '../events/dto/registry-event-type.enum.js';
import type { EventInput } from '../events/events.service.js';
import {
  ScheduledSource,
  type ScheduledEventSource,
  type ScheduledMarks,
} from '../events/scheduler/scheduled-event-source.js';
import { Confidentiality } from './dto/evidence.enum.js';
import { confirmedCustomerSql } from '../subscriptions/customer-sql.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Warnings before validUntil, in days; each is announced once per evidence. */
export const EXPIRY_WARNINGS = [30, 7] as const;
const BATCH = 500;

interface ExpiringRow {
  id: string;
  title: string;
  valid_until: Date;
  confidentiality: Confidentiality;
  product_id: string;
  product_name: string;
  supplier_id: string;
  subscribers: string[];
}

/**
 * EVIDENCE_EXPIRING (30 and 7 days before validUntil) and EVIDENCE_EXPIRED, each once per piece of
 * available evidence, marked in the scheduler's transaction. Subscribers hear of it only when the
 * evidence is theirs to see (PUBLIC or SUBSCRIBERS); AGENCY_ONLY evidence is announced to the
 * supplier (and the agency, which sees every event) alone, so its existence does not leak.
 */
@Injectable()
@ScheduledSource()
export class EvidenceExpirySource implements ScheduledEventSource {
  readonly name = 'evidence-expiry';

  async collect(em: EntityManager, now: Date, marks: ScheduledMarks): Promise<EventInput[]> {
    const horizon = new Date(now.getTime() + EXPIRY_WARNINGS[0] * DAY_MS);
    const rows = await em.query<ExpiringRow[]>(
      `SELECT e.id, e.title, e.valid_until, e.confidentiality, p.id AS product_id, p.name AS product_name,
              p.supplier_id,
              array(SELECT s.subscriber_id FROM product_subscription s WHERE s.product_id = p.id AND ${confirmedCustomerSql('s')}) AS subscribers
         FROM evidence e
         JOIN product p ON p.id = e.product_id
        WHERE e.status = 'AVAILABLE' AND e.valid_until IS NOT NULL AND e.valid_until <= $1
          AND e.valid_until > $2
        ORDER BY e.valid_until, e.id
        LIMIT ${BATCH}`,
      [horizon, new Date(now.getTime() - 365 * DAY_MS)],
    );
    const due = rows.flatMap((row) => this.dueAnnouncements(row, now));
    if (due.length === 0) return [];
    const fresh = await marks.claim(due.map((d) => d.key));
    return due.filter((d) => fresh.has(d.key)).map((d) => d.event);
  }

  private dueAnnouncements(row: ExpiringRow, now: Date): { key: string; event: EventInput }[] {
    const until = new Date(row.valid_until);
    const audience =
      row.confidentiality === Confidentiality.AGENCY_ONLY
        ? [row.supplier_id]
        : [row.supplier_id, ...row.subscribers];
    const base = { productId: row.product_id, audience };
    if (until.getTime() <= now.getTime()) {
      return [
        {
          key: `${row.id}:expired`,
          event: {
            ...base,
            type: RegistryEventType.EVIDENCE_EXPIRED,
            message: `${row.product_name}: evidence "${row.title}" expired ${humanDate(until, 'en')}`,
          },
        },
      ];
    }
    // Only the nearest warning: evidence found 5 days before expiry gets the 7-day one, not both.
    const daysLeft = (until.getTime() - now.getTime()) / DAY_MS;
    const warning = [...EXPIRY_WARNINGS].reverse().find((days) => daysLeft <= days);
    if (warning === undefined) return [];
    return [
      {
        key: `${row.id}:expiring-${warning}`,
        event: {
          ...base,
          type: RegistryEventType.EVIDENCE_EXPIRING,
          message: `${row.product_name}: evidence "${row.title}" expires ${humanDate(until, 'en')} (within ${warning} days)`,
        },
      },
    ];
  }
}
