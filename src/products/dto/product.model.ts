import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Tier } from '../../baselines/dto/tier.enum.js';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { DataCategory } from './data-category.enum.js';

/**
 * A product as the API shows it. supplier, subprocessors and subscriberCount are field resolvers
 * (batched); other modules add status, evidence and assessments the same way, keyed by `uuid`.
 */
@ObjectType('Product', { implements: () => [Node] })
export class Product implements Node {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [DataCategory])
  dataCategories: DataCategory[];

  @Field(() => Tier, { description: 'Derived from the data categories; the agency may raise it.' })
  tier: Tier;

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 codes of where data is stored or processed.' })
  hostingCountries: string[];

  /** Internal key, for field resolvers of this and other modules; not in the schema. */
  uuid: string;

  /** The supplying organisation's uuid; not in the schema (Product.supplier resolves it). */
  supplierUuid: string;
}

export const ProductConnection = Connection(Product, 'Product');
