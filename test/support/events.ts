import { OrganizationKind, Role, type Actor } from '../../src/common/actor.js';
import { UnitOfWork } from '../../src/common/database/unit-of-work.js';
import { type EventInput, EventsService } from '../../src/events/events.service.js';
import type { TestApp } from './test-app.js';
import type { TestOrg } from './factories.js';

/** Records events the way a feature module does: inside a write, with an audit entry. */
export async function recordEvents(t: TestApp, by: TestOrg, input: EventInput | EventInput[]): Promise<void> {
  const actor: Actor = {
    subject: 'test-recorder',
    organizationId: by.uuid,
    organizationKind: by.kind ?? OrganizationKind.AGENCY,
    roles: [Role.ADMIN],
  };
  const events = t.app.get(EventsService);
  await t.app.get(UnitOfWork).run(actor, async (tx) => {
    tx.audit('test.record', 'Test', 'events');
    await events.record(tx, input);
  });
}

export const EVENTS_QUERY = `query($since: DateTime, $first: Int, $after: String) {
  events(since: $since, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id type occurredAt message } }
  }
}`;

export interface EventsPage {
  events: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; type: string; occurredAt: string; message: string } }[];
  };
}
