import { Field, ObjectType } from '@nestjs/graphql';
import { Role } from '../../common/actor.js';
import { Organization } from '../../organizations/dto/organization.model.js';

@ObjectType('Viewer', {
  description: 'Who the caller is, as the access token says: the person, their organisation and roles.',
})
export class Viewer {
  @Field({ description: "The token's subject." })
  subject: string;

  @Field(() => Organization, { description: 'The organisation the caller acts for.' })
  organization: Organization;

  @Field(() => [Role], { description: 'The roles the caller holds in that organisation.' })
  roles: Role[];
}
