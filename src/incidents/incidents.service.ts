import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, type EntityManager, Repository, type SelectQueryBuilder } from 'typeorm';
import { type Actor, isAgency, isCustomer } from '../common/actor.js';
import { keysetConnection } from '../common/database/keyset.js';
import { dateOf, type JsonRow, sqlSection, type SqlSection } from '../common/database/sql-sections.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import type { ConnectionShape } from '../common/graphql/connection.js';
import { BY_TIME, pageRequest } from '../common/graphql/cursor.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { NodeType } from '../common/graphql/node-type.js';
import type { Product } from '../products/dto/product.model.js';
import { productColumns, productFromRow } from '../products/product.mapper.js';
import type { IncidentState } from './dto/incident.enum.js';
import type { Incident } from './dto/incident.model.js';
import type { IncidentsArgs } from './dto/incidents.args.js';
import { EXPOSED_INCIDENTS_CONDITION } from './exposure.sql.js';
import { IncidentEntity } from './incident.entity.js';
import { INCIDENT_TYPE, toIncident } from './incident.mapper.js';

/** Columns of `incident`, and whether each is a timestamp (JSON gives those as strings). */
const INCIDENT_COLUMNS: readonly [string, keyof IncidentEntity, boolean][] = [
  ['id', 'id', false],
  ['supplier_id', 'supplierId', false],
  ['title', 'title', false],
  ['description', 'description', false],
  ['severity', 'severity', false],
  ['state', 'state', false],
  ['detected_at', 'detectedAt', true],
  ['reported_at', 'reportedAt', true],
  ['resolved_at', 'resolvedAt', true],
  ['resolution_summary', 'resolutionSummary', false],
  ['data_categories', 'dataCategories', false],
];

function incidentFromJson(row: JsonRow): Incident {
  const entity: Record<string, unknown> = {};
  for (const [column, field, isTime] of INCIDENT_COLUMNS) {
    entity[field] = isTime ? dateOf(row[column]) : row[column];
  }
  return toIncident(entity as unknown as IncidentEntity);
}

/**
 * Reading incidents. Who sees an incident: the agency, the reporting supplier, and every
 * organisation exposed by it (computed, so it follows the subscriptions and sub-processor graph as
 * they are now). Anyone else is told NOT_FOUND.
 */
@Injectable()
export class IncidentsService {
  constructor(
    @InjectRepository(IncidentEntity) private readonly repository: Repository<IncidentEntity>,
    private readonly dataSource: DataSource,
  ) {}

  /** Newest first. */
  async list(actor: Actor, args: IncidentsArgs): Promise<ConnectionShape<Incident>> {
    const qb = this.visible(actor);
    if (args.state) qb.andWhere('i.state = :state', { state: args.state });
    return keysetConnection(
      qb,
      [
        { column: 'i.reported_at', value: (i) => i.reportedAt.toISOString() },
        { column: 'i.id', value: (i) => i.id },
      ],
      'DESC',
      pageRequest(args, BY_TIME),
      toIncident,
    );
  }

  /**
   * The newest `first` incidents the caller may see (optionally in one state), as a section of a
   * page's one statement (readSections); the same visibility rule as list().
   */
  listSection(actor: Actor, options: { state?: IncidentState; first: number }): SqlSection<Incident[]> {
    const qb = this.visible(actor).select('i.id', 'id');
    for (const [column] of INCIDENT_COLUMNS.slice(1)) qb.addSelect(`i.${column}`, column);
    qb.orderBy('i.reported_at', 'DESC').addOrderBy('i.id', 'DESC').limit(options.first);
    if (options.state) qb.andWhere('i.state = :state', { state: options.state });
    const [sql, params] = qb.getQueryAndParameters();
    return sqlSection(sql, params, (rows) => rows.map(incidentFromJson));
  }

  async get(actor: Actor, id: string): Promise<Incident> {
    const uuid = fromGlobalId(id, INCIDENT_TYPE);
    const found = uuid ? await this.findVisible(actor, uuid) : null;
    if (!found) throw new NotFoundError('Incident');
    return found;
  }

  @NodeType(INCIDENT_TYPE)
  async findVisible(actor: Actor, uuid: string): Promise<Incident | null> {
    const entity = await this.visible(actor).andWhere('i.id = :uuid', { uuid }).getOne();
    return entity ? toIncident(entity) : null;
  }

  /** RegistryEvent.incident: the incidents of a page of events, null where the caller may not see one. */
  visibleLoader(actor: Actor): DataLoader<string, Incident | null> {
    return new DataLoader(async (uuids: readonly string[]) => {
      const rows = await this.visible(actor).andWhere('i.id IN (:...uuids)', { uuids }).getMany();
      const byId = new Map(rows.map((row) => [row.id, toIncident(row)]));
      return uuids.map((uuid) => byId.get(uuid) ?? null);
    });
  }

  /** Incident.products: the affected products of each incident of a request, by name. */
  productsLoader(_actor: Actor): DataLoader<string, Product[]> {
    return new DataLoader(async (uuids: readonly string[]) => {
      const rows = await this.dataSource.query<Record<string, unknown>[]>(
        `SELECT ip.incident_id, ${productColumns('p')}
           FROM incident_product ip JOIN product p ON p.id = ip.product_id
          WHERE ip.incident_id = ANY($1::uuid[])
          ORDER BY p.search_name, p.id`,
        [uuids],
      );
      const byIncident = new Map<string, Product[]>();
      for (const row of rows) {
        const key = row.incident_id as string;
        byIncident.set(key, [...(byIncident.get(key) ?? []), productFromRow(row)]);
      }
      return uuids.map((uuid) => byIncident.get(uuid) ?? []);
    });
  }

  /** Open incidents per affected product (the status read model's count); absent means none. */
  async openIncidentCounts(em: EntityManager, productUuids: readonly string[]): Promise<Map<string, number>> {
    const rows = await em.query<{ product_id: string; n: number }[]>(
      `SELECT ip.product_id, count(*)::int AS n
         FROM incident_product ip JOIN incident i ON i.id = ip.incident_id
        WHERE ip.product_id = ANY($1::uuid[]) AND i.state = 'OPEN'
        GROUP BY ip.product_id`,
      [productUuids],
    );
    return new Map(rows.map((row) => [row.product_id, row.n]));
  }

  /** Open incident uuids per affected product (the status names them up the chain); absent means none. */
  async openIncidentIds(em: EntityManager, productUuids: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await em.query<{ product_id: string; ids: string[] }[]>(
      `SELECT ip.product_id, array_agg(i.id ORDER BY i.reported_at, i.id) AS ids
         FROM incident_product ip JOIN incident i ON i.id = ip.incident_id
        WHERE ip.product_id = ANY($1::uuid[]) AND i.state = 'OPEN'
        GROUP BY ip.product_id`,
      [productUuids],
    );
    return new Map(rows.map((row) => [row.product_id, row.ids]));
  }

  /** Of these incidents, the open ones the caller may see (the status's chain), by the one rule below. */
  async visibleOpen(
    actor: Actor,
    uuids: readonly string[],
  ): Promise<Map<string, { title: string; reportedAt: Date }>> {
    if (uuids.length === 0) return new Map();
    const rows = await this.visible(actor)
      .select(['i.id', 'i.title', 'i.reportedAt'])
      .andWhere('i.id IN (:...uuids)', { uuids })
      .andWhere("i.state = 'OPEN'")
      .getMany();
    return new Map(rows.map((row) => [row.id, { title: row.title, reportedAt: row.reportedAt }]));
  }

  /** The caller's incidents as a query on `incident i`: the one visibility rule. */
  private visible(actor: Actor): SelectQueryBuilder<IncidentEntity> {
    const qb = this.repository.createQueryBuilder('i');
    if (isAgency(actor)) return qb;
    if (isCustomer(actor))
      return qb.andWhere(EXPOSED_INCIDENTS_CONDITION, { exposedOrg: actor.organizationId });
    return qb.andWhere('i.supplier_id = :me', { me: actor.organizationId });
  }
}
