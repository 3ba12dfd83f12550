import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { DataCategory } from '../../products/dto/data-category.enum.js';

@ObjectType('CategoryConcentration', {
  description:
    'How many municipalities and regions entrust one data category to a supplier, directly or not.',
})
export class CategoryConcentration {
  @Field(() => DataCategory, { description: 'The kind of data.' })
  dataCategory: DataCategory;

  @Field(() => Int, {
    description: 'Municipalities and regions that entrust this kind of data to the supplier.',
  })
  dependents: number;

  @Field(() => Float, { description: 'dependents / all municipalities and regions in the registry (0-1).' })
  share: number;
}

@ObjectType('SupplierConcentration', {
  description:
    'A supplier and the municipalities and regions that depend on it, through a subscription to one of its ' +
    'products or to a product relying on one of its products through any chain of sub-processors.',
})
export class SupplierConcentration {
  @Field(() => Int, { description: 'Municipalities and regions depending on the supplier.' })
  dependents: number;

  @Field(() => Int, { description: 'Of the dependents, how many are municipalities.' })
  municipalities: number;

  @Field(() => Int, { description: 'Of the dependents, how many are regions.' })
  regions: number;

  @Field(() => Float, { description: 'dependents / all municipalities and regions in the registry (0-1).' })
  share: number;

  @Field(() => Int, { description: 'Of the dependents, those subscribing to one of its products directly.' })
  directDependents: number;

  @Field(() => [CategoryConcentration], {
    description:
      'By the data categories the dependents entrust to their subscribed products; most dependents first.',
  })
  byDataCategory: CategoryConcentration[];

  /** Field resolver Organization via the loader; not in the schema. */
  supplierUuid: string;
}

export const SupplierConcentrationConnection = Connection(SupplierConcentration, 'SupplierConcentration');
