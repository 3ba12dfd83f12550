import { registerEnumType } from '@nestjs/graphql';

/** Kinds of data a product processes for its customers. */
export enum DataCategory {
  PERSONAL_IDENTITY_NUMBERS = 'PERSONAL_IDENTITY_NUMBERS',
  CONTACT_DETAILS = 'CONTACT_DETAILS',
  EMPLOYMENT_RECORDS = 'EMPLOYMENT_RECORDS',
  HEALTH_AND_REHABILITATION = 'HEALTH_AND_REHABILITATION',
  PROTECTED_IDENTITIES = 'PROTECTED_IDENTITIES',
  CHILDREN = 'CHILDREN',
  FINANCIAL = 'FINANCIAL',
  NO_PERSONAL_DATA = 'NO_PERSONAL_DATA',
}

registerEnumType(DataCategory, { name: 'DataCategory' });

/** Every category except NO_PERSONAL_DATA is personal data (GDPR art. 33 applies to a breach). */
export function isPersonalData(category: DataCategory): boolean {
  return category !== DataCategory.NO_PERSONAL_DATA;
}
