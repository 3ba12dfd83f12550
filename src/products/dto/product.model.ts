import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Tier } from '../../baselines/dto/tier.enum.js';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import type { Organization } from '../../organizations/dto/organization.model.js';
import type { ProductStatus } from '../../status/dto/product-status.model.js';
import type { StatusDetail } from '../../status/status-sql.js';
import { DataCategory } from './data-category.enum.js';

/**
 * A product as the API shows it. supplier, subprocessors and subscriberCount are field resolvers
 * (batched); other modules add status, evidence and assessments the same way, keyed by `uuid`.
 */
@ObjectType('Product', {
  implements: () => [Node],
  description:
    'A product (service or system) a supplier offers to public bodies. Every signed-in caller may read products; only the supplier changes them.',
})
export class Product implements Node {
  @Field(() => ID, { description: 'Opaque id; use it in other queries and in `node(id)`.' })
  id: string;

  @Field({ description: 'The name the supplier gives it, unique per supplier.' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: "What the product does, in the supplier's words; null when none.",
  })
  description: string | null;

  @Field(() => [DataCategory], { description: 'The kinds of data it processes for its customers.' })
  dataCategories: DataCategory[];

  @Field(() => Tier, { description: 'Derived from the data categories; the agency may raise it.' })
  tier: Tier;

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 codes of where data is stored or processed.' })
  hostingCountries: string[];

  /** Internal key, for field resolvers of this and other modules; not in the schema. */
  uuid: string;

  /** The supplying organisation's uuid; not in the schema (Product.supplier resolves it). */
  supplierUuid: string;

  /** What the statement that read the product selected alongside it, on hot paths; not in the schema. */
  alongside?: ProductAlongside;
}

/**
 * A product's supplier and status as a hot path's one statement selected them with the product:
 * Product.status answers with this product's own status, and its query resolver primes the
 * request's loaders with the supplier and a whole status (primeProductLoaders), so Product.supplier
 * and Product.status answer without a statement; web pages read them directly.
 */
export interface ProductAlongside {
  readonly supplier: Organization;
  /** Computed from the status columns on first call, then kept; absent when it did not select them. */
  readonly status?: () => ProductStatus;
  /** How much of the status the statement read: `state` only for the fields its selection asks. */
  readonly statusDetail?: StatusDetail;
  /** The supplier is a head (ORGANIZATION_HEAD_FIELDS only): it serves this product's field alone. */
  readonly supplierHead: boolean;
}

export const ProductConnection = Connection(Product, 'Product');
