import { registerEnumType } from '@nestjs/graphql';

/**
 * The shared status's states (the contract's ComplianceState). Declared here because
 * ProductFilter.state needs it; the status module computes it and should import it from here.
 */
export enum ComplianceState {
  NOT_ASSESSED = 'NOT_ASSESSED',
  IN_ASSESSMENT = 'IN_ASSESSMENT',
  COMPLIANT = 'COMPLIANT',
  CONDITIONALLY_COMPLIANT = 'CONDITIONALLY_COMPLIANT',
  NON_COMPLIANT = 'NON_COMPLIANT',
  EXPIRED = 'EXPIRED',
  SUSPENDED = 'SUSPENDED',
}

registerEnumType(ComplianceState, {
  name: 'ComplianceState',
  description:
    "A product's shared compliance status against the current baseline, the same for every caller.",
  valuesMap: {
    COMPLIANT: { description: 'The last assessment approved the product and it is still valid.' },
    NON_COMPLIANT: { description: 'The last assessment rejected the product, or a remediation is overdue.' },
    NOT_ASSESSED: { description: 'No completed assessment against the current baseline.' },
    IN_ASSESSMENT: { description: 'An assessment is under way.' },
    CONDITIONALLY_COMPLIANT: { description: 'Gaps remain, each with a remediation that is not overdue.' },
    EXPIRED: { description: "The assessment's validity or key evidence has run out." },
    SUSPENDED: { description: "The agency has suspended the product's status, e.g. after an incident." },
  },
});
