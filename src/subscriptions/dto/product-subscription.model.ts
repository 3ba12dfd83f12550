import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { DataCategory } from '../../products/dto/data-category.enum.js';
import { Product } from '../../products/dto/product.model.js';

/** `subscriber` is a field resolver (batched); the product rides along, loaded with the row. */
@ObjectType('ProductSubscription', { implements: () => [Node] })
export class ProductSubscription implements Node {
  @Field(() => ID)
  id: string;

  @Field(() => Product)
  product: Product;

  @Field(() => [DataCategory], { description: 'What the subscriber itself entrusts to the product.' })
  dataCategories: DataCategory[];

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  /** Internal keys; not in the schema. */
  uuid: string;
  subscriberUuid: string;
}

export const ProductSubscriptionConnection = Connection(ProductSubscription, 'ProductSubscription');
