/** The GraphQL documents of the scenarios; the raw server answers S1-S3 by operationName. */

const STATUS = `status { state satisfied partiallySatisfied notSatisfied notApplicable notAssessed openRemediations overdueRemediations }`;
const FINDINGS = `assessments(first: 1) { edges { node { id findings { result requirement { code } } } } }`;

export const S1_QUERY = `query S1($first: Int!) { mySubscriptions(first: $first) { totalCount edges { node { id product { id name supplier { name } ${STATUS} } } } } }`;

export const S2_QUERY = `query S2($first: Int!) { mySubscriptions(first: $first) { totalCount edges { node { id product { id name supplier { name } ${STATUS} ${FINDINGS} } } } } }`;

export const S3_QUERY = `query S3($id: ID!) { product(id: $id) { id name supplier { name } ${STATUS} ${FINDINGS} } }`;

export const S4_MUTATION = `mutation S4($input: RecordFindingInput!) { recordFinding(input: $input) { id result } }`;

export const S5_MUTATION = `mutation S5($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }`;

export function body(operationName, query, variables) {
  return JSON.stringify({ operationName, query, variables });
}
