import { toGlobalId } from '../common/graphql/global-id.js';
import type { RegistryEventType } from './dto/registry-event-type.enum.js';
import { RegistryEvent } from './dto/registry-event.model.js';

export const REGISTRY_EVENT_TYPE_NAME = 'RegistryEvent';

/** A flat event row as the feed query and the live channel carry it. */
export interface RegistryEventRow {
  readonly id: string;
  readonly type: RegistryEventType;
  readonly occurredAt: Date;
  readonly message: string;
  readonly productId: string | null;
  readonly baselineId: string | null;
  readonly incidentId: string | null;
}

export function toRegistryEvent(row: RegistryEventRow): RegistryEvent {
  const model = new RegistryEvent();
  model.id = toGlobalId(REGISTRY_EVENT_TYPE_NAME, row.id);
  model.uuid = row.id;
  model.type = row.type;
  model.occurredAt = row.occurredAt;
  model.message = row.message;
  model.productUuid = row.productId;
  model.baselineUuid = row.baselineId;
  model.incidentUuid = row.incidentId;
  return model;
}
