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

registerEnumType(DataCategory, {
  name: 'DataCategory',
  description: "Kinds of data a product processes for its customers; they set the product's tier.",
  valuesMap: {
    PERSONAL_IDENTITY_NUMBERS: {
      description: 'Swedish personal identity numbers (personnummer, samordningsnummer).',
    },
    CONTACT_DETAILS: { description: 'Names, addresses, e-mail addresses and telephone numbers.' },
    EMPLOYMENT_RECORDS: { description: 'Records about employees: contracts, salaries, absence.' },
    HEALTH_AND_REHABILITATION: {
      description: 'Health data and rehabilitation records (sensitive personal data).',
    },
    PROTECTED_IDENTITIES: { description: 'People with protected personal data (skyddade personuppgifter).' },
    CHILDREN: { description: 'Data about children, for example in schools or social services.' },
    FINANCIAL: { description: 'Payments, invoices, bank and benefit details.' },
    NO_PERSONAL_DATA: { description: 'No personal data at all; may not be combined with another category.' },
  },
});

/** Every category except NO_PERSONAL_DATA is personal data (GDPR art. 33 applies to a breach). */
export function isPersonalData(category: DataCategory): boolean {
  return category !== DataCategory.NO_PERSONAL_DATA;
}
