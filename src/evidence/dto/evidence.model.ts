import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { Confidentiality, EvidenceStatus } from './evidence.enum.js';

/** Evidence as the API shows it; product, requirements and downloadUrl are field resolvers. */
@ObjectType('Evidence', {
  implements: () => [Node],
  description:
    'A document a supplier provides to show how a product meets requirements (a policy, a report, a certificate). Who may see it is its confidentiality.',
})
export class Evidence implements Node {
  @Field(() => ID, { description: 'Opaque id; use it in findings, attestations and `node(id)`.' })
  id: string;

  @Field({ description: 'A short title, e.g. "ISO 27001 certificate 2026".' })
  title: string;

  @Field(() => String, { nullable: true, description: 'What the document shows; null when none.' })
  description: string | null;

  @Field(() => Confidentiality, { description: 'Who may see it.' })
  confidentiality: Confidentiality;

  @Field(() => EvidenceStatus, { description: 'Whether the file is there, usable, refused or expired.' })
  status: EvidenceStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why the upload was refused: the rule and where, never the content.',
  })
  rejectionReason: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'From when the document is valid; null when not stated.',
  })
  validFrom: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Until when it is valid; after it the status is EXPIRED. Null when it does not expire.',
  })
  validUntil: Date | null;

  @Field(() => String, { nullable: true, description: 'The file name given when it was announced.' })
  fileName: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The media type of the uploaded file, e.g. application/pdf; null before upload.',
  })
  mediaType: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Size of the uploaded file in bytes; null before upload.',
  })
  sizeBytes: number | null;

  @Field(() => String, { nullable: true, description: 'Hex SHA-256 of the stored bytes.' })
  sha256: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the file was uploaded; null before.',
  })
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
  @Field(() => Evidence, { description: 'The announced evidence, AWAITING_UPLOAD.' })
  evidence: Evidence;

  @Field({
    description: 'Where to PUT the file, with the same bearer token; only your organisation may use it.',
  })
  uploadUrl: string;

  @Field(() => GraphQLISODateTime, {
    description: 'After this the upload URL is refused.',
  })
  expiresAt: Date;
}
