import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { Confidentiality, EvidenceStatus } from './evidence.enums.js';

/** Evidence as the API shows it; product, requirements and downloadUrl are field resolvers. */
@ObjectType('Evidence', { implements: () => [Node] })
export class Evidence implements Node {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => Confidentiality)
  confidentiality: Confidentiality;

  @Field(() => EvidenceStatus)
  status: EvidenceStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the upload was refused: the rule and where, never the content.',
  })
  rejectionReason: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  validFrom: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  validUntil: Date | null;

  @Field(() => String, { nullable: true })
  fileName: string | null;

  @Field(() => String, { nullable: true })
  mediaType: string | null;

  @Field(() => Int, { nullable: true })
  sizeBytes: number | null;

  @Field(() => String, { nullable: true, description: 'Hex SHA-256 of the stored bytes.' })
  sha256: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  uploadedAt: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the content was scanned for personal identity numbers (false for images); null before upload.',
  })
  contentScanned: boolean | null;

  /** Internal keys for field resolvers; not in the schema. */
  uuid: string;
  productUuid: string;
  supplierUuid: string;
  createdAt: Date;
}

export const EvidenceConnection = Connection(Evidence, 'Evidence');

@ObjectType({
  description:
    'Upload the file with an HTTP PUT of the raw bytes to uploadUrl, with the same bearer token, before expiresAt.',
})
export class EvidenceUpload {
  @Field(() => Evidence)
  evidence: Evidence;

  @Field()
  uploadUrl: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;
}
