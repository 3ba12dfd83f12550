import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ComplianceState } from '../../products/dto/compliance-state.enum.js';
import { Product } from '../../products/dto/product.model.js';

@ObjectType('ChainLink', {
  description:
    'A product up the sub-processor chain of the product whose status this is: what it relies on, directly or through others.',
})
export class ChainLink {
  /** Resolved by ChainLink.product; not in the schema. */
  productUuid: string;

  /** Resolved by ChainLink.path; not in the schema. */
  pathUuids: string[];

  @Field(() => Product, { description: 'The upstream product.' })
  product?: Product;

  @Field(() => ComplianceState, { description: "The upstream product's own assessed state." })
  state: ComplianceState;

  @Field(() => Int, {
    description:
      'Open incidents on the upstream product that the caller may see (the agency, the reporting supplier, exposed customers).',
  })
  openIncidents: number;

  @Field(() => [Product], {
    description: 'From this product (first) to the upstream product (last); the shortest such path.',
  })
  path?: Product[];
}
