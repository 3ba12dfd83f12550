import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BASELINE_TYPE, baselineId } from '../baselines/baseline.mapper.js';
import type { WriteContext } from '../common/database/unit-of-work.js';
import { toGlobalId } from '../common/graphql/global-id.js';
import type { EventInput } from '../events/events.service.js';
import {
  ScheduledSource,
  type ScheduledEventSource,
  type ScheduledMarks,
} from '../events/scheduler/scheduled-event-source.js';
import { PRODUCT_TYPE, productId } from '../products/product.mapper.js';
import { StatusService } from './status.service.js';

export const STATUS_EXPIRY_SOURCE = 'status-expiry';
/** At most this many transitions and pieces of evidence per run: one run stays one short transaction. */
export const STATUS_EXPIRY_BATCH = 200;
const LOOKBACK_MS = 365 * 24 * 60 * 60 * 1000;

interface Due {
  key: string;
  /** The instant the rule turned: the state before is computed just before it. */
  at: Date;
  audit: { action: string; type: string; id: string };
  products: string[];
}

/**
 * The moment a time rule of the status turns without a write, it is written through the one
 * write path: when a new baseline version's transition ends (assessments against earlier versions
 * stop counting) and when evidence cited by a current assessment passes its validUntil, the
 * products concerned are refreshed (StatusService.refresh) in the scheduler's system write
 * (UnitOfWork.runAsSystem), with an audit entry, and STATUS_CHANGED goes to their suppliers and subscribers. Readers see the state
 * on read anyway (computeStatus applies the time rules); this announces it once, marked in
 * scheduled_event_mark under this source's name.
 */
@Injectable()
@ScheduledSource()
export class StatusExpirySource implements ScheduledEventSource {
  readonly name = STATUS_EXPIRY_SOURCE;

  constructor(private readonly status: StatusService) {}

  async collect(
    em: EntityManager,
    now: Date,
    marks: ScheduledMarks,
    tx: WriteContext,
  ): Promise<EventInput[]> {
    const due = [...(await this.transitionsDue(em, now)), ...(await this.evidenceDue(em, now))];
    if (due.length === 0) return [];
    const fresh = await marks.claim(due.map((d) => d.key));
    const stateBefore = new Map<string, Date>();
    for (const d of due.filter((x) => fresh.has(x.key))) {
      tx.audit(d.audit.action, d.audit.type, d.audit.id);
      const before = new Date(d.at.getTime() - 1);
      for (const uuid of d.products) {
        const earlier = stateBefore.get(uuid);
        if (!earlier || before < earlier) stateBefore.set(uuid, before);
      }
    }
    if (stateBefore.size === 0) return [];
    const uuids = [...stateBefore.keys()];
    // STATUS_CHANGED is recorded by the refresh itself, in the pass's transaction.
    await this.status.refresh(tx, uuids, { stateBefore });
    for (const uuid of uuids) tx.audit('product.status.refreshed', PRODUCT_TYPE, productId(uuid));
    return [];
  }

  /** Ended transitions not announced yet, with the products still judged on an earlier version. */
  private async transitionsDue(em: EntityManager, now: Date): Promise<Due[]> {
    const rows = await em.query<{ id: string; transition_ends_at: Date; products: string[] }[]>(
      `SELECT b.id, b.transition_ends_at,
              array(SELECT DISTINCT s.product_id FROM product_baseline_status s
                      JOIN baseline xb ON xb.id = s.baseline_id
                      JOIN product_status ps ON ps.product_id = s.product_id AND ps.series_key = b.key
                     WHERE xb.key = b.key AND xb.published_at < b.published_at
                       AND s.completed_assessment_id IS NOT NULL) AS products
         FROM baseline b
        WHERE b.status <> 'DRAFT' AND b.transition_ends_at < $1 AND b.transition_ends_at > $2
          AND NOT EXISTS (SELECT 1 FROM scheduled_event_mark m
                           WHERE m.source = $3 AND m.key = 'transition:' || b.id::text)
        ORDER BY b.transition_ends_at, b.id
        LIMIT ${STATUS_EXPIRY_BATCH}`,
      [now, new Date(now.getTime() - LOOKBACK_MS), this.name],
    );
    return rows.map((row) => ({
      key: `transition:${row.id}`,
      at: new Date(row.transition_ends_at),
      audit: { action: 'baseline.transition.ended', type: BASELINE_TYPE, id: baselineId(row.id) },
      products: row.products,
    }));
  }

  /** Evidence cited by a current (completed) assessment that passed its validUntil, not announced yet. */
  private async evidenceDue(em: EntityManager, now: Date): Promise<Due[]> {
    const rows = await em.query<
      { evidence_id: string; assessment_id: string; valid_until: Date; product_id: string }[]
    >(
      `SELECT DISTINCT e.id AS evidence_id, s.completed_assessment_id AS assessment_id, e.valid_until, s.product_id
         FROM evidence e
         JOIN finding_evidence fe ON fe.evidence_id = e.id
         JOIN finding f ON f.id = fe.finding_id
         JOIN product_baseline_status s ON s.product_id = e.product_id AND s.completed_assessment_id = f.assessment_id
        WHERE e.valid_until < $1 AND e.valid_until > $2
          AND NOT EXISTS (SELECT 1 FROM scheduled_event_mark m
                           WHERE m.source = $3 AND m.key = 'evidence:' || e.id::text || ':' || f.assessment_id::text)
        ORDER BY e.valid_until, e.id
        LIMIT ${STATUS_EXPIRY_BATCH}`,
      [now, new Date(now.getTime() - LOOKBACK_MS), this.name],
    );
    return rows.map((row) => ({
      key: `evidence:${row.evidence_id}:${row.assessment_id}`,
      at: new Date(row.valid_until),
      audit: {
        action: 'evidence.validity.ended',
        type: 'Evidence',
        id: toGlobalId('Evidence', row.evidence_id),
      },
      products: [row.product_id],
    }));
  }
}
