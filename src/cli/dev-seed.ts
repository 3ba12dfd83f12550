import { signToken } from '../auth/token-signer.js';
import type { Role } from '../common/actor.js';
import { ConfigError, loadConfig } from '../common/config/app-config.js';
import { withDevSecrets } from '../common/config/dev-secrets.js';

/*
 * `npm run dev:seed`: a small demo world, written through the running service's GraphQL API (the
 * one write path), as the organisations themselves would. Every mutation carries a fixed
 * Idempotency-Key, so running it again replays the first answers and changes nothing.
 */

const DAY = 86_400_000;
/** Dates hang on the UTC day of the run, so a re-run the same day sends the same bodies. */
const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime();
const daysFrom = (days: number): string => new Date(today + days * DAY).toISOString();

export const DEMO = {
  cloud: { orgNumber: '559900-0006', name: 'Molnbolaget Demo AB' },
  school: { orgNumber: '559900-0014', name: 'Skolplattformen Demo AB' },
  payroll: { orgNumber: '559900-0022', name: 'Lönesystem Demo AB' },
  assessor: { orgNumber: '559900-0030', name: 'Granskningsbyrån Demo AB' },
} as const;

interface Answer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

class Client {
  constructor(
    private readonly url: string,
    private readonly sign: (org: string, role: Role) => Promise<string>,
  ) {}

  async call<T>(org: string, role: Role, query: string, variables: object, key?: string): Promise<T> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      authorization: `Bearer ${await this.sign(org, role)}`,
    };
    if (key) headers['idempotency-key'] = `dev-seed-v1:${key}`;
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Answer<T>;
    if (body.errors?.length || !body.data) {
      throw new Error(
        `${key ?? 'query'}: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`,
      );
    }
    return body.data;
  }
}

async function seed(client: Client, agencyOrg: string, say: (line: string) => void): Promise<void> {
  const A = 'ADMIN' as Role;
  const E = 'EDITOR' as Role;
  const org = async (key: keyof typeof DEMO, kind: string): Promise<string> => {
    const { name, orgNumber } = DEMO[key];
    const data = await client.call<{ registerOrganization: { id: string } }>(
      agencyOrg,
      A,
      `mutation RegisterOrganization($kind: OrganizationKind!, $name: String!, $orgNumber: String!) {
        registerOrganization(kind: $kind, name: $name, orgNumber: $orgNumber) { id } }`,
      { kind, name, orgNumber },
      `org:${key}`,
    );
    say(`Organisation ${name} (${kind}, ${orgNumber})`);
    return data.registerOrganization.id;
  };
  await org('cloud', 'SUPPLIER');
  await org('school', 'SUPPLIER');
  await org('payroll', 'SUPPLIER');
  await org('assessor', 'ASSESSOR');

  const product = async (
    supplier: keyof typeof DEMO,
    key: string,
    input: { name: string; description: string; dataCategories: string[]; subprocessorIds?: string[] },
  ): Promise<{ id: string; tier: string }> => {
    const data = await client.call<{ registerProduct: { id: string; tier: string } }>(
      DEMO[supplier].orgNumber,
      E,
      `mutation RegisterProduct($input: RegisterProductInput!) { registerProduct(input: $input) { id tier } }`,
      { input: { hostingCountries: ['SE'], ...input } },
      `product:${key}`,
    );
    say(`Product ${input.name} of ${DEMO[supplier].name} (tier ${data.registerProduct.tier})`);
    return data.registerProduct;
  };
  const hosting = await product('cloud', 'hosting', {
    name: 'Molnhotellet',
    description: 'Virtual servers and backups in two Swedish data centres.',
    dataCategories: ['CONTACT_DETAILS'],
  });
  const school = await product('school', 'school', {
    name: 'Elevportalen',
    description: 'Timetables, attendance and messages for pupils and guardians.',
    dataCategories: ['CHILDREN', 'CONTACT_DETAILS'],
    subprocessorIds: [hosting.id],
  });
  const payroll = await product('payroll', 'payroll', {
    name: 'Lön Online',
    description: 'Payroll and employment records for public employers.',
    dataCategories: ['EMPLOYMENT_RECORDS', 'PERSONAL_IDENTITY_NUMBERS', 'FINANCIAL'],
    subprocessorIds: [hosting.id],
  });
  await product('payroll', 'analytics', {
    name: 'Lön Analys',
    description: 'Salary statistics built on Lön Online.',
    dataCategories: ['FINANCIAL'],
    subprocessorIds: [payroll.id],
  });

  const customers = await client.call<{ organizations: { edges: { node: { id: string; name: string } }[] } }>(
    agencyOrg,
    A,
    `query Customers { organizations(kind: MUNICIPALITY, search: "Stockholm", first: 1) { edges { node { id name } } } }`,
    {},
  );
  const [stockholm] = customers.organizations.edges.map((e) => e.node);
  if (stockholm) {
    for (const [key, id] of [
      ['school', school.id],
      ['payroll', payroll.id],
    ] as const) {
      await client.call(
        stockholm.id,
        E,
        `mutation Subscribe($input: SubscribeInput!) { subscribeToProduct(input: $input) { id } }`,
        { input: { productId: id } },
        `subscribe:stockholm:${key}`,
      );
    }
    say(`${stockholm.name} subscribes to Elevportalen and Lön Online`);
  }

  const baselines = await client.call<{
    baselines: {
      edges: {
        node: {
          id: string;
          key: string;
          requirements: { edges: { node: { id: string; tiers: string[] } }[] };
        };
      }[];
    };
  }>(
    agencyOrg,
    A,
    `query PublishedBaselines { baselines(first: 1, status: PUBLISHED) { edges { node { id key
        requirements(first: 100) { edges { node { id tiers } } } } } } }`,
    {},
  );
  const baseline = baselines.baselines.edges[0]?.node;
  if (!baseline) {
    say('No published baseline (SEED_EXAMPLE_BASELINE=false?): no assessments seeded');
  } else {
    const request = async (key: string, supplier: keyof typeof DEMO, productId: string): Promise<string> => {
      const data = await client.call<{ requestAssessment: { id: string } }>(
        DEMO[supplier].orgNumber,
        E,
        `mutation RequestAssessment($productId: ID!, $baselineId: ID!) {
          requestAssessment(productId: $productId, baselineId: $baselineId) { id } }`,
        { productId, baselineId: baseline.id },
        `request:${key}`,
      );
      return data.requestAssessment.id;
    };
    const assessor = DEMO.assessor.orgNumber;
    const start = (key: string, id: string) =>
      client.call(
        assessor,
        E,
        `mutation Start($id: ID!) { startAssessment(id: $id) { id } }`,
        { id },
        `start:${key}`,
      );
    const record = (key: string, input: object) =>
      client.call(
        assessor,
        E,
        `mutation Record($input: RecordFindingInput!) { recordFinding(input: $input) { id } }`,
        { input },
        `record:${key}`,
      );
    const applicable = (tier: string) =>
      baseline.requirements.edges.map((e) => e.node).filter((r) => r.tiers.includes(tier));

    // Molnhotellet: completed and APPROVED (every requirement SATISFIED).
    const approved = await request('hosting', 'cloud', hosting.id);
    await start('hosting', approved);
    for (const r of applicable(hosting.tier))
      await record(`hosting:${r.id}`, { assessmentId: approved, requirementId: r.id, result: 'SATISFIED' });
    await client.call(
      assessor,
      E,
      `mutation Complete($input: CompleteAssessmentInput!) { completeAssessment(input: $input) { id } }`,
      { input: { assessmentId: approved, outcome: 'APPROVED', validUntil: daysFrom(365) } },
      'complete:hosting',
    );
    say('Assessment of Molnhotellet: COMPLETED, APPROVED for a year');

    // Elevportalen: IN_PROGRESS with its first finding, a gap with a remediation.
    const inProgress = await request('school', 'school', school.id);
    await start('school', inProgress);
    const first = applicable(school.tier)[0];
    if (first)
      await record(`school:${first.id}`, {
        assessmentId: inProgress,
        requirementId: first.id,
        result: 'PARTIALLY_SATISFIED',
        note: 'Logs are kept, but only for 30 days.',
        remediation: { description: 'Keep security logs for 12 months.', dueDate: daysFrom(90) },
      });
    say('Assessment of Elevportalen: IN_PROGRESS with one finding');

    // Lön Online: REQUESTED, waiting for an assessor.
    await request('payroll', 'payroll', payroll.id);
    say('Assessment of Lön Online: REQUESTED');
  }

  await client.call(
    DEMO.cloud.orgNumber,
    E,
    `mutation ReportIncident($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }`,
    {
      input: {
        productIds: [hosting.id],
        title: 'Storage outage in one data centre',
        description: 'A storage cluster failed; services run from the second data centre.',
        severity: 'MEDIUM',
        detectedAt: daysFrom(-1),
        dataCategories: [],
      },
    },
    'incident:hosting',
  );
  say('Open incident on Molnhotellet (exposes Elevportalen, Lön Online, Lön Analys and their customers)');
}

async function main(): Promise<void> {
  let config;
  try {
    config = withDevSecrets(loadConfig(), { create: false });
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : String(error));
    process.exit(1);
  }
  const secret = config.auth.jwtSecret;
  if (!secret) {
    console.error('No AUTH_JWT_SECRET: the demo seed signs its own tokens and needs the shared secret.');
    process.exit(1);
  }
  const url = process.env.REGISTRY_URL ?? `http://127.0.0.1:${config.port}`;
  const sign = (org: string, role: Role): Promise<string> =>
    signToken({
      secret,
      org,
      roles: [role],
      subject: 'dev-seed',
      ttl: '10m',
      issuer: config.auth.issuer,
      audience: config.auth.audience,
    });
  console.log(`Seeding the demo world through ${url}/graphql (DATA_DIR=${config.dataDir})`);
  try {
    await seed(new Client(url, sign), config.agency.orgNumber, (line) => console.log(`  ${line}`));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(
      /fetch failed|ECONNREFUSED/.test(message) || (error as { cause?: unknown }).cause
        ? `Cannot reach the registry at ${url}: start it first (npm start), with the same PORT and DATA_DIR.`
        : `The demo seed stopped: ${message}`,
    );
    process.exit(1);
  }
  console.log('Done. Running it again changes nothing (every write carries an Idempotency-Key).');
}

void main();
