import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../auth/current-actor.decorator.js';
import type { Actor } from '../common/actor.js';
import { callerOf, type RequestContext, type RequestLoaders } from '../common/graphql/request-context.js';
import { Product } from '../products/dto/product.model.js';
import { ProductsService } from '../products/products.service.js';
import { incidentReason } from './chain-rule.js';
import { ChainLink } from './dto/chain-link.model.js';
import { ProductStatus } from './dto/product-status.model.js';
import { API_REASON_LANGUAGE, reasonTexts } from './status-reason.js';
import { StatusService, type VisibleIncident } from './status.service.js';
import { wholeStatus } from './status-from-row.js';

/**
 * The supply-chain fields of ProductStatus. Open incidents (own and up the chain) count and are
 * named only for callers who may see them, by the incidents module's one visibility rule, read
 * for a whole request in one statement. Most statuses have none on their chain: their answer is
 * at hand, without that statement (a page of 40 products then costs nothing more).
 */
@Resolver(() => ProductStatus)
export class ProductStatusChainResolver {
  constructor(private readonly statusService: StatusService) {}

  @ResolveField(() => Int)
  openIncidents(status: ProductStatus, _args: object, context: RequestContext): number | Promise<number> {
    if (status.incidentRefs.length === 0) return 0;
    return this.visible(context, status).then((visible) => visible.length);
  }

  @ResolveField(() => [String])
  reasons(status: ProductStatus, _args: object, context: RequestContext): string[] | Promise<string[]> {
    wholeStatus(status);
    if (status.incidentRefs.length === 0) return status.reasons;
    return this.visible(context, status).then((visible) => this.reasonsWith(status, visible));
  }

  @ResolveField(() => [ChainLink])
  chain(status: ProductStatus, _args: object, context: RequestContext): ChainLink[] | Promise<ChainLink[]> {
    wholeStatus(status);
    if (status.incidentRefs.length === 0) return chainLinks(status, []);
    return this.visible(context, status).then((visible) => chainLinks(status, visible));
  }

  /** The reasons with the incidents the caller may see, each named with its path up the chain. */
  private reasonsWith(status: ProductStatus, visible: Visible[]): string[] {
    if (visible.length === 0) return status.reasons;
    const names = new Map(status.chainLinks.map((link) => [link.id, link.name]));
    const pathOf = (productUuid: string): string[] => {
      const link = status.chainLinks.find((l) => l.id === productUuid);
      return link ? link.path.map((uuid, i) => (i === 0 ? '' : (names.get(uuid) ?? uuid))) : [''];
    };
    return reasonTexts(
      [
        ...status.ownReasons,
        ...visible.map(({ productUuid, incident }) =>
          incidentReason(pathOf(productUuid), incident.title, incident.reportedAt),
        ),
      ],
      API_REASON_LANGUAGE,
    );
  }

  /** The open incidents on the product and its chain that the caller may see, nearest first. */
  private async visible(context: RequestContext, status: ProductStatus): Promise<Visible[]> {
    const loader = context.loaders.get('visibleOpenIncident', () =>
      this.statusService.visibleIncidentLoader(callerOf(context)),
    );
    const found = await loader.loadMany(status.incidentRefs.map((ref) => ref.i));
    return status.incidentRefs.flatMap((ref, index) => {
      const incident = found[index];
      return incident && !(incident instanceof Error) ? [{ productUuid: ref.p, incident }] : [];
    });
  }
}

type Visible = { productUuid: string; incident: VisibleIncident };

function chainLinks(status: ProductStatus, visible: Visible[]): ChainLink[] {
  return status.chainLinks.map((link) =>
    Object.assign(new ChainLink(), {
      productUuid: link.id,
      pathUuids: link.path,
      state: link.state,
      openIncidents: visible.filter((v) => v.productUuid === link.id).length,
    }),
  );
}

/** ChainLink.product and ChainLink.path through the products' loader (one statement a request). */
@Resolver(() => ChainLink)
export class ChainLinkResolver {
  constructor(private readonly products: ProductsService) {}

  @ResolveField(() => Product)
  async product(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() link: ChainLink,
  ): Promise<Product> {
    const product = await loaders.get('product', () => this.products.loader(actor)).load(link.productUuid);
    return product!;
  }

  @ResolveField(() => [Product])
  async path(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Parent() link: ChainLink,
  ): Promise<Product[]> {
    const products = await loaders.get('product', () => this.products.loader(actor)).loadMany(link.pathUuids);
    return products.filter((p): p is Product => p !== null && !(p instanceof Error));
  }
}
