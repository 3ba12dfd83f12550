import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';

@ObjectType('StatusStatement', {
  description:
    "A compact JWS (EdDSA) over the product's status on the day; verify with the keys at /.well-known/jwks.json.",
})
export class StatusStatement {
  @Field({
    description:
      'The compact JWS. Its payload names the product and supplier, the state and its reasons, the baseline version, the assessment with the SHA-256 of its OSCAL assessment results, valid until and the time of issue.',
  })
  jws: string;

  @Field({ description: 'The kid of the key that signed it, as published at /.well-known/jwks.json.' })
  keyId: string;

  @Field(() => GraphQLISODateTime, { description: 'When the registry issued and signed it.' })
  issuedAt: Date;
}
