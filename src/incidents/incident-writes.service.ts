import { Injectable } from '@nestjs/common';
import { type Actor, isAgency } from '../common/actor.js';
import { UnitOfWork, type WriteContext } from '../common/database/unit-of-work.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { Clock } from '../events/clock.js';
import { RegistryEventType } from '../events/dto/registry-event-type.enum.js';
import { EventsService } from '../events/events.service.js';
import { PRODUCT_TYPE } from '../products/product.mapper.js';
import { StatusService } from '../status/status.service.js';
import { IncidentState } from './dto/incident.enum.js';
import type { ReportIncidentInput, UpdateIncidentInput } from './dto/incident.input.js';
import type { Incident } from './dto/incident.model.js';
import { ExposureService } from './exposure.service.js';
import { incidentEvents } from './incident-messages.js';
import { IncidentEntity } from './incident.entity.js';
import { INCIDENT_TYPE, incidentId, toIncident } from './incident.mapper.js';
import { checkDescription, checkReport, checkSummary, uniqueCategories } from './incident.rules.js';
import { humanDateTime } from '../common/time/human-time.js';

/**
 * Reporting, updating and resolving incidents. Each write tells every exposed organisation in the
 * same transaction: one event per organisation (audience: that organisation only), recorded with
 * set-based inserts, so the fan-out costs the same handful of statements for 3 or 300 recipients.
 */
@Injectable()
export class IncidentWritesService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly events: EventsService,
    private readonly exposure: ExposureService,
    private readonly status: StatusService,
  ) {}

  async report(actor: Actor, input: ReportIncidentInput): Promise<Incident> {
    const now = this.clock.now();
    const text = checkReport(input, now);
    const categories = uniqueCategories(input.dataCategories);
    const decoded = input.productIds.map((id) => fromGlobalId(id, PRODUCT_TYPE));
    // Another supplier's product and an id that is no product look the same: not found.
    if (decoded.some((uuid) => uuid === null)) throw new NotFoundError('Product');
    const productUuids = [...new Set(decoded as string[])];
    return this.unitOfWork.run(actor, async (tx) => {
      const owned = await tx.em.query<{ id: string }[]>(
        'SELECT id FROM product WHERE id = ANY($1::uuid[]) AND supplier_id = $2',
        [productUuids, actor.organizationId],
      );
      if (owned.length !== productUuids.length) throw new NotFoundError('Product');
      const repository = tx.em.getRepository(IncidentEntity);
      const saved = await repository.save(
        repository.create({
          supplierId: actor.organizationId,
          title: text.title,
          description: text.description,
          severity: input.severity,
          state: IncidentState.OPEN,
          detectedAt: input.detectedAt,
          reportedAt: now,
          resolvedAt: null,
          resolutionSummary: null,
          dataCategories: categories,
        }),
      );
      await tx.em.query(
        'INSERT INTO incident_product (incident_id, product_id) SELECT $1, unnest($2::uuid[])',
        [saved.id, productUuids],
      );
      const incident = toIncident(saved);
      await this.notifyExposed(tx, incident, productUuids, RegistryEventType.INCIDENT_REPORTED, null);
      await this.openIncidentsChanged(tx, productUuids);
      tx.audit('incident.reported', INCIDENT_TYPE, incident.id);
      return incident;
    });
  }

  /** Supplier: new severity, categories or description of an open incident (INCIDENT_UPDATED). */
  async update(actor: Actor, id: string, input: UpdateIncidentInput): Promise<Incident> {
    const description =
      input.description != null ? checkDescription(input.description, 'input.description') : undefined;
    const categories = input.dataCategories ? uniqueCategories(input.dataCategories) : undefined;
    if (!input.severity && !categories && description === undefined) {
      throw BadUserInputError.field('input', 'give at least one of severity, dataCategories, description');
    }
    return this.unitOfWork.run(actor, async (tx) => {
      const entity = await this.lockOpen(tx, actor, id, false);
      const changes: string[] = [];
      if (input.severity && input.severity !== entity.severity) {
        changes.push(`severity ${entity.severity} -> ${input.severity}`);
        entity.severity = input.severity;
      }
      if (categories && categories.join() !== entity.dataCategories.join()) {
        changes.push(`data categories: ${categories.length ? categories.join(', ') : 'not known'}`);
        entity.dataCategories = categories;
      }
      if (description !== undefined && description !== entity.description) {
        changes.push('description updated');
        entity.description = description;
      }
      // Nothing new: no event to send, but the write path wants its audit entry.
      if (changes.length === 0) {
        tx.audit('incident.update_unchanged', INCIDENT_TYPE, incidentId(entity.id));
        return toIncident(entity);
      }
      const saved = await tx.em.getRepository(IncidentEntity).save(entity);
      const incident = toIncident(saved);
      await this.notifyExposed(
        tx,
        incident,
        await this.productsOf(tx, saved.id),
        RegistryEventType.INCIDENT_UPDATED,
        changes.join('; '),
      );
      tx.audit('incident.updated', INCIDENT_TYPE, incident.id);
      return incident;
    });
  }

  /** The reporting supplier or the agency closes an incident (INCIDENT_UPDATED, "resolved"). */
  async resolve(actor: Actor, id: string, summary: string): Promise<Incident> {
    const clean = checkSummary(summary, 'summary');
    return this.unitOfWork.run(actor, async (tx) => {
      const entity = await this.lockOpen(tx, actor, id, true);
      entity.state = IncidentState.RESOLVED;
      entity.resolvedAt = this.clock.now();
      entity.resolutionSummary = clean;
      const saved = await tx.em.getRepository(IncidentEntity).save(entity);
      const incident = toIncident(saved);
      const productUuids = await this.productsOf(tx, saved.id);
      await this.notifyExposed(
        tx,
        incident,
        productUuids,
        RegistryEventType.INCIDENT_UPDATED,
        `resolved: ${clean}`,
      );
      await this.openIncidentsChanged(tx, productUuids);
      tx.audit('incident.resolved', INCIDENT_TYPE, incident.id);
      return incident;
    });
  }

  /**
   * The incident, locked for the change; NOT_FOUND unless the caller's organisation reported it
   * (or, where allowed, is the agency); CONFLICT once resolved.
   */
  private async lockOpen(
    tx: WriteContext,
    actor: Actor,
    id: string,
    agencyMay: boolean,
  ): Promise<IncidentEntity> {
    const uuid = fromGlobalId(id, INCIDENT_TYPE);
    if (!uuid) throw new NotFoundError('Incident');
    const entity = await tx.em
      .getRepository(IncidentEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :uuid', { uuid })
      .getOne();
    const allowed = entity && (entity.supplierId === actor.organizationId || (agencyMay && isAgency(actor)));
    if (!entity || !allowed) throw new NotFoundError('Incident');
    if (entity.state !== IncidentState.OPEN) {
      throw new ConflictError(
        `Incident ${incidentId(uuid)} was resolved on ${entity.resolvedAt ? humanDateTime(entity.resolvedAt, 'en') : 'an unknown date'}`,
      );
    }
    return entity;
  }

  private async productsOf(tx: WriteContext, incidentUuid: string): Promise<string[]> {
    const rows = await tx.em.query<{ product_id: string }[]>(
      'SELECT product_id FROM incident_product WHERE incident_id = $1',
      [incidentUuid],
    );
    return rows.map((row) => row.product_id);
  }

  /** One event per exposed organisation, addressed to it alone. */
  private async notifyExposed(
    tx: WriteContext,
    incident: Incident,
    affectedUuids: readonly string[],
    type: RegistryEventType,
    change: string | null,
  ): Promise<void> {
    const exposed = await this.exposure.exposedOrganizations(tx.em, incident.uuid);
    if (exposed.length === 0) return;
    const names = await tx.em.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM product WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id, name FROM organization WHERE id = $2`,
      [[...affectedUuids, ...exposed.flatMap((org) => org.productUuids)], incident.supplierUuid],
    );
    const nameOf = new Map(names.map((row) => [row.id, row.name]));
    await this.events.record(tx, incidentEvents(incident, affectedUuids, exposed, type, change, nameOf));
  }

  /** The affected products' shared status (status.openIncidents) follows inside the transaction. */
  private async openIncidentsChanged(tx: WriteContext, productUuids: readonly string[]): Promise<void> {
    await this.status.refresh(tx, productUuids);
  }
}
