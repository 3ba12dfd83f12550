import { randomUUID } from 'node:crypto';
import { type Actor, OrganizationKind, Role } from '../../src/common/actor.js';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { BaselineLifecycleService } from '../../src/baselines/baseline-lifecycle.service.js';
import { requirementId } from '../../src/baselines/baseline.mapper.js';
import { CreateBaselineInput } from '../../src/baselines/dto/baselines.args.js';
import { RegisterOrganizationArgs } from '../../src/organizations/dto/organizations.args.js';
import { organizationId } from '../../src/organizations/organization.mapper.js';
import { OrganizationsService } from '../../src/organizations/organizations.service.js';
import { RegisterProductInput } from '../../src/products/dto/product.input.js';
import { ProductsService } from '../../src/products/products.service.js';
import { SubscribeInput } from '../../src/subscriptions/dto/subscriptions.args.js';
import { CustomersService } from '../../src/subscriptions/customers.service.js';
import { SubscriptionsService } from '../../src/subscriptions/subscriptions.service.js';
import {
  type ProductOverrides,
  randomOrgNumber,
  requirementInput,
  type BaselineOptions,
  type TestBaseline,
  type TestProduct,
  uniqueKey,
} from './test-data.js';
import type { ServiceContext } from './service-context.js';

/**
 * The factories of test/support/factories.ts and baselines.ts for the service tier: the same data,
 * written through the services by the caller the API would need (never by SQL inserts). Ids are
 * the API's global ids, as resolvers hand them to the services; `uuid` is the internal key.
 */

export interface ServiceOrg {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  readonly kind: OrganizationKind;
  /** The caller a token for this organisation with `role` would be. */
  actor(role?: Role, subject?: string): Promise<Actor>;
}

function orgHandle(ctx: ServiceContext, uuid: string, name: string, kind: OrganizationKind): ServiceOrg {
  return {
    id: organizationId(uuid),
    uuid,
    name,
    kind,
    actor: (role = Role.ADMIN, subject = `user-${role.toLowerCase()}`) => ctx.actor(uuid, role, subject),
  };
}

async function seeded(ctx: ServiceContext, where: string, params: unknown[] = []) {
  return ctx.dataSource.query<{ id: string; name: string; kind: OrganizationKind }[]>(
    `SELECT id, name, kind FROM organization WHERE ${where}`,
    params,
  );
}

/** The seeded agency. */
export async function agency(ctx: ServiceContext): Promise<ServiceOrg> {
  const [row] = await seeded(ctx, `kind = 'AGENCY'`);
  return orgHandle(ctx, row.id, row.name, row.kind);
}

export async function municipality(ctx: ServiceContext, code = '0180'): Promise<ServiceOrg> {
  const [row] = await seeded(ctx, 'municipality_code = $1', [code]);
  return orgHandle(ctx, row.id, row.name, row.kind);
}

/** `n` distinct seeded municipalities, chosen at random so tests do not share them by habit. */
export async function someMunicipalities(ctx: ServiceContext, n: number): Promise<ServiceOrg[]> {
  const rows = await seeded(ctx, `kind = 'MUNICIPALITY' ORDER BY random() LIMIT $1`, [n]);
  return rows.map((row) => orgHandle(ctx, row.id, row.name, row.kind));
}

/** Registers an organisation as the agency's ADMIN does. */
export async function newOrganization(
  ctx: ServiceContext,
  kind: OrganizationKind,
  name?: string,
): Promise<ServiceOrg> {
  const args = await ctx.input(RegisterOrganizationArgs, {
    kind,
    name: name ?? `${kind.toLowerCase()} ${randomUUID().slice(0, 8)} AB`,
    orgNumber: randomOrgNumber(),
  });
  const created = await ctx
    .get(OrganizationsService)
    .register(await (await agency(ctx)).actor(Role.ADMIN), args);
  return orgHandle(ctx, created.uuid, created.name, kind);
}

export const newSupplier = (ctx: ServiceContext, name?: string) =>
  newOrganization(ctx, OrganizationKind.SUPPLIER, name);
export const newAssessor = (ctx: ServiceContext, name?: string) =>
  newOrganization(ctx, OrganizationKind.ASSESSOR, name);

/** Registers a product as the supplier's EDITOR (default: CONTACT_DETAILS, hosted in SE). */
export async function newProduct(
  ctx: ServiceContext,
  supplier: ServiceOrg,
  overrides: ProductOverrides = {},
): Promise<TestProduct> {
  const input = await ctx.input(RegisterProductInput, {
    name: `product ${randomUUID().slice(0, 8)}`,
    dataCategories: ['CONTACT_DETAILS'],
    hostingCountries: ['SE'],
    ...overrides,
  });
  const product = await ctx.get(ProductsService).register(await supplier.actor(Role.EDITOR), input);
  return { id: product.id, uuid: product.uuid, name: product.name, tier: product.tier };
}

/**
 * Subscribes a customer to a product as its EDITOR and, unless `pending`, has the agency confirm
 * it as a customer (what most tests mean by "a subscriber").
 */
export async function subscribe(
  ctx: ServiceContext,
  customer: ServiceOrg,
  productId: string,
  categories?: string[],
  options: { pending?: boolean } = {},
): Promise<{ id: string; dataCategories: string[] }> {
  const input = await ctx.input(SubscribeInput, {
    productId,
    ...(categories ? { dataCategories: categories } : {}),
  });
  const subscription = await ctx
    .get(SubscriptionsService)
    .subscribe(await customer.actor(Role.EDITOR), input);
  if (!options.pending) {
    await ctx.get(CustomersService).confirm(await (await agency(ctx)).actor(Role.EDITOR), subscription.id);
  }
  return { id: subscription.id, dataCategories: subscription.dataCategories };
}

/**
 * A draft baseline made by an agency ADMIN (two BASIC-to-HIGH requirements unless given),
 * published when `publish` is set, as test/support/baselines.ts's newBaseline.
 */
export async function newBaseline(ctx: ServiceContext, options: BaselineOptions = {}): Promise<TestBaseline> {
  const actor = await (await agency(ctx)).actor(Role.ADMIN);
  const requirements = options.requirements ?? [
    { code: 'IAM-01' },
    { code: 'LOG-01', category: 'Logging and monitoring' },
  ];
  const input = await ctx.input(CreateBaselineInput, {
    key: options.key ?? uniqueKey(),
    version: options.version ?? '2026.1',
    title: 'Test baseline',
    fromBaselineId: options.fromBaselineId,
    requirements: requirements.map(requirementInput),
  });
  const lifecycle = ctx.get(BaselineLifecycleService);
  const created = await lifecycle.create(actor, input);
  if (options.publish) await lifecycle.publish(actor, created.id);
  const rows = await ctx.dataSource.query<{ id: string; code: string }[]>(
    'SELECT id, code FROM requirement WHERE baseline_id = $1 ORDER BY code',
    [created.uuid],
  );
  return {
    id: created.id,
    key: created.key,
    version: created.version,
    requirements: rows.map((row) => ({ id: requirementId(row.id), code: row.code })),
  };
}

/**
 * The write's result, or undefined when the service refused it with a DomainError (what the API
 * answers as an error with a code); anything else still fails the test.
 */
export async function unlessRefused<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}
