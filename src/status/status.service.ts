import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { preparedQuery, preparedWrite } from '../common/database/prepared-query.js';
import type { SqlRow } from '../common/database/sql-columns.js';
import { UnitOfWork, type WriteContext } from '../common/database/unit-of-work.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { Clock } from '../events/clock.js';
import { RegistryEventType } from '../events/dto/registry-event-type.enum.js';
import { type EventInput, EventsService } from '../events/events.service.js';
import { ComplianceState } from '../products/dto/compliance-state.enum.js';
import type { Product } from '../products/dto/product.model.js';
import { ProductEntity } from '../products/product.entity.js';
import { PRODUCT_TYPE, productId, toProduct } from '../products/product.mapper.js';
import { ProductsService } from '../products/products.service.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { computeState, expiryReasons } from './compute-status.js';
import { API_REASON_LANGUAGE, reasonTexts } from './status-reason.js';
import type { ProductStatus } from './dto/product-status.model.js';
import { REFRESH_BASELINE_ROWS, REFRESH_PRODUCT_ROWS, refreshReturningBefore } from './status-refresh.sql.js';
import { productStatusFromRow } from './status-from-row.js';
import { statusFacts } from './status-sql.js';
import { productStatusRow, type ProductStatusRow, productStatusRowsSql } from './status-rows.js';
import { productsDueForChainSweep, propagateChain } from './status-chain.js';

/** The refresh's fixed statements, built once (prepared on each connection: see preparedWrite). */
const REFRESH_WITH_BEFORE = refreshReturningBefore(productStatusRowsSql(false, true));
const DELETE_BASELINE_ROWS = 'DELETE FROM product_baseline_status WHERE product_id = ANY($1::uuid[])';
const LOCK_PRODUCTS = 'SELECT id FROM product WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE';
const ROWS_SQL = { plain: productStatusRowsSql(false), withAudience: productStatusRowsSql(true) };

/** An open incident as ProductStatus names it. */
export interface VisibleIncident {
  readonly title: string;
  readonly reportedAt: Date;
}

export const SUSPENSION_REASON_MAX = 1000;

export interface RefreshOptions {
  /**
   * For a time rule that turned without a write (a transition or a piece of evidence ending): the
   * instant just before it, per product, at which the state readers saw before is computed, so
   * the refresh that follows records the STATUS_CHANGED the rule caused.
   */
  readonly stateBefore?: ReadonlyMap<string, Date>;
  /** The caller already holds the products' locks (FOR NO KEY UPDATE, taken before its reads). */
  readonly locked?: boolean;
  /**
   * The write left the products' incidents alone (an assessment step): their stored counts and
   * chain incidents stand, and the whole refresh is one statement.
   */
  readonly incidentsUnchanged?: boolean;
}

/**
 * The shared status: its read model (product_status, product_baseline_status), kept in the
 * transaction of every change that affects it through `refresh`, and read in O(1) per product with
 * the time rules applied on read by computeStatus. A write that changes a product's computed state
 * records STATUS_CHANGED for its supplier and subscribers.
 */
@Injectable()
export class StatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
    private readonly events: EventsService,
    private readonly products: ProductsService,
    private readonly incidents: IncidentsService,
  ) {}

  /**
   * Recomputes the read model of these products from the source tables, inside the caller's
   * transaction, and records STATUS_CHANGED for each whose state (at the Clock's now) changed.
   * Locks the products' rows first (FOR NO KEY UPDATE, in id order), so concurrent writes to one
   * product's status serialise instead of overwriting each other. Then propagates the new own
   * states and open incidents up the reverse sub-processor graph (product_chain_status, one
   * statement) and records STATUS_CHANGED, naming the upstream cause, for every product relying
   * on them whose effective state changed. Every write that changes an own state calls this.
   */
  async refresh(
    tx: WriteContext,
    productUuids: readonly string[],
    options: RefreshOptions = {},
  ): Promise<void> {
    await this.events.record(tx, await this.refreshAround(tx, productUuids, null, options));
  }

  /**
   * For the scheduler: refreshes the products whose own state changed with time alone (expiry,
   * overdue remediations, any time rule statusStateSql holds) or whose chain was never computed,
   * and answers the events to record (the scheduler records them in its transaction).
   */
  async sweepChains(tx: WriteContext, now: Date): Promise<EventInput[]> {
    const due = await productsDueForChainSweep(tx.em, now);
    if (due.length === 0) return [];
    return this.refreshAround(tx, due, null);
  }

  /** ProductStatus's open incidents the caller may see, for a whole request in one statement. */
  visibleIncidentLoader(actor: Actor): DataLoader<string, VisibleIncident | null> {
    return new DataLoader(async (uuids: readonly string[]) => {
      const found = await this.incidents.visibleOpen(actor, uuids);
      return uuids.map((uuid) => found.get(uuid) ?? null);
    });
  }

  /**
   * `change` writes what the read model holds as a source itself (the suspension): the state
   * before it is read first, so the change is compared with what readers saw.
   */
  private async refreshAround(
    tx: WriteContext,
    productUuids: readonly string[],
    change: (() => Promise<void>) | null,
    options: RefreshOptions = {},
  ): Promise<EventInput[]> {
    const uuids = [...new Set(productUuids)].sort();
    if (uuids.length === 0) return [];
    if (!options.locked) await this.lockProducts(tx.em, uuids);
    let before: Map<string, ProductStatusRow>;
    let incidentIds: Map<string, string[]> | null = null;
    if (change === null && options.incidentsUnchanged) {
      // Read-before and rewrite in one statement (every CTE sees the rows as they were).
      const rows = await preparedWrite<SqlRow>(tx.em, REFRESH_WITH_BEFORE, [uuids, false, []]);
      before = new Map(rows.map((raw) => productStatusRow(raw, false, true)).map((row) => [row.id, row]));
    } else {
      before = await this.readRows(tx.em, uuids, false);
      if (change) await change();
      // The open incidents: counted in the status, and named up the chain.
      incidentIds = await this.incidents.openIncidentIds(tx.em, uuids);
      const counts = new Map([...incidentIds].map(([uuid, ids]) => [uuid, ids.length]));
      await preparedWrite(tx.em, DELETE_BASELINE_ROWS, [uuids]);
      await preparedWrite(tx.em, REFRESH_BASELINE_ROWS, [uuids]);
      await preparedWrite(tx.em, REFRESH_PRODUCT_ROWS, [
        uuids,
        true,
        uuids.map((uuid) => counts.get(uuid) ?? 0),
      ]);
    }
    const after = await this.readRows(tx.em, uuids, true);
    const now = this.clock.now();
    const own = new Map(
      [...after].map(([uuid, row]) => [uuid, computeState(statusFacts(row.status, row.tier), now).state]),
    );
    const events = this.changeEvents(before, after, own, options.stateBefore);
    // The chain read model holds each product's own state and incidents: when neither moved, the
    // propagation up the reverse graph would rewrite every row as it is.
    if (incidentIds === null && uuids.every((uuid) => before.get(uuid)?.ownState === own.get(uuid))) {
      return events;
    }
    const changed = new Set(events.map((event) => event.productId!));
    return [...events, ...(await propagateChain(tx, own, incidentIds, changed))];
  }

  /** Locks products for a status write; call before reading what the write depends on. */
  async lockProducts(em: EntityManager, uuids: readonly string[]): Promise<void> {
    await preparedWrite(em, LOCK_PRODUCTS, [[...uuids]]);
  }

  /** Product.status for a whole request in one statement. */
  loader(_actor: Actor): DataLoader<string, ProductStatus | null> {
    return new DataLoader(async (uuids: readonly string[]) => {
      const rows = await this.readRows(this.dataSource.manager, uuids, false);
      const now = this.clock.now();
      return uuids.map((uuid) => {
        const row = rows.get(uuid);
        return row ? productStatusFromRow(row.status, row.tier, now, uuid) : null;
      });
    });
  }

  /** Agency: suspend a product's status with a reason every subscriber reads. */
  async suspend(actor: Actor, id: string, reason: string): Promise<Product> {
    const text = reason.trim().replace(/\s+/g, ' ');
    if (text.length < 3 || text.length > SUSPENSION_REASON_MAX) {
      throw BadUserInputError.field('reason', `must be 3 to ${SUSPENSION_REASON_MAX} characters`);
    }
    const uuid = this.decode(id);
    return this.unitOfWork.run(actor, async (tx) => {
      await this.lockProducts(tx.em, [uuid]);
      const product = await this.requireProduct(tx, uuid);
      const [row] = await tx.em.query<{ suspended_at: Date | null }[]>(
        'SELECT suspended_at FROM product_status WHERE product_id = $1',
        [uuid],
      );
      if (row?.suspended_at) throw new ConflictError(`"${product.name}" is already suspended`);
      const events = await this.refreshAround(tx, [uuid], async () => {
        await tx.em.query(
          `INSERT INTO product_status (product_id, suspended_at, suspension_reason, updated_at)
           VALUES ($1, $2, $3, now())
           ON CONFLICT (product_id) DO UPDATE SET suspended_at = $2, suspension_reason = $3, updated_at = now()`,
          [uuid, this.clock.now(), text],
        );
      });
      await this.events.record(tx, events);
      tx.audit('product.suspended', PRODUCT_TYPE, productId(uuid));
      return product;
    });
  }

  /** Agency: lift a suspension; the status is computed from the facts again. */
  async reinstate(actor: Actor, id: string): Promise<Product> {
    const uuid = this.decode(id);
    return this.unitOfWork.run(actor, async (tx) => {
      await this.lockProducts(tx.em, [uuid]);
      const product = await this.requireProduct(tx, uuid);
      const events = await this.refreshAround(tx, [uuid], async () => {
        const [, count] = await tx.em.query<[unknown[], number]>(
          `UPDATE product_status SET suspended_at = NULL, suspension_reason = NULL, updated_at = now()
           WHERE product_id = $1 AND suspended_at IS NOT NULL`,
          [uuid],
        );
        if (count === 0) throw new ConflictError(`"${product.name}" is not suspended`);
      });
      await this.events.record(tx, events);
      tx.audit('product.reinstated', PRODUCT_TYPE, productId(uuid));
      return product;
    });
  }

  private async readRows(
    em: EntityManager,
    uuids: readonly string[],
    withAudience: boolean,
  ): Promise<Map<string, ProductStatusRow>> {
    const text = withAudience ? ROWS_SQL.withAudience : ROWS_SQL.plain;
    // In a write, on its connection; otherwise (a read of the rows as they are) on the pool.
    const rows = em.queryRunner
      ? await preparedWrite<SqlRow>(em, text, [[...uuids]])
      : await preparedQuery<SqlRow>(this.dataSource, text, [[...uuids]]);
    return new Map(rows.map((raw) => productStatusRow(raw, withAudience, false)).map((row) => [row.id, row]));
  }

  private changeEvents(
    before: Map<string, ProductStatusRow>,
    after: Map<string, ProductStatusRow>,
    own: ReadonlyMap<string, ComplianceState>,
    stateBefore?: ReadonlyMap<string, Date>,
  ): EventInput[] {
    const now = this.clock.now();
    const stateOf = (row: ProductStatusRow | undefined, at: Date): ComplianceState | null =>
      row ? computeState(statusFacts(row.status, row.tier), at).state : null;
    const events: EventInput[] = [];
    for (const [uuid, row] of after) {
      const from = stateOf(before.get(uuid), stateBefore?.get(uuid) ?? now);
      const to = own.get(uuid) ?? null;
      if (from === null || to === null || from === to) continue;
      // An expiry says why: the assessment, the transition to a new version, or cited evidence.
      const why =
        to === ComplianceState.EXPIRED
          ? ` (${reasonTexts(expiryReasons(statusFacts(row.status, row.tier), now), API_REASON_LANGUAGE).join('; ')})`
          : '';
      events.push({
        type: RegistryEventType.STATUS_CHANGED,
        message: `${row.name}: state changed from ${from} to ${to}${why}`,
        productId: uuid,
        audience: [row.supplierId, ...(row.subscribers ?? [])],
      });
    }
    return events;
  }

  private decode(id: string): string {
    const uuid = fromGlobalId(id, PRODUCT_TYPE);
    if (!uuid) throw new NotFoundError('Product');
    return uuid;
  }

  /** Every product is visible to the agency; read in the transaction that locked it. */
  private async requireProduct(tx: WriteContext, uuid: string): Promise<Product> {
    const entity = await tx.em.getRepository(ProductEntity).findOneBy({ id: uuid });
    if (!entity) throw new NotFoundError('Product');
    return toProduct(entity);
  }
}
