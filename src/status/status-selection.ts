import type { FieldNode } from 'graphql';
import { nodesSelectOnly, type SelectionDocument, subFields } from '../common/graphql/selection.js';
import type { StatusDetail } from './status-sql.js';

/** The ProductStatus fields a status read without its reasons answers (see StatusDetail). */
const STATE_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'state',
  'effectiveState',
  'tier',
  'assessedAt',
  'validUntil',
  'satisfied',
  'partiallySatisfied',
  'notSatisfied',
  'notApplicable',
  'notAssessed',
  'openRemediations',
  'overdueRemediations',
  'openIncidents',
  'baseline',
]);

/**
 * What a product statement must read of the status for this selection of Product (all its nodes
 * in the document): `state` when no `status` below them asks for more than STATE_FIELDS (through
 * fragments too; a field under @skip/@include counts as asked), else `full`.
 */
export function statusDetailOf(
  productNodes: readonly FieldNode[],
  document: SelectionDocument,
): StatusDetail {
  const status = subFields(productNodes, document, 'status').flat();
  return nodesSelectOnly(status, document, STATE_FIELDS) ? 'state' : 'full';
}
