import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { Tier, TIER_RANK } from '../baselines/dto/tier.enum.js';
import { type Actor } from '../common/actor.js';
import { keysetConnection, likeContains } from '../common/database/keyset.js';
import { isUniqueViolation, UnitOfWork, type WriteContext } from '../common/database/unit-of-work.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../common/errors/domain-error.js';
import type { ConnectionShape } from '../common/graphql/connection.js';
import { BY_NAME, pageRequest } from '../common/graphql/cursor.js';
import { fromGlobalId } from '../common/graphql/global-id.js';
import { NodeType } from '../common/graphql/node-type.js';
import { preparedQuery } from '../common/database/prepared-query.js';
import type { SqlRow } from '../common/database/sql-columns.js';
import { Clock } from '../events/clock.js';
import { ORGANIZATION_TYPE } from '../organizations/organization.mapper.js';
import { toSearchName } from '../organizations/search-name.js';
import type { Product } from './dto/product.model.js';
import type { RegisterProductInput, UpdateProductInput } from './dto/product.input.js';
import type { ProductsArgs } from './dto/products.args.js';
import { describeCycle } from './cycle.js';
import { ProductEntity } from './product.entity.js';
import {
  PRODUCT_TYPE,
  productColumns,
  productFromReadRow,
  productFromRow,
  productId,
  productReadSql,
  toProduct,
} from './product.mapper.js';
import type { ProductLookahead } from './product-preloads.js';
import {
  normaliseCategories,
  normaliseCountries,
  normaliseDescription,
  normaliseName,
} from './product.rules.js';
import { productStateCondition, type StatusDetail, statusStateSql } from '../status/status-sql.js';
import { SupplyChainChanged, TierChanged } from './product-events.js';
import { SubprocessorGraph } from './subprocessor-graph.js';
import { categoryTier } from './tier-rule.js';

const UNIQUE_NAME = 'uq_product_supplier_name';

/**
 * Products and their sub-processor graph. Every signed-in caller may read every product (that is
 * what the registry is for); only the supplying organisation writes it, and only the agency
 * raises its tier. Writes publish TierChanged and SupplyChainChanged in their transaction
 * (product-events.ts) for what depends on them (the status).
 */
@Injectable()
export class ProductsService {
  constructor(
    @InjectRepository(ProductEntity) private readonly repository: Repository<ProductEntity>,
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    readonly graph: SubprocessorGraph,
    private readonly clock: Clock,
  ) {}

  async list(_actor: Actor, args: ProductsArgs): Promise<ConnectionShape<Product>> {
    const filter = args.filter ?? {};
    const qb = this.repository.createQueryBuilder('p');
    if (filter.supplierId) {
      const supplierUuid = fromGlobalId(filter.supplierId, ORGANIZATION_TYPE);
      if (!supplierUuid) throw BadUserInputError.field('filter.supplierId', 'is not an organisation id');
      qb.andWhere('p.supplier_id = :supplierUuid', { supplierUuid });
    }
    const search = filter.search ? toSearchName(filter.search) : '';
    if (search) qb.andWhere(`p.search_name LIKE :search ESCAPE '\\'`, { search: likeContains(search) });
    if (filter.tier) qb.andWhere('p.tier = :tier', { tier: filter.tier });
    if (filter.state) {
      qb.andWhere(productStateCondition('p', statusStateSql(':statusNow')), {
        statusNow: this.clock.now(),
        statusState: filter.state,
      });
    }
    return keysetConnection(
      qb,
      [
        { column: 'p.search_name', value: (p) => p.searchName },
        { column: 'p.id', value: (p) => p.id },
      ],
      'ASC',
      pageRequest(args, BY_NAME),
      toProduct,
    );
  }

  /**
   * By opaque id (NOT_FOUND if unknown), with its supplier, status (as much as `statusDetail` says,
   * see statusDetailOf) and what `lookahead` reads alongside.
   */
  async get(
    _actor: Actor,
    id: string,
    lookahead: ProductLookahead | null = null,
    statusDetail: StatusDetail = 'full',
  ): Promise<Product> {
    const uuid = fromGlobalId(id, PRODUCT_TYPE);
    const params = [uuid, ...(lookahead?.params ?? [])];
    const sql = productReadSql(lookahead, statusDetail);
    const [row] = uuid ? await preparedQuery<SqlRow>(this.dataSource, sql, params) : [];
    if (!row) throw new NotFoundError('Product');
    const product = productFromReadRow(row, this.clock.now(), statusDetail);
    await lookahead?.prime([{ product, row }]);
    return product;
  }

  /** The product if the caller may see it (every signed-in caller sees every product), else null. */
  @NodeType(PRODUCT_TYPE)
  async findVisible(_actor: Actor, uuid: string): Promise<Product | null> {
    const entity = await this.repository.findOneBy({ id: uuid });
    return entity ? toProduct(entity) : null;
  }

  /** The product if the caller's organisation supplies it; NOT_FOUND otherwise (also for others'). */
  async requireOwned(actor: Actor, productUuid: string, tx?: WriteContext): Promise<Product> {
    const repository = tx ? tx.em.getRepository(ProductEntity) : this.repository;
    const entity = await repository.findOneBy({ id: productUuid, supplierId: actor.organizationId });
    if (!entity) throw new NotFoundError('Product');
    return toProduct(entity);
  }

  /** Batches product lookups by uuid within one request. */
  loader(_actor: Actor): DataLoader<string, Product | null> {
    return new DataLoader(async (uuids: readonly string[]) => {
      const rows = await this.dataSource.query<SqlRow[]>(
        `SELECT ${productColumns('p')} FROM product p WHERE p.id = ANY($1::uuid[])`,
        [uuids],
      );
      const byId = new Map(rows.map((row) => productFromRow(row)).map((product) => [product.uuid, product]));
      return uuids.map((uuid) => byId.get(uuid) ?? null);
    });
  }

  async register(actor: Actor, input: RegisterProductInput): Promise<Product> {
    const name = normaliseName(input.name, 'input.name');
    const description = normaliseDescription(input.description, 'input.description');
    const categories = normaliseCategories(input.dataCategories, 'input.dataCategories');
    const countries = normaliseCountries(input.hostingCountries, 'input.hostingCountries');
    const requested = this.decodeSubprocessorIds(input.subprocessorIds ?? []);
    return this.unitOfWork.run(actor, async (tx) => {
      await this.graph.lock(tx.em);
      await this.requireExisting(tx.em, requested);
      const repository = tx.em.getRepository(ProductEntity);
      const own = categoryTier(categories);
      const saved = await this.saveUnique(name, () =>
        repository.save(
          repository.create({
            supplierId: actor.organizationId,
            name,
            searchName: toSearchName(name),
            description,
            dataCategories: categories,
            hostingCountries: countries,
            categoryTier: own,
            raisedTier: null,
            tier: own,
          }),
        ),
      );
      // A new product has no dependents yet, so no cycle can close through it.
      await this.graph.replaceEdges(tx.em, saved.id, requested);
      await this.afterTierInputsChanged(tx, saved.id);
      if (requested.length > 0) await tx.publish(new SupplyChainChanged([saved.id]));
      tx.audit('product.registered', PRODUCT_TYPE, productId(saved.id));
      return this.reload(tx.em, saved.id);
    });
  }

  async update(actor: Actor, id: string, input: UpdateProductInput): Promise<Product> {
    const uuid = fromGlobalId(id, PRODUCT_TYPE);
    if (!uuid) throw new NotFoundError('Product');
    const name = input.name != null ? normaliseName(input.name, 'input.name') : undefined;
    const description =
      input.description !== undefined
        ? normaliseDescription(input.description, 'input.description')
        : undefined;
    const categories = input.dataCategories
      ? normaliseCategories(input.dataCategories, 'input.dataCategories')
      : undefined;
    const countries = input.hostingCountries
      ? normaliseCountries(input.hostingCountries, 'input.hostingCountries')
      : undefined;
    const requested = input.subprocessorIds ? this.decodeSubprocessorIds(input.subprocessorIds) : undefined;
    return this.unitOfWork.run(actor, async (tx) => {
      await this.graph.lock(tx.em);
      const repository = tx.em.getRepository(ProductEntity);
      const entity = await repository.findOneBy({ id: uuid, supplierId: actor.organizationId });
      if (!entity) throw new NotFoundError('Product');
      if (requested) {
        await this.requireExisting(tx.em, requested);
        const cycle = await this.graph.findCycle(tx.em, uuid, requested);
        if (cycle) await this.refuseCycle(tx.em, uuid, cycle);
      }
      if (name !== undefined) {
        entity.name = name;
        entity.searchName = toSearchName(name);
      }
      if (description !== undefined) entity.description = description;
      if (countries) entity.hostingCountries = countries;
      if (categories) {
        entity.dataCategories = categories;
        entity.categoryTier = categoryTier(categories);
      }
      await this.saveUnique(entity.name, () => repository.save(entity));
      if (requested) await this.graph.replaceEdges(tx.em, uuid, requested);
      if (categories || requested) await this.afterTierInputsChanged(tx, uuid);
      if (requested || name !== undefined) await tx.publish(new SupplyChainChanged([uuid]));
      tx.audit('product.updated', PRODUCT_TYPE, productId(uuid));
      return this.reload(tx.em, uuid);
    });
  }

  /**
   * Agency: sets the floor of the product's tier. Below the derived tier (categories and
   * sub-processors) is refused; exactly the derived tier removes the raise; above it is stored
   * apart from the categories, so later updates by the supplier keep it.
   */
  async setTier(actor: Actor, id: string, tier: Tier): Promise<Product> {
    const uuid = fromGlobalId(id, PRODUCT_TYPE);
    if (!uuid) throw new NotFoundError('Product');
    return this.unitOfWork.run(actor, async (tx) => {
      await this.graph.lock(tx.em);
      const repository = tx.em.getRepository(ProductEntity);
      if (!(await repository.existsBy({ id: uuid }))) throw new NotFoundError('Product');
      const derived = await this.graph.derivedTier(tx.em, uuid);
      if (TIER_RANK[tier] < TIER_RANK[derived]) {
        throw BadUserInputError.field(
          'tier',
          `cannot be lower than ${derived}, which the product's data categories and sub-processors give`,
        );
      }
      const raisedTier = TIER_RANK[tier] > TIER_RANK[derived] ? tier : null;
      await repository.update({ id: uuid }, { raisedTier });
      await this.afterTierInputsChanged(tx, uuid);
      tx.audit('product.tier_set', PRODUCT_TYPE, productId(uuid));
      return this.reload(tx.em, uuid);
    });
  }

  private async afterTierInputsChanged(tx: WriteContext, uuid: string): Promise<void> {
    const changes = await this.graph.recomputeTiers(tx.em, [uuid]);
    for (const change of changes) {
      if (change.uuid !== uuid) tx.audit('product.tier_recomputed', PRODUCT_TYPE, productId(change.uuid));
    }
    if (changes.length > 0) await tx.publish(new TierChanged(changes));
  }

  private decodeSubprocessorIds(ids: readonly string[]): string[] {
    const uuids: string[] = [];
    ids.forEach((id, index) => {
      const uuid = fromGlobalId(id, PRODUCT_TYPE);
      if (!uuid) throw BadUserInputError.field('input.subprocessorIds', `item ${index} is not a product id`);
      if (!uuids.includes(uuid)) uuids.push(uuid);
    });
    return uuids;
  }

  private async requireExisting(em: EntityManager, uuids: readonly string[]): Promise<void> {
    if (uuids.length === 0) return;
    const rows = await em.query<{ id: string }[]>('SELECT id FROM product WHERE id = ANY($1::uuid[])', [
      uuids,
    ]);
    const found = new Set(rows.map((row) => row.id));
    const missing = uuids.filter((uuid) => !found.has(uuid));
    if (missing.length > 0) {
      throw BadUserInputError.field(
        'input.subprocessorIds',
        `no such product: ${missing.map((uuid) => productId(uuid)).join(', ')}`,
      );
    }
  }

  private async refuseCycle(em: EntityManager, rootUuid: string, path: readonly string[]): Promise<never> {
    const rows = await em.query<{ id: string; name: string }[]>(
      'SELECT id, name FROM product WHERE id = ANY($1::uuid[])',
      [[rootUuid, ...path]],
    );
    const names = new Map(rows.map((row) => [row.id, row.name]));
    const cycle = describeCycle(rootUuid, path, (uuid) => names.get(uuid) ?? uuid);
    throw BadUserInputError.field(
      'input.subprocessorIds',
      `a product cannot rely on itself, directly or through a chain: ${cycle}`,
    );
  }

  private async saveUnique(name: string, save: () => Promise<ProductEntity>): Promise<ProductEntity> {
    try {
      return await save();
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE_NAME)) {
        throw new ConflictError(`Your organisation already has a product named "${name}"`);
      }
      throw error;
    }
  }

  private async reload(em: EntityManager, uuid: string): Promise<Product> {
    return toProduct(await em.getRepository(ProductEntity).findOneByOrFail({ id: uuid }));
  }
}
