import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, isAgency } from '../common/actor.js';
import { columns, int, type SqlRow, text } from '../common/database/sql-columns.js';
import { UnitOfWork, type WriteContext } from '../common/database/unit-of-work.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import { type ConnectionShape, toConnection } from '../common/graphql/connection.js';
import { BY_TIME, encodeCursor, pageRequest } from '../common/graphql/cursor.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { humanDate } from '../common/time/human-time.js';
import { Clock } from '../events/clock.js';
import { RegistryEventType } from '../events/dto/registry-event-type.enum.js';
import { EventsService } from '../events/events.service.js';
import { productColumns, productFromReadRow } from '../products/product.mapper.js';
import { ProductsService } from '../products/products.service.js';
import { CustomerStatus } from './dto/customer-status.enum.js';
import type { CustomerRequestsArgs } from './dto/subscriptions.args.js';
import type { ProductSubscription } from './dto/product-subscription.model.js';
import { ProductSubscriptionEntity } from './product-subscription.entity.js';
import {
  PRODUCT_SUBSCRIPTION_TYPE,
  productSubscriptionId,
  SUBSCRIPTION_ROW,
  SUPPLIER_COLUMNS,
  toProductSubscription,
} from './product-subscription.mapper.js';

const REASON_MAX = 1000;

/** What customerRequests' statement selects beside the subscription, product and supplier. */
const REQUESTS_ROW = columns('', () => ({
  /** The keyset's time, as PostgreSQL writes it (microseconds, which a Date would lose). */
  sCursorAt: text('s.created_at::text'),
  /** Counted before the cursor filter. */
  total: int('count(*) OVER ()::int'),
}));

/** customerRequests: one page of subscriptions to the caller's products (all for the agency). */
const REQUESTS_SQL = `SELECT * FROM (
   SELECT ${SUBSCRIPTION_ROW.sql('s')}, ${REQUESTS_ROW.sql('')},
          ${productColumns('p')}, ${SUPPLIER_COLUMNS}, s.created_at AS keyset_at
     FROM product_subscription s
     JOIN product p ON p.id = s.product_id
     JOIN organization o ON o.id = p.supplier_id
    WHERE ($1::boolean OR p.supplier_id = $2::uuid) AND ($3::text IS NULL OR s.customer_status = $3)
 ) x
 WHERE $4::timestamptz IS NULL OR (x.keyset_at, x.s_id) < ($4::timestamptz, $5::uuid)
 ORDER BY x.keyset_at DESC, x.s_id DESC
 LIMIT $6`;

interface LockedRow {
  id: string;
  product_id: string;
  subscriber_id: string;
  customer_status: CustomerStatus;
  supplier_id: string;
  product_name: string;
  supplier_name: string;
}

/**
 * The customer relationship: the product's supplier (or the agency) confirms that a subscriber is
 * a customer, or declines it with a reason. Each decision tells the subscriber (an event addressed
 * to it alone) and is audited, in one transaction. What a status opens is decided in customer-sql.ts.
 */
@Injectable()
export class CustomersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly products: ProductsService,
    private readonly events: EventsService,
    private readonly clock: Clock,
  ) {}

  /** PENDING or DECLINED -> CONFIRMED; CONFLICT when already confirmed. */
  confirm(actor: Actor, subscriptionId: string): Promise<ProductSubscription> {
    return this.decide(actor, subscriptionId, CustomerStatus.CONFIRMED, null);
  }

  /** PENDING or CONFIRMED -> DECLINED with a reason the subscriber reads; CONFLICT when already declined. */
  decline(actor: Actor, subscriptionId: string, reason: string): Promise<ProductSubscription> {
    const clean = reason.trim();
    if (clean.length === 0 || clean.length > REASON_MAX) {
      throw BadUserInputError.field('reason', `give a reason of 1 to ${REASON_MAX} characters`);
    }
    return this.decide(actor, subscriptionId, CustomerStatus.DECLINED, clean);
  }

  /** Subscriptions to the caller's products, newest first (every product's for the agency). */
  async requests(actor: Actor, args: CustomerRequestsArgs): Promise<ConnectionShape<ProductSubscription>> {
    const page = pageRequest(args, BY_TIME);
    const [afterAt, afterId] = page.after ?? [null, null];
    const rows = (
      await this.dataSource.query<SqlRow[]>(REQUESTS_SQL, [
        isAgency(actor),
        actor.organizationId,
        args.status ?? null,
        afterAt,
        afterId,
        page.first + 1,
      ])
    ).map((row) => ({ ...REQUESTS_ROW.read(row), subscription: SUBSCRIPTION_ROW.read(row), row }));
    const total = rows.length > 0 ? rows[0].total : page.after ? await this.count(actor, args) : 0;
    return toConnection(
      rows,
      page,
      total,
      (row) => encodeCursor([row.sCursorAt, row.subscription.id]),
      ({ row, subscription }) => toProductSubscription(subscription, productFromReadRow(row, null)),
    );
  }

  private async decide(
    actor: Actor,
    subscriptionId: string,
    status: CustomerStatus.CONFIRMED | CustomerStatus.DECLINED,
    reason: string | null,
  ): Promise<ProductSubscription> {
    const uuid = fromGlobalId(subscriptionId, PRODUCT_SUBSCRIPTION_TYPE);
    if (!uuid) throw new NotFoundError('Subscription');
    const saved = await this.unitOfWork.run(actor, async (tx) => {
      const row = await this.lockDecidable(tx, actor, uuid);
      if (row.customer_status === status) {
        throw new ConflictError(`The subscription is already ${status}`);
      }
      const repository = tx.em.getRepository(ProductSubscriptionEntity);
      await repository.update(
        { id: uuid },
        { customerStatus: status, decidedAt: this.clock.now(), declineReason: reason },
      );
      const decider = isAgency(actor) ? 'The agency' : row.supplier_name;
      const today = humanDate(this.clock.now(), 'en');
      await this.events.record(tx, {
        type: RegistryEventType.CUSTOMER_STATUS_CHANGED,
        message:
          status === CustomerStatus.CONFIRMED
            ? `${decider} confirmed on ${today} that your organisation is a customer of "${row.product_name}".`
            : `${decider} declined on ${today} that your organisation is a customer of "${row.product_name}": ${reason}`,
        productId: row.product_id,
        audience: [row.subscriber_id],
      });
      tx.audit(
        status === CustomerStatus.CONFIRMED ? 'subscription.confirmed' : 'subscription.declined',
        PRODUCT_SUBSCRIPTION_TYPE,
        productSubscriptionId(uuid),
      );
      return repository.findOneByOrFail({ id: uuid });
    });
    const product = await this.products.findVisible(actor, saved.productId);
    if (!product) throw new NotFoundError('Subscription');
    return toProductSubscription(saved, product);
  }

  /** The subscription, locked; NOT_FOUND unless the caller supplies its product or is the agency. */
  private async lockDecidable(tx: WriteContext, actor: Actor, uuid: string): Promise<LockedRow> {
    const [row] = await tx.em.query<LockedRow[]>(
      `SELECT s.id, s.product_id, s.subscriber_id, s.customer_status, p.supplier_id,
              p.name AS product_name, o.name AS supplier_name
         FROM product_subscription s
         JOIN product p ON p.id = s.product_id
         JOIN organization o ON o.id = p.supplier_id
        WHERE s.id = $1
          FOR UPDATE OF s`,
      [uuid],
    );
    if (!row || !(isAgency(actor) || row.supplier_id === actor.organizationId)) {
      throw new NotFoundError('Subscription');
    }
    return row;
  }

  private async count(actor: Actor, args: CustomerRequestsArgs): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM product_subscription s JOIN product p ON p.id = s.product_id
        WHERE ($1::boolean OR p.supplier_id = $2::uuid) AND ($3::text IS NULL OR s.customer_status = $3)`,
      [isAgency(actor), actor.organizationId, args.status ?? null],
    );
    return row.n;
  }
}
