import { toGlobalId } from '../common/graphql/global-id.js';
import { Incident } from './dto/incident.model.js';
import type { IncidentEntity } from './incident.entity.js';

export const INCIDENT_TYPE = 'Incident';

export function incidentId(uuid: string): string {
  return toGlobalId(INCIDENT_TYPE, uuid);
}

export function toIncident(entity: IncidentEntity): Incident {
  const model = new Incident();
  model.id = incidentId(entity.id);
  model.uuid = entity.id;
  model.supplierUuid = entity.supplierId;
  model.title = entity.title;
  model.description = entity.description;
  model.severity = entity.severity;
  model.state = entity.state;
  model.detectedAt = entity.detectedAt;
  model.reportedAt = entity.reportedAt;
  model.resolvedAt = entity.resolvedAt;
  model.resolutionSummary = entity.resolutionSummary;
  model.dataCategories = entity.dataCategories;
  return model;
}
