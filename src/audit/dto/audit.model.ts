import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ConnectionArgs, Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { Organization } from '../../organizations/dto/organization.model.js';

@ObjectType('AuditEntry', { implements: () => [Node] })
export class AuditEntry implements Node {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field()
  actorSubject: string;

  @Field(() => Organization, { nullable: true })
  actorOrganization?: Organization | null;

  @Field()
  action: string;

  @Field()
  entityType: string;

  @Field()
  entityId: string;

  @Field({ description: 'Hex SHA-256 chaining this entry to the one before it.' })
  hash: string;

  /** Internal: the acting organisation's key, for the field resolver. */
  actorOrganizationUuid: string | null;
}

export const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry');

@ObjectType('AuditVerification')
export class AuditVerification {
  @Field()
  valid: boolean;

  @Field(() => Int)
  entriesChecked: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The first entry whose hash does not match, when valid is false.',
  })
  firstInvalidEntryId: string | null;
}

@ArgsType()
export class AuditLogArgs extends ConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only entries about this entity (its id as recorded).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string | null;
}

@ObjectType('AuditCheckpoint', {
  description:
    'A signed RFC 9162 Merkle tree head over the first treeSize audit entries. Save one outside the registry to detect a rewritten or rolled-back history later (npm run audit:verify).',
})
export class AuditCheckpoint {
  @Field(() => Int)
  treeSize: number;

  @Field({ description: 'Hex RFC 9162 Merkle tree hash over the entry hashes.' })
  rootHash: string;

  @Field({ description: 'The chain hash of entry treeSize.' })
  headHash: string;

  @Field(() => GraphQLISODateTime)
  signedAt: Date;

  @Field()
  keyId: string;

  @Field({ description: 'Base64 Ed25519 signature over the checkpoint message (see README, audit trail).' })
  signature: string;

  @Field({ description: 'The signing public key, SPKI PEM.' })
  publicKey: string;
}

export const AuditCheckpointConnection = Connection(AuditCheckpoint, 'AuditCheckpoint');
