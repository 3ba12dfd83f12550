import { ArgsType, Field } from '@nestjs/graphql';
import { IsEnum, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { OrganizationKind } from '../../common/actor.js';
import { ConnectionArgs } from '../../common/graphql/connection.js';
import { IsOrgNumber } from './is-org-number.validator.js';

@ArgsType()
export class OrganizationsArgs extends ConnectionArgs {
  @Field(() => OrganizationKind, {
    nullable: true,
    description: 'Only organisations of this kind; all kinds when left out.',
  })
  @IsOptional()
  @IsEnum(OrganizationKind)
  kind?: OrganizationKind | null;

  @Field(() => String, { nullable: true, description: 'Part of the name; case and accents are ignored.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string | null;
}

/** Kinds the agency registers; the agency, municipalities and regions are seeded. */
export const REGISTRABLE_KINDS = [
  OrganizationKind.SUPPLIER,
  OrganizationKind.ASSESSOR,
  OrganizationKind.PUBLIC_BODY,
] as const;

@ArgsType()
export class RegisterOrganizationArgs {
  @Field(() => OrganizationKind, { description: 'SUPPLIER, ASSESSOR or PUBLIC_BODY; the others are seeded.' })
  @IsIn(REGISTRABLE_KINDS, { message: `kind must be one of ${REGISTRABLE_KINDS.join(', ')}` })
  kind: OrganizationKind;

  @Field({ description: 'The official name, 2 to 200 characters.' })
  @IsString()
  @Length(2, 200, { message: 'name must be 2 to 200 characters' })
  name: string;

  @Field({ description: 'NNNNNN-NNNN; the check digit is verified.' })
  @IsOrgNumber()
  orgNumber: string;
}
