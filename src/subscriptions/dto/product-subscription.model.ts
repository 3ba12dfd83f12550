import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { DataCategory } from '../../products/dto/data-category.enum.js';
import { Product } from '../../products/dto/product.model.js';
import { CustomerStatus } from './customer-status.enum.js';

/** `subscriber` is a field resolver (batched); the product rides along, loaded with the row. */
@ObjectType('ProductSubscription', {
  implements: () => [Node],
  description:
    "A customer's declaration that it uses a product: the customer gets the product's events and is exposed by its incidents.",
})
export class ProductSubscription implements Node {
  @Field(() => ID, { description: 'Opaque id; use it in confirmCustomer, declineCustomer and `node(id)`.' })
  id: string;

  @Field(() => Product, { description: 'The product used.' })
  product: Product;

  @Field(() => [DataCategory], { description: 'What the subscriber itself entrusts to the product.' })
  dataCategories: DataCategory[];

  @Field(() => GraphQLISODateTime, { description: 'When the subscriber declared use (subscribed).' })
  createdAt: Date;

  @Field(() => CustomerStatus, {
    description:
      'PENDING until the supplier or the agency confirms (CONFIRMED) or declines (DECLINED) that the subscriber is a customer.',
  })
  customerStatus: CustomerStatus;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the supplier or the agency confirmed or declined; null while pending.',
  })
  decidedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the supplier or the agency declined; null unless DECLINED.',
  })
  declineReason: string | null;

  /** Internal keys; not in the schema. */
  uuid: string;
  subscriberUuid: string;
}

export const ProductSubscriptionConnection = Connection(ProductSubscription, 'ProductSubscription');
