import { type Actor, isAgency } from '../common/actor.js';

/**
 * Who receives an event, decided here and nowhere else. The agency receives every event; others
 * an event whose audience is 'ALL' or that names their organisation. The audience is materialised
 * once, when the event is written: `registry_event.audience_all`, or one `registry_event_recipient`
 * row per organisation (the same list travels with the live message). The feed, `node(id)`, the
 * live subscription and the webhook outbox all read that materialisation through the functions
 * below.
 */
export interface MaterialisedAudience {
  readonly audienceAll: boolean;
  /** Organisation uuids, without repeats; empty when `audienceAll`. */
  readonly recipients: readonly string[];
}

/** An event's declared audience as it is stored. */
export function materialiseAudience(audience: 'ALL' | readonly string[]): MaterialisedAudience {
  return audience === 'ALL'
    ? { audienceAll: true, recipients: [] }
    : { audienceAll: false, recipients: [...new Set(audience)] };
}

/** The rule in memory, for a live message (which carries its materialised audience). */
export function receives(actor: Actor, event: MaterialisedAudience): boolean {
  return isAgency(actor) || event.audienceAll || event.recipients.includes(actor.organizationId);
}

/** SQL: the event `e` is addressed to everyone. */
export function addressedToAllSql(e: string): string {
  return `${e}.audience_all`;
}

/** SQL: `r`, a registry_event_recipient row, addresses its event to `organization` (an SQL expression). */
export function recipientRowSql(r: string, organization: string): string {
  return `${r}.organization_id = ${organization}`;
}

/**
 * SQL: `organization` receives the event `e`; `agency` is an SQL boolean saying it is the agency.
 * The feed splits the same rule into its two index ranges (addressedToAllSql, recipientRowSql).
 */
export function receivesSql(e: string, organization: string, agency: string): string {
  return `(${agency} OR ${addressedToAllSql(e)} OR EXISTS (
    SELECT 1 FROM registry_event_recipient r WHERE r.event_id = ${e}.id AND ${recipientRowSql('r', organization)}))`;
}
