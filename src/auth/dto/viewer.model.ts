import { Field, ObjectType } from '@nestjs/graphql';
import { Role } from '../../common/actor.js';
import { Organization } from '../../organizations/dto/organization.model.js';

@ObjectType('Viewer')
export class Viewer {
  @Field({ description: "The token's subject." })
  subject: string;

  @Field(() => Organization)
  organization: Organization;

  @Field(() => [Role])
  roles: Role[];
}
