import { MappingRelationship } from '../dto/mapping-relationship.enum.js';
import { Tier } from '../dto/tier.enum.js';

/*
 * The example national supplier baseline shipped with the registry: the project's own wording, not
 * an official text. Each requirement names the sections of the annex to Commission Implementing
 * Regulation (EU) 2024/2690 (technical and methodological requirements under NIS2 art. 21(2)) that
 * it helps a supplier's customers meet. Loaded as a published baseline on an empty database.
 */

export const NIS2_IR = 'NIS2-IR-2024-2690';
export const EXAMPLE_BASELINE_KEY = 'ncsc-supplier-baseline';
export const EXAMPLE_BASELINE_VERSION = '2026.1';

const ALL = [Tier.BASIC, Tier.ELEVATED, Tier.HIGH];
const ELEVATED_UP = [Tier.ELEVATED, Tier.HIGH];
const HIGH_ONLY = [Tier.HIGH];

const { INTERSECTS, SUBSET_OF, EQUIVALENT } = MappingRelationship;

export interface ExampleRequirement {
  code: string;
  title: string;
  category: string;
  tiers: Tier[];
  statement: string;
  guidance?: string;
  evidenceExpected: string;
  mappings: { framework: string; reference: string; relationship: MappingRelationship }[];
}

const nis2 = (relationship: MappingRelationship, ...references: string[]) =>
  references.map((reference) => ({ framework: NIS2_IR, reference, relationship }));

export const EXAMPLE_REQUIREMENTS: ExampleRequirement[] = [
  // ---------------------------------------------------------------- identity and access
  {
    code: 'IAM-01',
    title: 'Documented access control',
    category: 'Identity and access',
    tiers: ALL,
    statement:
      'The supplier has a documented access control policy for the service that grants access on the basis of need, least privilege and separation of duties, and reviews it at least yearly.',
    evidenceExpected: 'The current access control policy with its approval date and owner.',
    mappings: nis2(EQUIVALENT, '11.1'),
  },
  {
    code: 'IAM-02',
    title: 'Individual accounts',
    category: 'Identity and access',
    tiers: ALL,
    statement:
      'Every person who can reach customer data or administer the service does so through a personal account; shared or generic accounts are not used for interactive access.',
    guidance:
      'Technical service accounts are allowed when each has a named owner and cannot be used to log in interactively.',
    evidenceExpected:
      'An extract of the account register showing owners, and the rule that forbids shared accounts.',
    mappings: nis2(INTERSECTS, '11.5', '11.2'),
  },
  {
    code: 'IAM-03',
    title: 'Multi-factor authentication',
    category: 'Identity and access',
    tiers: ALL,
    statement:
      'Administrative access, remote access and all access by the supplier’s staff to customer data require multi-factor authentication.',
    guidance:
      'Phishing-resistant methods (FIDO2 keys, platform authenticators, certificate-based smart cards) are expected for administrators at the HIGH tier.',
    evidenceExpected:
      'Identity provider configuration showing the enforced policies, and a list of exceptions with their approvals.',
    mappings: nis2(EQUIVALENT, '11.7').concat(nis2(INTERSECTS, '11.6')),
  },
  {
    code: 'IAM-04',
    title: 'Joiners, movers and leavers',
    category: 'Identity and access',
    tiers: ALL,
    statement:
      'Access rights are granted, changed and revoked through a recorded process; access of people who leave or change role is removed no later than their last working day.',
    evidenceExpected:
      'The procedure, and records for a sample of recent leavers showing when their access was removed.',
    mappings: nis2(INTERSECTS, '11.2', '10.3'),
  },
  {
    code: 'IAM-05',
    title: 'Privileged access management',
    category: 'Identity and access',
    tiers: ELEVATED_UP,
    statement:
      'Privileged accounts are separate from everyday accounts, limited in number, used only from hardened administration workstations or jump hosts, and their use is logged.',
    evidenceExpected:
      'The list of privileged accounts and holders, and the configuration that confines their use.',
    mappings: nis2(EQUIVALENT, '11.3').concat(nis2(INTERSECTS, '11.4')),
  },
  {
    code: 'IAM-06',
    title: 'Periodic access reviews',
    category: 'Identity and access',
    tiers: ELEVATED_UP,
    statement:
      'Access rights to systems holding customer data are reviewed by their owners at least every six months, and privileged rights every three months; excess rights are removed.',
    evidenceExpected: 'The last two completed reviews with their findings and the resulting changes.',
    mappings: nis2(SUBSET_OF, '11.2'),
  },
  // ---------------------------------------------------------------- cryptography
  {
    code: 'CRY-01',
    title: 'Encryption in transit',
    category: 'Cryptography',
    tiers: ALL,
    statement:
      'All traffic carrying customer data over networks the supplier does not fully control is encrypted with TLS 1.2 or later using current cipher suites.',
    evidenceExpected:
      'An external TLS scan of public endpoints and the configuration baseline for internal services.',
    mappings: nis2(SUBSET_OF, '9.1'),
  },
  {
    code: 'CRY-02',
    title: 'Encryption at rest',
    category: 'Cryptography',
    tiers: ELEVATED_UP,
    statement:
      'Customer data, including backups and replicas, is encrypted at rest with keys managed by the supplier or the customer, never by individual staff.',
    evidenceExpected:
      'Storage and backup configuration showing encryption, and the description of key ownership.',
    mappings: nis2(SUBSET_OF, '9.1'),
  },
  {
    code: 'CRY-03',
    title: 'Key management',
    category: 'Cryptography',
    tiers: HIGH_ONLY,
    statement:
      'Cryptographic keys protecting customer data are generated, stored, rotated and destroyed according to a documented key management procedure; master keys are held in hardware security modules or an equivalent managed key service.',
    evidenceExpected: 'The key management procedure, the key inventory, and evidence of the last rotation.',
    mappings: nis2(INTERSECTS, '9.1'),
  },
  // ---------------------------------------------------------------- logging and monitoring
  {
    code: 'LOG-01',
    title: 'Security logging',
    category: 'Logging and monitoring',
    tiers: ALL,
    statement:
      'The service logs authentication, administrative actions, access to customer data and security-relevant errors, with synchronised time stamps, and keeps the logs for at least 12 months.',
    evidenceExpected: 'The logging standard, and sample log entries for each event class.',
    mappings: nis2(INTERSECTS, '3.2'),
  },
  {
    code: 'LOG-02',
    title: 'Protected logs',
    category: 'Logging and monitoring',
    tiers: ELEVATED_UP,
    statement:
      'Logs are sent to a central store that administrators of the logged systems cannot alter or delete, and access to the logs is itself logged.',
    evidenceExpected: 'Architecture of the log pipeline and the permissions of the central store.',
    mappings: nis2(SUBSET_OF, '3.2'),
  },
  {
    code: 'LOG-03',
    title: 'Continuous monitoring',
    category: 'Logging and monitoring',
    tiers: HIGH_ONLY,
    statement:
      'Security events are monitored around the clock, automatically or by a staffed function, with documented use cases and a response time for critical alerts of at most one hour.',
    evidenceExpected: 'The monitoring use-case catalogue, alert statistics and the on-call arrangement.',
    mappings: nis2(INTERSECTS, '3.2', '3.3'),
  },
  // ---------------------------------------------------------------- incident handling
  {
    code: 'INC-01',
    title: 'Incident handling procedure',
    category: 'Incident handling',
    tiers: ALL,
    statement:
      'The supplier has a tested procedure for detecting, classifying, containing and recovering from security incidents, with named roles and contact paths.',
    evidenceExpected: 'The procedure and the report of the latest exercise or real incident.',
    mappings: nis2(EQUIVALENT, '3.1').concat(nis2(INTERSECTS, '3.4', '3.5')),
  },
  {
    code: 'INC-02',
    title: 'Notifying customers',
    category: 'Incident handling',
    tiers: ALL,
    statement:
      'The supplier notifies affected customers of a significant incident without undue delay and within 24 hours of becoming aware of it, so that they can meet their own reporting deadlines under NIS2 and the GDPR.',
    guidance:
      'Report through the registry as well: customers exposed through sub-processors are then told automatically.',
    evidenceExpected:
      'Contract clauses or terms with the notification commitment, and the notification template.',
    mappings: nis2(INTERSECTS, '3.3', '3.5'),
  },
  {
    code: 'INC-03',
    title: 'Lessons learned',
    category: 'Incident handling',
    tiers: ELEVATED_UP,
    statement:
      'Every significant incident is followed by a documented review of causes and response, and the resulting improvements are tracked to completion.',
    evidenceExpected:
      'The post-incident review of the most recent significant incident, or the template if there was none.',
    mappings: nis2(EQUIVALENT, '3.6'),
  },
  // ---------------------------------------------------------------- suppliers and sub-processors
  {
    code: 'SUP-01',
    title: 'Register of sub-processors',
    category: 'Suppliers and sub-processors',
    tiers: ALL,
    statement:
      'The supplier keeps a current register of the sub-processors and ICT service providers that process or can reach customer data, with their location and role, and records them in the registry.',
    evidenceExpected: 'The register, and the registry entries of the product’s sub-processors.',
    mappings: nis2(EQUIVALENT, '5.2'),
  },
  {
    code: 'SUP-02',
    title: 'Security requirements on sub-processors',
    category: 'Suppliers and sub-processors',
    tiers: ALL,
    statement:
      'Agreements with sub-processors impose security requirements at least equivalent to this baseline for the tier of the product, including incident notification and the right to audit.',
    evidenceExpected: 'The standard contract clauses and a sample of signed agreements.',
    mappings: nis2(INTERSECTS, '5.1', '6.1'),
  },
  {
    code: 'SUP-03',
    title: 'Advance notice of new sub-processors',
    category: 'Suppliers and sub-processors',
    tiers: ELEVATED_UP,
    statement:
      'Customers are told at least 30 days before a new sub-processor starts to process their data and may object; changes of the country where data is processed are announced the same way.',
    evidenceExpected: 'The notification procedure and the last notifications sent.',
    mappings: nis2(INTERSECTS, '5.1'),
  },
  {
    code: 'SUP-04',
    title: 'Monitoring of suppliers',
    category: 'Suppliers and sub-processors',
    tiers: HIGH_ONLY,
    statement:
      'The supplier assesses the security of its critical sub-processors before engaging them and at least yearly, and acts on the findings.',
    evidenceExpected: 'The assessment method and the latest assessments of critical sub-processors.',
    mappings: nis2(SUBSET_OF, '5.1'),
  },
  // ---------------------------------------------------------------- data retention and deletion
  {
    code: 'DAT-01',
    title: 'Retention schedule',
    category: 'Data retention and deletion',
    tiers: ALL,
    statement:
      'The supplier documents how long each kind of customer data is kept, and keeps no data longer than the customer’s instructions or the law allow.',
    evidenceExpected: 'The retention schedule and the mechanism that enforces it.',
    mappings: nis2(INTERSECTS, '12.1', '12.2'),
  },
  {
    code: 'DAT-02',
    title: 'Deletion at the end of the contract',
    category: 'Data retention and deletion',
    tiers: ALL,
    statement:
      'When a contract ends, customer data is returned in an open format and then deleted from production, replicas and, within the backup cycle, from backups; the deletion is confirmed in writing.',
    evidenceExpected: 'The exit procedure and a deletion confirmation from a recent exit.',
    mappings: nis2(INTERSECTS, '12.2', '12.5'),
  },
  {
    code: 'DAT-03',
    title: 'Secure disposal of media',
    category: 'Data retention and deletion',
    tiers: ELEVATED_UP,
    statement:
      'Storage media that held customer data are wiped with a verified method or physically destroyed before reuse or disposal, and the disposal is recorded.',
    evidenceExpected: 'The disposal procedure and certificates of destruction or wiping logs.',
    mappings: nis2(INTERSECTS, '12.2', '12.3'),
  },
  // ---------------------------------------------------------------- backup and recovery
  {
    code: 'BCK-01',
    title: 'Backups',
    category: 'Backup and recovery',
    tiers: ALL,
    statement:
      'Customer data and the configuration needed to rebuild the service are backed up at least daily, and at least one copy is kept offline or immutable and separate from the production environment.',
    evidenceExpected: 'The backup policy and the backup job reports for the last month.',
    mappings: nis2(SUBSET_OF, '4.2'),
  },
  {
    code: 'BCK-02',
    title: 'Restore tests',
    category: 'Backup and recovery',
    tiers: ELEVATED_UP,
    statement:
      'Restoring from backup is tested at least twice a year against the agreed recovery time and recovery point objectives, and failures are corrected.',
    evidenceExpected: 'Reports of the last two restore tests with measured times.',
    mappings: nis2(INTERSECTS, '4.1', '4.2'),
  },
  {
    code: 'BCK-03',
    title: 'Continuity and disaster recovery plan',
    category: 'Backup and recovery',
    tiers: HIGH_ONLY,
    statement:
      'A business continuity and disaster recovery plan for the service is maintained, covers the loss of a data centre or cloud region, and is exercised at least yearly.',
    evidenceExpected: 'The plan and the report of the last exercise.',
    mappings: nis2(EQUIVALENT, '4.1').concat(nis2(INTERSECTS, '4.3')),
  },
  // ---------------------------------------------------------------- vulnerability handling
  {
    code: 'VUL-01',
    title: 'Patching',
    category: 'Vulnerability handling',
    tiers: ALL,
    statement:
      'Security updates are applied within 14 days of release, and within 72 hours for vulnerabilities that are exploited in the wild and reachable from the internet.',
    evidenceExpected: 'The patch policy and patch-compliance reports for the last quarter.',
    mappings: nis2(EQUIVALENT, '6.6'),
  },
  {
    code: 'VUL-02',
    title: 'Vulnerability scanning',
    category: 'Vulnerability handling',
    tiers: ALL,
    statement:
      'Internet-facing systems and components of the service are scanned for known vulnerabilities at least monthly, and findings are fixed within set deadlines by severity.',
    evidenceExpected: 'Recent scan reports and the tracking of their findings.',
    mappings: nis2(INTERSECTS, '6.10', '6.5'),
  },
  {
    code: 'VUL-03',
    title: 'Coordinated vulnerability disclosure',
    category: 'Vulnerability handling',
    tiers: ELEVATED_UP,
    statement:
      'The supplier publishes how to report vulnerabilities (for example a security.txt file), acknowledges reports within five working days and informs customers of fixed vulnerabilities that affected them.',
    evidenceExpected: 'The published disclosure policy and the handling records of recent reports.',
    mappings: nis2(SUBSET_OF, '6.10'),
  },
  {
    code: 'VUL-04',
    title: 'Independent penetration testing',
    category: 'Vulnerability handling',
    tiers: HIGH_ONLY,
    statement:
      'The service is penetration tested by an independent party at least yearly and after major changes, and critical and high findings are fixed before the next test.',
    evidenceExpected: 'The executive summary of the latest test and the remediation status of its findings.',
    mappings: nis2(INTERSECTS, '6.5', '2.3'),
  },
  // ---------------------------------------------------------------- secure development
  {
    code: 'DEV-01',
    title: 'Secure development life cycle',
    category: 'Secure development',
    tiers: ALL,
    statement:
      'Software of the service is developed under documented secure development practices: threat modelling of significant changes, peer review of code, and separation of development, test and production environments.',
    evidenceExpected: 'The development guidelines and evidence of review on a sample of recent changes.',
    mappings: nis2(EQUIVALENT, '6.2').concat(nis2(INTERSECTS, '6.4')),
  },
  {
    code: 'DEV-02',
    title: 'Dependency and supply chain control',
    category: 'Secure development',
    tiers: ELEVATED_UP,
    statement:
      'Third-party components are inventoried in a software bill of materials, checked automatically for known vulnerabilities on every build, and taken only from trusted sources.',
    evidenceExpected: 'An SBOM of the current release and the build pipeline’s dependency checks.',
    mappings: nis2(INTERSECTS, '6.2', '6.10', '5.1'),
  },
  {
    code: 'DEV-03',
    title: 'Security testing before release',
    category: 'Secure development',
    tiers: ELEVATED_UP,
    statement:
      'Changes are security tested before release with automated static analysis and tests of authentication and authorisation, and releases follow a recorded change process that allows roll-back.',
    evidenceExpected: 'Pipeline configuration and the change records of recent releases.',
    mappings: nis2(INTERSECTS, '6.4', '6.5', '6.3'),
  },
  // ---------------------------------------------------------------- personnel security
  {
    code: 'PER-01',
    title: 'Security awareness training',
    category: 'Personnel security',
    tiers: ALL,
    statement:
      'Everyone working on the service completes security awareness training when starting and at least yearly, and staff with privileged access receive role-specific training.',
    evidenceExpected: 'Training material and completion statistics.',
    mappings: nis2(INTERSECTS, '8.1', '8.2'),
  },
  {
    code: 'PER-02',
    title: 'Confidentiality and responsibilities',
    category: 'Personnel security',
    tiers: ALL,
    statement:
      'Staff and contractors with access to customer data are bound by confidentiality obligations and know their security responsibilities, which continue after the engagement ends.',
    evidenceExpected:
      'The confidentiality agreement template and the description of security responsibilities.',
    mappings: nis2(INTERSECTS, '10.1', '10.3'),
  },
  {
    code: 'PER-03',
    title: 'Background verification',
    category: 'Personnel security',
    tiers: HIGH_ONLY,
    statement:
      'People given privileged access or access to HIGH-tier customer data are background checked in proportion to the risk and as Swedish law permits, before access is granted.',
    guidance:
      'Where security-protection legislation (säkerhetsskyddslagen) applies to the customer, its vetting rules take precedence.',
    evidenceExpected:
      'The screening procedure and the records showing checks were done before access was granted.',
    mappings: nis2(EQUIVALENT, '10.2'),
  },
];

export const EXAMPLE_BASELINE = {
  key: EXAMPLE_BASELINE_KEY,
  version: EXAMPLE_BASELINE_VERSION,
  title: 'National supplier security baseline (example)',
  description:
    'An example baseline for IT suppliers to Swedish public bodies, written for this registry. Each requirement is ' +
    'mapped to the annex of Commission Implementing Regulation (EU) 2024/2690. Replace it with the agency’s own.',
  requirements: EXAMPLE_REQUIREMENTS,
};
