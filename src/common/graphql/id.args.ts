import { ArgsType } from '@nestjs/graphql';
import { IdField } from './id-field.js';

/** `(id: ID!)`: the argument of every operation on one object by its opaque id. */
@ArgsType()
export class IdArgs {
  @IdField({ description: 'The opaque id, as returned in the `id` field of the object.' })
  id: string;
}
