import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../common/config/app-config.js';
import { NotFoundError } from '../../common/errors/domain-error.js';
import { BY_TIME, pageRequest } from '../../common/graphql/cursor.js';
import { OrganizationKind } from '../../common/actor.js';
import type { EvidenceService } from '../../evidence/evidence.service.js';
import type { Organization } from '../../organizations/dto/organization.model.js';
import { OrganizationsArgs } from '../../organizations/dto/organizations.args.js';
import type { OrganizationsService } from '../../organizations/organizations.service.js';
import type { ProductDirectory } from '../../products/product-directory.js';
import type { ProductLoaders } from '../../products/product-loaders.js';
import type { ProductsService } from '../../products/products.service.js';
import { productParts } from '../product-parts.js';
import { PUBLIC_VISITOR } from '../public-visitor.js';
import { STATES, TIERS } from '../views/components.js';
import { notFoundPage } from '../views/layout.js';
import { productPage, searchPage, supplierPage } from '../views/registry.views.js';
import { frameFor, queryEnum, queryPage, queryText, sendPage } from '../web-request.js';
import { exportedProduct, toCsv } from './registry-export.js';

export interface PublicRegistryDeps {
  readonly config: AppConfig;
  readonly directory: ProductDirectory;
  readonly products: ProductsService;
  readonly loaders: ProductLoaders;
  readonly organizations: OrganizationsService;
  readonly evidence: EvidenceService;
}

const PAGE_SIZE = 20;
const EXPORT_PAGE_SIZE = 100;
const CSV_BATCH = 1000;
const ORG_NUMBER = /^\d{6}-\d{4}$/;

type Query = Record<string, unknown>;

/**
 * The public registry: every handler acts as PUBLIC_VISITOR through the same services as the API,
 * at most 3 SQL statements per page. Nothing here reads incidents, findings, subscriptions or
 * non-public evidence.
 */
export function registerPublicRegistry(scope: FastifyInstance, deps: PublicRegistryDeps): void {
  const { config, directory } = deps;
  const actor = PUBLIC_VISITOR;

  scope.get('/', async (request: FastifyRequest<{ Querystring: Query }>, reply) => {
    const text = queryText(request.query.q);
    const tier = queryEnum(request.query.tier, TIERS);
    const state = queryEnum(request.query.state, STATES);
    const page = queryPage(request.query.page);
    const found = await directory.search(actor, { text, tier, state, page, pageSize: PAGE_SIZE });
    let suppliers: Organization[] = [];
    if (text && ORG_NUMBER.test(text)) {
      const supplier = await deps.organizations.findByOrgNumber(actor, text);
      suppliers = supplier?.kind === OrganizationKind.SUPPLIER ? [supplier] : [];
    } else if (text && !tier && !state) {
      const args = Object.assign(new OrganizationsArgs(), {
        kind: OrganizationKind.SUPPLIER,
        search: text,
        first: 10,
      });
      const list = await deps.organizations.list(actor, args);
      suppliers = list.edges.map((edge) => edge.node);
    }
    return sendPage(
      reply,
      searchPage(frameFor(request, config), {
        text,
        tier,
        state,
        page,
        pages: Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
        total: found.total,
        products: found.products.map(productParts),
        suppliers,
      }),
    );
  });

  scope.get('/products/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    try {
      const product = await deps.products.get(actor, request.params.id);
      const [subprocessors, evidence] = await Promise.all([
        deps.loaders.subprocessorsLoader(actor).load(product.uuid),
        deps.evidence.productEvidenceLoader(actor, pageRequest({ first: 50 }, BY_TIME)).load(product.uuid),
      ]);
      return sendPage(
        reply,
        productPage(frameFor(request, config), {
          parts: productParts(product),
          subprocessors,
          evidence: evidence.edges.map((edge) => edge.node),
        }),
      );
    } catch (error) {
      if (error instanceof NotFoundError)
        return sendPage(reply, notFoundPage(frameFor(request, config)), 404);
      throw error;
    }
  });

  scope.get(
    '/suppliers/:orgNumber',
    async (request: FastifyRequest<{ Params: { orgNumber: string }; Querystring: Query }>, reply) => {
      const supplier = await deps.organizations.findByOrgNumber(actor, request.params.orgNumber);
      if (!supplier || supplier.kind !== OrganizationKind.SUPPLIER) {
        return sendPage(reply, notFoundPage(frameFor(request, config)), 404);
      }
      const page = queryPage(request.query.page);
      const found = await directory.search(actor, { supplierUuid: supplier.uuid, page, pageSize: PAGE_SIZE });
      return sendPage(
        reply,
        supplierPage(
          frameFor(request, config),
          supplier,
          found.products.map(productParts),
          page,
          Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
        ),
      );
    },
  );

  scope.get('/registry/products.json', async (request: FastifyRequest<{ Querystring: Query }>, reply) => {
    const page = queryPage(request.query.page);
    const found = await directory.search(actor, { page, pageSize: EXPORT_PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(found.total / EXPORT_PAGE_SIZE));
    const base = `${config.publicUrl}/registry/products.json`;
    return reply.type('application/json; charset=utf-8').send({
      page,
      pageSize: EXPORT_PAGE_SIZE,
      total: found.total,
      next: page < pages ? `${base}?page=${page + 1}` : null,
      products: found.products.map((p) => exportedProduct(productParts(p), config.publicUrl)),
    });
  });

  scope.get('/registry/products.csv', async (_request, reply: FastifyReply) => {
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="registry-products.csv"');
    let csv = '';
    for (let page = 1; ; page++) {
      const found = await directory.search(actor, { page, pageSize: CSV_BATCH });
      csv += toCsv(
        found.products.map((p) => exportedProduct(productParts(p), config.publicUrl)),
        page === 1,
      );
      if (page * CSV_BATCH >= found.total) break;
    }
    return reply.send(csv);
  });
}
