import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ConnectionArgs, Connection } from '../../common/graphql/connection.js';
import { Node } from '../../common/graphql/node.js';
import { Organization } from '../../organizations/dto/organization.model.js';

@ObjectType('AuditEntry', {
  implements: () => [Node],
  description:
    'One change made in the registry: who did what to which object, chained by hash to the entry before it. Agency only.',
})
export class AuditEntry implements Node {
  @Field(() => ID, { description: 'Opaque id of the entry.' })
  id: string;

  @Field(() => GraphQLISODateTime, { description: 'When the change was committed.' })
  at: Date;

  @Field({ description: 'The subject of the access token that made the change (the person or system).' })
  actorSubject: string;

  @Field(() => Organization, {
    nullable: true,
    description: 'The organisation the actor acted for; null for the system itself.',
  })
  actorOrganization?: Organization | null;

  @Field({ description: 'What was done, as `area.verb`, e.g. webhook.remove.' })
  action: string;

  @Field({ description: 'The GraphQL type of the object changed, e.g. Webhook.' })
  entityType: string;

  @Field({ description: 'The id of the object changed, as the API gives it.' })
  entityId: string;

  @Field({ description: 'Hex SHA-256 chaining this entry to the one before it.' })
  hash: string;

  /** Internal: the acting organisation's key, for the field resolver. */
  actorOrganizationUuid: string | null;
}

export const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry');

@ObjectType('AuditVerification', {
  description: 'The result of recomputing the audit hash chain from the first entry.',
})
export class AuditVerification {
  @Field({ description: 'True when every entry chains correctly to the one before it.' })
  valid: boolean;

  @Field(() => Int, { description: 'How many entries were checked.' })
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
  @Field(() => Int, { description: 'How many audit entries the checkpoint covers, from the first.' })
  treeSize: number;

  @Field({ description: 'Hex RFC 9162 Merkle tree hash over the entry hashes.' })
  rootHash: string;

  @Field({ description: 'The chain hash of entry treeSize.' })
  headHash: string;

  @Field(() => GraphQLISODateTime, { description: 'When the checkpoint was signed.' })
  signedAt: Date;

  @Field({ description: 'Which signing key signed it; the key is in publicKey.' })
  keyId: string;

  @Field({ description: 'Base64 Ed25519 signature over the checkpoint message (see README, audit trail).' })
  signature: string;

  @Field({ description: 'The signing public key, SPKI PEM.' })
  publicKey: string;
}

export const AuditCheckpointConnection = Connection(AuditCheckpoint, 'AuditCheckpoint');
