import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';

/** `(id: ID!)`: the argument of every operation on one object by its opaque id. */
@ArgsType()
export class IdArgs {
  @Field(() => ID, { description: 'The opaque id, as returned in the `id` field of the object.' })
  @IsString()
  @MaxLength(200)
  id: string;
}
