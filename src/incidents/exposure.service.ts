import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, isAgency, isCustomer } from '../common/actor.js';
import { ForbiddenError, NotFoundError } from '../common/errors/domain-error.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { type DataCategory, isPersonalData } from '../products/dto/data-category.enum.js';
import { PRODUCT_TYPE } from '../products/product.mapper.js';
import { ProductsService } from '../products/products.service.js';
import { incidentDeadlines } from './deadline-rule.js';
import { Exposure, type Incident, IncidentDeadline } from './dto/incident.model.js';
import { type ExposureRow, INCIDENT_EXPOSURE_SQL, PRODUCT_EXPOSURE_SQL } from './exposure.sql.js';

/** An organisation's share of an incident's exposure: what its events and deadlines are built from. */
export interface ExposedOrganization {
  readonly organizationUuid: string;
  /** Subscribed products, in exposure order, without repeats. */
  readonly productUuids: string[];
  readonly personalDataAtStake: boolean;
}

/**
 * Exposure and deadlines. Visibility: the agency sees every row of an incident; the reporting
 * supplier the rows of its own confirmed customers (never the customers of other suppliers whose
 * products rely on its products); any other caller only its own rows (the query is filtered, so
 * nothing else is read). Whether the caller may see the incident at all is IncidentsService's check.
 */
@Injectable()
export class ExposureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly products: ProductsService,
  ) {}

  async incidentRows(
    em: EntityManager,
    incidentUuids: readonly string[],
    onlySubscriber: string | null,
    onlySupplier: string | null = null,
  ): Promise<ExposureRow[]> {
    return em.query<ExposureRow[]>(INCIDENT_EXPOSURE_SQL, [incidentUuids, onlySubscriber, onlySupplier]);
  }

  /** Every exposed organisation of one incident, grouped from its rows (for events). */
  async exposedOrganizations(em: EntityManager, incidentUuid: string): Promise<ExposedOrganization[]> {
    return groupByOrganization(await this.incidentRows(em, [incidentUuid], null));
  }

  /**
   * exposure(productId): who would be exposed if the product were breached. The agency sees
   * everyone; the product's supplier its own confirmed customers (through its own products, never
   * the customers of other suppliers whose products rely on this one); a customer (municipality,
   * region, public body) its own rows, so it can ask "does this reach me?"; other suppliers and
   * assessors are FORBIDDEN (the product itself is public, so NOT_FOUND would be untrue).
   */
  async whatIf(actor: Actor, productId: string): Promise<Exposure[]> {
    const uuid = fromGlobalId(productId, PRODUCT_TYPE);
    const product = uuid ? await this.products.findVisible(actor, uuid) : null;
    if (!product) throw new NotFoundError('Product');
    let onlySubscriber: string | null = null;
    const onlySupplier = isAgency(actor) ? null : actor.organizationId;
    if (!isAgency(actor) && actor.organizationId !== product.supplierUuid) {
      if (!isCustomer(actor)) {
        throw new ForbiddenError(
          "Only the agency, the product's supplier and its customers may see exposure",
        );
      }
      onlySubscriber = actor.organizationId;
    }
    const rows = await this.dataSource.query<ExposureRow[]>(PRODUCT_EXPOSURE_SQL, [
      product.uuid,
      onlySubscriber,
      onlySubscriber ? null : onlySupplier,
    ]);
    return rows.map(toExposure);
  }

  /**
   * The exposure rows the caller may see of each incident of a request, in at most two queries:
   * the agency every row; the reporting supplier the rows of its own confirmed customers; an
   * exposed organisation its own rows.
   */
  rowsLoader(actor: Actor): DataLoader<Incident, ExposureRow[], string> {
    return new DataLoader(
      async (incidents: readonly Incident[]) => {
        const seesCustomers = (i: Incident) => isAgency(actor) || i.supplierUuid === actor.organizationId;
        const all = incidents.filter(seesCustomers).map((i) => i.uuid);
        const own = incidents.filter((i) => !seesCustomers(i)).map((i) => i.uuid);
        const supplier = isAgency(actor) ? null : actor.organizationId;
        const [allRows, ownRows] = await Promise.all([
          all.length ? this.incidentRows(this.dataSource.manager, all, null, supplier) : [],
          own.length ? this.incidentRows(this.dataSource.manager, own, actor.organizationId) : [],
        ]);
        const byIncident = new Map<string, ExposureRow[]>();
        for (const row of [...allRows, ...ownRows]) {
          const key = row.incident_id as string;
          const list = byIncident.get(key);
          if (list) list.push(row);
          else byIncident.set(key, [row]);
        }
        return incidents.map((i) => byIncident.get(i.uuid) ?? []);
      },
      { cacheKeyFn: (incident) => incident.uuid },
    );
  }

  /**
   * Incident.deadlines: the caller's own (it has some only if exposed), every exposed
   * organisation's for the agency.
   */
  deadlines(actor: Actor, incident: Incident, rows: readonly ExposureRow[]): IncidentDeadline[] {
    const mine = isAgency(actor) ? rows : rows.filter((row) => row.subscriber_id === actor.organizationId);
    return groupByOrganization(mine).flatMap((org) =>
      incidentDeadlines(incident.reportedAt, org.personalDataAtStake).map((deadline) => {
        const model = new IncidentDeadline();
        model.kind = deadline.kind;
        model.dueAt = deadline.dueAt;
        model.organizationUuid = org.organizationUuid;
        return model;
      }),
    );
  }
}

export function toExposure(row: ExposureRow): Exposure {
  const model = new Exposure();
  model.organizationUuid = row.subscriber_id;
  model.productUuid = row.product_id;
  model.pathUuids = row.path;
  model.dataCategories = row.data_categories as DataCategory[];
  return model;
}

/** One entry per organisation, in the rows' order. */
export function groupByOrganization(rows: readonly ExposureRow[]): ExposedOrganization[] {
  const byOrg = new Map<string, { productUuids: string[]; personalDataAtStake: boolean }>();
  for (const row of rows) {
    let entry = byOrg.get(row.subscriber_id);
    if (!entry) {
      entry = { productUuids: [], personalDataAtStake: false };
      byOrg.set(row.subscriber_id, entry);
    }
    if (!entry.productUuids.includes(row.product_id)) entry.productUuids.push(row.product_id);
    if ((row.data_categories as DataCategory[]).some(isPersonalData)) entry.personalDataAtStake = true;
  }
  return [...byOrg].map(([organizationUuid, entry]) => ({ organizationUuid, ...entry }));
}
