import { registerEnumType } from '@nestjs/graphql';

/** How a requirement relates to a clause of another framework (as in NIST OLIR / OSCAL mapping). */
export enum MappingRelationship {
  EQUIVALENT = 'EQUIVALENT',
  SUBSET_OF = 'SUBSET_OF',
  SUPERSET_OF = 'SUPERSET_OF',
  INTERSECTS = 'INTERSECTS',
}

registerEnumType(MappingRelationship, {
  name: 'MappingRelationship',
  description: 'How a requirement relates to a clause of another framework (as in NIST OLIR).',
  valuesMap: {
    EQUIVALENT: { description: 'Asks for the same thing as the referenced clause.' },
    SUBSET_OF: { description: 'Asks for part of what the referenced clause asks.' },
    SUPERSET_OF: { description: 'Asks for more than the referenced clause.' },
    INTERSECTS: { description: 'Overlaps with the referenced clause; neither contains the other.' },
  },
});
