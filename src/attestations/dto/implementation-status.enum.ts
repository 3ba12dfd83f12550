import { registerEnumType } from '@nestjs/graphql';

export enum ImplementationStatus {
  IMPLEMENTED = 'IMPLEMENTED',
  PARTIALLY_IMPLEMENTED = 'PARTIALLY_IMPLEMENTED',
  PLANNED = 'PLANNED',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

registerEnumType(ImplementationStatus, { name: 'ImplementationStatus' });
