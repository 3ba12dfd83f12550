import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { type Actor, isAgency } from '../common/actor.js';
import { isUniqueViolation, UnitOfWork } from '../common/database/unit-of-work.js';
import { ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import { preparedQuery } from '../common/database/prepared-query.js';
import type { SqlRow } from '../common/database/sql-columns.js';
import { sqlSection, type SqlSection } from '../common/database/sql-sections.js';
import { type ConnectionShape, toConnection } from '../common/graphql/connection.js';
import { encodeCursor, BY_NAME, pageRequest } from '../common/graphql/cursor.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { NodeType } from '../common/graphql/node-type.js';
import { Clock } from '../events/clock.js';
import { PRODUCT_TYPE } from '../products/product.mapper.js';
import type { ProductLookahead } from '../products/product-preloads.js';
import { ProductsService } from '../products/products.service.js';
import type { MySubscriptionsArgs, SubscribeInput } from './dto/subscriptions.args.js';
import type { ProductSubscription } from './dto/product-subscription.model.js';
import { ProductSubscriptionEntity } from './product-subscription.entity.js';
import {
  PRODUCT_SUBSCRIPTION_TYPE,
  productSubscriptionId,
  toProductSubscription,
} from './product-subscription.mapper.js';
import { confirmedCustomerSql } from './customer-sql.js';
import { fromMineRow, MINE_SQL, type MineRead, mineRow, mineSql, WHOLE_READ } from './mine-sql.js';
import { CustomerStatus } from './dto/customer-status.enum.js';
import { subscribedCategories } from './subscription.rules.js';

const UNIQUE = 'uq_product_subscription_product_subscriber';

/**
 * Customers' subscriptions. A subscription declares use and starts PENDING until the product's
 * supplier or the agency confirms it (CustomersService). Who subscribes to what is visible to the
 * subscriber, the agency and the product's own supplier (its customers and requests), nobody else;
 * what each customer status opens is decided in customer-sql.ts.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly products: ProductsService,
    private readonly clock: Clock,
  ) {}

  async subscribe(actor: Actor, input: SubscribeInput): Promise<ProductSubscription> {
    const productUuid = fromGlobalId(input.productId, PRODUCT_TYPE);
    const product = productUuid ? await this.products.findVisible(actor, productUuid) : null;
    if (!product) throw new NotFoundError('Product');
    const categories = subscribedCategories(
      input.dataCategories,
      product.dataCategories,
      'input.dataCategories',
    );
    return this.unitOfWork.run(actor, async (tx) => {
      const repository = tx.em.getRepository(ProductSubscriptionEntity);
      try {
        const saved = await repository.save(
          repository.create({
            productId: product.uuid,
            subscriberId: actor.organizationId,
            dataCategories: categories,
            customerStatus: CustomerStatus.PENDING,
            decidedAt: null,
            declineReason: null,
          }),
        );
        tx.audit('subscription.created', PRODUCT_SUBSCRIPTION_TYPE, productSubscriptionId(saved.id));
        return toProductSubscription(saved, product);
      } catch (error) {
        if (isUniqueViolation(error, UNIQUE)) {
          throw new ConflictError(`Your organisation already subscribes to "${product.name}"`);
        }
        throw error;
      }
    });
  }

  /** True when removed; NOT_FOUND when the caller's organisation does not subscribe to the product. */
  async unsubscribe(actor: Actor, productId: string): Promise<boolean> {
    const productUuid = fromGlobalId(productId, PRODUCT_TYPE);
    if (!productUuid) throw new NotFoundError('Subscription');
    return this.unitOfWork.run(actor, async (tx) => {
      const [rows] = await tx.em.query<[{ id: string }[], number]>(
        `DELETE FROM product_subscription WHERE product_id = $1 AND subscriber_id = $2 RETURNING id`,
        [productUuid, actor.organizationId],
      );
      if (rows.length === 0) throw new NotFoundError('Subscription');
      tx.audit('subscription.removed', PRODUCT_SUBSCRIPTION_TYPE, productSubscriptionId(rows[0].id));
      return true;
    });
  }

  /**
   * The caller's first `first` subscriptions by product name, as a section of a page's one
   * statement (readSections): the same query as mine(), without paging.
   */
  mineSection(actor: Actor, first: number): SqlSection<ProductSubscription[]> {
    const now = this.clock.now();
    // JSON rows: the declarations' decoders read its ISO timestamps as Dates.
    return sqlSection(MINE_SQL, [actor.organizationId, null, null, first], (rows) =>
      rows.map((row) => fromMineRow(mineRow(row), now, WHOLE_READ)),
    );
  }

  /**
   * The hot path: every customer, every morning. One statement returns the page of subscriptions
   * with each product, its supplier and status as flat rows plus the total (window count before
   * the cursor filter), and what `lookahead` reads of each product (it primes its loaders), so
   * the products' fields need no further query. `read`: whole models or heads, and how much of
   * the status, as the selection asks (mineReadOf).
   */
  async mine(
    actor: Actor,
    args: MySubscriptionsArgs,
    lookahead: ProductLookahead | null = null,
    read: MineRead = WHOLE_READ,
  ): Promise<ConnectionShape<ProductSubscription>> {
    const page = pageRequest(args, BY_NAME);
    const [afterName, afterId] = page.after ?? [null, null];
    const rows = (
      await preparedQuery<SqlRow>(this.dataSource, mineSql(read, lookahead), [
        actor.organizationId,
        afterName,
        afterId,
        page.first + 1,
        ...(lookahead?.params ?? []),
      ])
    ).map(mineRow);
    const now = this.clock.now();
    const total = rows.length > 0 ? rows[0].total : page.after ? await this.countMine(actor) : 0;
    const connection = toConnection(
      rows,
      page,
      total,
      (row) => encodeCursor([row.pSearchName, row.subscriptionId]),
      (row) => fromMineRow(row, now, read),
    );
    await lookahead?.prime(
      connection.edges.map((edge, i) => ({ product: edge.node.product, row: rows[i].row })),
    );
    return connection;
  }

  /**
   * node(id): the subscriber, the agency and the product's supplier see a subscription; null for
   * everyone else (another supplier never learns who buys from a competitor).
   */
  @NodeType(PRODUCT_SUBSCRIPTION_TYPE)
  async findVisible(actor: Actor, uuid: string): Promise<ProductSubscription | null> {
    const entity = await this.dataSource.getRepository(ProductSubscriptionEntity).findOneBy({ id: uuid });
    if (!entity) return null;
    const product = await this.products.findVisible(actor, entity.productId);
    if (!product) return null;
    const sees =
      isAgency(actor) ||
      entity.subscriberId === actor.organizationId ||
      product.supplierUuid === actor.organizationId;
    return sees ? toProductSubscription(entity, product) : null;
  }

  /** Whether the caller's organisation is a CONFIRMED customer of the product. */
  async isConfirmedCustomer(actor: Actor, productUuid: string): Promise<boolean> {
    return this.dataSource.getRepository(ProductSubscriptionEntity).existsBy({
      productId: productUuid,
      subscriberId: actor.organizationId,
      customerStatus: CustomerStatus.CONFIRMED,
    });
  }

  /** Number of CONFIRMED customers per product uuid, for a whole request in one query. */
  subscriberCountLoader(_actor: Actor): DataLoader<string, number> {
    return new DataLoader(async (productUuids: readonly string[]) => {
      const rows = await this.dataSource.query<{ product_id: string; count: number }[]>(
        `SELECT s.product_id, count(*)::int AS count FROM product_subscription s
          WHERE s.product_id = ANY($1::uuid[]) AND ${confirmedCustomerSql('s')} GROUP BY s.product_id`,
        [productUuids],
      );
      const counts = new Map(rows.map((row) => [row.product_id, row.count]));
      return productUuids.map((uuid) => counts.get(uuid) ?? 0);
    });
  }

  /** Product.subscriberCount is for the agency and the product's own supplier. */
  seesSubscriberCount(actor: Actor, supplierUuid: string): boolean {
    return isAgency(actor) || actor.organizationId === supplierUuid;
  }

  private async countMine(actor: Actor): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM product_subscription WHERE subscriber_id = $1',
      [actor.organizationId],
    );
    return row.count;
  }
}
