import { registerEnumType } from '@nestjs/graphql';

export enum ImplementationStatus {
  IMPLEMENTED = 'IMPLEMENTED',
  PARTIALLY_IMPLEMENTED = 'PARTIALLY_IMPLEMENTED',
  PLANNED = 'PLANNED',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

registerEnumType(ImplementationStatus, {
  name: 'ImplementationStatus',
  description: 'How far the supplier says it has implemented a requirement.',
  valuesMap: {
    IMPLEMENTED: { description: 'Implemented in full.' },
    PARTIALLY_IMPLEMENTED: { description: 'Implemented in part; the statement says what is missing.' },
    PLANNED: { description: 'Not implemented yet, but planned.' },
    NOT_APPLICABLE: { description: 'Does not apply to the product; the statement says why.' },
  },
});
