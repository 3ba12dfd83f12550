import { toGlobalId } from '../common/graphql/global-id.js';
import { headModel } from '../common/models/head-model.js';
import { loaderName } from '../common/graphql/request-context.js';
import { Organization } from './dto/organization.model.js';
import type { OrganizationEntity } from './organization.entity.js';

export const ORGANIZATION_TYPE = 'Organization';

/** Organisations by uuid (OrganizationsService.loader): suppliers, subscribers, assessors. */
export const ORGANIZATION_LOADER = loaderName<string, Organization | null>('organization');

export function organizationId(uuid: string): string {
  return toGlobalId(ORGANIZATION_TYPE, uuid);
}

/** The fields an organisation model is made of (an entity, or a typed row such as SUPPLIER_ROW's). */
export type OrganizationFields = Pick<
  OrganizationEntity,
  'id' | 'kind' | 'name' | 'orgNumber' | 'municipalityCode' | 'countyCode' | 'createdAt'
>;

export function toOrganization(entity: OrganizationFields): Organization {
  const model = new Organization();
  model.id = organizationId(entity.id);
  model.uuid = entity.id;
  model.kind = entity.kind;
  model.name = entity.name;
  model.orgNumber = entity.orgNumber;
  model.municipalityCode = entity.municipalityCode;
  model.countyCode = entity.countyCode;
  model.registeredAt = entity.createdAt;
  return model;
}

/** Organization fields a head answers: what a hot statement reads of a supplier (see headModel). */
export const ORGANIZATION_HEAD_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'name']);

const OrganizationHead = headModel(Organization, [
  'kind',
  'orgNumber',
  'municipalityCode',
  'countyCode',
  'registeredAt',
]);

/** An organisation read for ORGANIZATION_HEAD_FIELDS only; its other fields refuse to be read. */
export function toOrganizationHead(uuid: string, name: string): Organization {
  const model = new OrganizationHead();
  model.id = organizationId(uuid);
  model.uuid = uuid;
  model.name = name;
  return model;
}
