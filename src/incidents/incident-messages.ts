import type { EventInput } from '../events/events.service.js';
import { RegistryEventType } from '../events/dto/registry-event-type.enum.js';
import { incidentDeadlines } from './deadline-rule.js';
import type { Incident } from './dto/incident.model.js';
import type { ExposedOrganization } from './exposure.service.js';
import { humanDateTime } from '../common/time/human-time.js';

const MAX_NAMES = 5;

function list(uuids: readonly string[], nameOf: ReadonlyMap<string, string>): string {
  const names = uuids.map((uuid) => `"${nameOf.get(uuid) ?? 'unknown product'}"`);
  return names.length <= MAX_NAMES
    ? names.join(', ')
    : `${names.slice(0, MAX_NAMES).join(', ')} and ${names.length - MAX_NAMES} more`;
}

/**
 * The events of one incident write: one per exposed organisation, naming the product through which
 * it is exposed (the event's product) and, for a new incident, its first deadline.
 */
export function incidentEvents(
  incident: Incident,
  affectedUuids: readonly string[],
  exposed: readonly ExposedOrganization[],
  type: RegistryEventType,
  change: string | null,
  nameOf: ReadonlyMap<string, string>,
): EventInput[] {
  const supplier = nameOf.get(incident.supplierUuid) ?? 'A supplier';
  const affected = list(affectedUuids, nameOf);
  return exposed.map((org) => {
    const through = list(org.productUuids, nameOf);
    let message: string;
    if (type === RegistryEventType.INCIDENT_REPORTED) {
      const [earlyWarning] = incidentDeadlines(incident.reportedAt, org.personalDataAtStake);
      message =
        `${supplier} reported a ${incident.severity} incident "${incident.title}" affecting ${affected}. ` +
        `You are exposed through ${through}. Early warning due ${humanDateTime(earlyWarning.dueAt, 'en')}.`;
    } else {
      message = `Incident "${incident.title}" (${supplier}, exposed through ${through}): ${change ?? 'updated'}.`;
    }
    return {
      type,
      message,
      productId: org.productUuids[0],
      incidentId: incident.uuid,
      audience: [org.organizationUuid],
    };
  });
}
