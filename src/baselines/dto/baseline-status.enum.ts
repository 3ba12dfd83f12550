import { registerEnumType } from '@nestjs/graphql';

/** DRAFT -> PUBLISHED -> RETIRED; nothing goes back. */
export enum BaselineStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
}

registerEnumType(BaselineStatus, {
  name: 'BaselineStatus',
  description:
    'Where a baseline version is in its life: DRAFT, then PUBLISHED, then RETIRED; nothing goes back.',
  valuesMap: {
    DRAFT: { description: 'Being written; the agency and assessors see it, requirements may change.' },
    PUBLISHED: { description: 'Immutable and visible to everyone; the newest one is current.' },
    RETIRED: { description: 'No longer in force; never current, kept for past assessments.' },
  },
});
