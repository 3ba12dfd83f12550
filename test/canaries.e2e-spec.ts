import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import { POLICIES } from '../src/auth/policies.js';
import { type Policy, permits } from '../src/auth/policy.js';
import { OrganizationKind, Role } from '../src/common/actor.js';
import { recordFinding, requestAssessment, startAssessment } from './support/assessments.js';
import { newBaseline } from './support/baselines.js';
import { newEvidence } from './support/evidence.js';
import {
  agency,
  newAssessor,
  newProduct,
  newSupplier,
  subscribe,
  subscribePending,
  type TestOrg,
} from './support/factories.js';
import { reportIncident, someMunicipalities } from './support/incidents.js';
import { rootFields } from './support/operations.js';
import { randomQuery, type WalkPools } from './support/selection-walk.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/**
 * Canaries: another supplier's and the agency's confidential records carry unique markers, and
 * random queries (any root field the observer may call, selections up to 6 deep, real ids in the
 * arguments) must never bring a marker back to another supplier or to a municipality that does not
 * subscribe to the product. CANARY_RUNS sets the number of runs (nightly: 10000).
 */

const RUNS = Number(process.env.CANARY_RUNS ?? 300);
const MAX_DEPTH = 6;

interface Observer {
  readonly name: string;
  readonly token: string;
  readonly roots: ReturnType<typeof rootFields>;
  /** Markers this observer must never receive. */
  readonly forbidden: readonly string[];
}

describe('canaries', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  let pools: WalkPools;
  let observers: Observer[];
  let planted: { productId: string; assessmentId: string };
  const run = `CANARY-${randomUUID()}`;
  const marker = (what: string) => `${run}-${what}`;
  const M = {
    agencyOnlyTitle: marker('agency-only-evidence-title'),
    agencyOnlyDescription: marker('agency-only-evidence-description'),
    subscribersTitle: marker('subscribers-evidence-title'),
    subscribersDescription: marker('subscribers-evidence-description'),
    attestation: marker('attestation-statement'),
    findingNote: marker('finding-note'),
    remediation: marker('remediation-description'),
    incidentTitle: marker('incident-title'),
    incidentDescription: marker('incident-description'),
    draftTitle: marker('draft-requirement-title'),
    draftStatement: marker('draft-requirement-statement'),
    webhookUrl: marker('webhook-url'),
  };

  beforeAll(async () => {
    // no cost budget: the nightly run sends 20,000 queries from two organisations
    t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', RATE_LIMIT_COST_PER_MINUTE: '0' });
    schema = t.app.get(GraphQLSchemaHost).schema;
    const victim = await newSupplier(t);
    const rival = await newSupplier(t);
    const assessor = await newAssessor(t);
    const [outsider, customer, pending, declined, former] = await someMunicipalities(t, 5);

    const product = await newProduct(t, victim);
    const rivalProduct = await newProduct(t, rival);
    await subscribe(t, customer, product.id);
    const published = await newBaseline(t, { publish: true });
    const [first, second] = published.requirements;
    const draft = await newBaseline(t, {
      requirements: [{ code: 'CAN-01', title: M.draftTitle, statement: M.draftStatement }],
    });

    const agencyOnly = await newEvidence(t, victim, product, [first.id], {
      title: M.agencyOnlyTitle,
      description: M.agencyOnlyDescription,
      confidentiality: 'AGENCY_ONLY',
    });
    const forSubscribers = await newEvidence(t, victim, product, [first.id], {
      title: M.subscribersTitle,
      description: M.subscribersDescription,
      confidentiality: 'SUBSCRIBERS',
    });
    const attestation = ok(
      await t.gql<{ attest: { id: string } }>(
        `mutation($input: AttestInput!) { attest(input: $input) { id } }`,
        {
          input: {
            productId: product.id,
            requirementId: second.id,
            status: 'PARTIALLY_IMPLEMENTED',
            statement: M.attestation,
            evidenceIds: [agencyOnly.id, forSubscribers.id],
          },
        },
        await victim.token(Role.EDITOR),
      ),
    ).attest;
    const assessmentId = await requestAssessment(t, victim, product.id, published.id);
    await startAssessment(t, assessor, assessmentId);
    const finding = await recordFinding(t, assessor, assessmentId, first.id, {
      result: 'PARTIALLY_SATISFIED',
      note: M.findingNote,
      evidenceIds: [agencyOnly.id, forSubscribers.id],
      remediation: {
        description: M.remediation,
        dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    });
    // a second version, so baselineDiff has something to compare (after the request: it supersedes)
    const next = await newBaseline(t, { key: published.key, version: '2026.2', publish: true });
    const incident = await reportIncident(t, victim, [product], {
      title: M.incidentTitle,
      description: M.incidentDescription,
    });
    const webhook = ok(
      await t.gql<{ registerWebhook: { id: string } }>(
        `mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { id } }`,
        { input: { url: `http://127.0.0.1:9/${M.webhookUrl}`, eventTypes: ['INCIDENT_REPORTED'] } },
        await victim.token(Role.ADMIN),
      ),
    ).registerWebhook;

    // The customer relationship (issue 15), all begun after the incident was reported: a pending
    // subscriber, a declined one and a former customer (confirmed, then unsubscribed) see no more
    // than a municipality that never subscribed.
    await subscribePending(t, pending, product.id);
    const toDecline = await subscribePending(t, declined, product.id);
    ok(
      await t.gql(
        `mutation($id: ID!) { declineCustomer(subscriptionId: $id, reason: "No contract") { id } }`,
        { id: toDecline.id },
        await victim.token(Role.EDITOR),
      ),
    );
    await subscribe(t, former, product.id);
    ok(
      await t.gql(
        `mutation($p: ID!) { unsubscribeFromProduct(productId: $p) }`,
        { p: product.id },
        await former.token(Role.EDITOR),
      ),
    );

    const theAgency = await agency(t);
    planted = { productId: product.id, assessmentId };
    pools = {
      ids: [
        victim.id,
        rival.id,
        assessor.id,
        outsider.id,
        customer.id,
        pending.id,
        declined.id,
        former.id,
        toDecline.id,
        theAgency.id,
        product.id,
        rivalProduct.id,
        published.id,
        next.id,
        first.id,
        second.id,
        draft.id,
        ...draft.requirements.map((r) => r.id),
        agencyOnly.id,
        forSubscribers.id,
        attestation.id,
        assessmentId,
        finding.id,
        finding.remediation!.id,
        incident.id,
        webhook.id,
      ],
      strings: [published.key, draft.key, 'CAN-01', run],
    };

    const all = Object.values(M);
    // By design (README): attestations are read by anyone who may see the product, and
    // assessments, findings and remediations by every municipality, region and public body.
    const observer = async (name: string, org: TestOrg, forbidden: string[]): Promise<Observer> => {
      const actor = {
        subject: name,
        organizationId: org.id,
        organizationKind: org.kind,
        roles: [Role.ADMIN],
      };
      const table = POLICIES as Record<string, Policy>;
      const roots = rootFields(schema, 'Query').filter((f) => table[f.name] && permits(table[f.name], actor));
      return { name, token: await org.token(Role.ADMIN), roots, forbidden };
    };
    observers = [
      await observer(
        'another supplier',
        rival,
        all.filter((m) => m !== M.attestation),
      ),
      await observer(
        'unsubscribed municipality',
        outsider,
        all.filter((m) => ![M.attestation, M.findingNote, M.remediation].includes(m)),
      ),
      ...(await Promise.all(
        (
          [
            ['pending subscriber', pending],
            ['declined subscriber', declined],
            ['former customer', former],
          ] as const
        ).map(([name, org]) =>
          observer(
            name,
            org,
            all.filter((m) => ![M.attestation, M.findingNote, M.remediation].includes(m)),
          ),
        ),
      )),
    ];
    expect(outsider.kind).toBe(OrganizationKind.MUNICIPALITY);
  });
  afterAll(() => t.close());

  it('plants markers that their owner and the agency do see (the canaries are alive)', async () => {
    const admin = await (await agency(t)).token(Role.ADMIN);
    const body = JSON.stringify(
      await t.gql(
        `query($id: ID!) { product(id: $id) { evidence(first: 10) { edges { node { title description } } } } }`,
        { id: planted.productId },
        admin,
      ),
    );
    expect(body).toContain(M.agencyOnlyTitle);
    expect(body).toContain(M.subscribersDescription);
  });

  it('shows what the README makes public: attestations to anyone, findings to customers', async () => {
    const [rival, outsider] = observers;
    const attestations = JSON.stringify(
      await t.gql(
        `query($id: ID!) { attestations(productId: $id) { statement evidence { title } } }`,
        { id: planted.productId },
        rival.token,
      ),
    );
    expect(attestations).toContain(M.attestation);
    // the confidential evidence the attestation cites stays hidden
    expect(attestations).not.toContain(M.agencyOnlyTitle);
    expect(attestations).not.toContain(M.subscribersTitle);
    const assessment = JSON.stringify(
      await t.gql(
        `query($id: ID!) { assessment(id: $id) { findings { note evidence { title } remediation { description } } } }`,
        { id: planted.assessmentId },
        outsider.token,
      ),
    );
    expect(assessment).toContain(M.findingNote);
    expect(assessment).toContain(M.remediation);
    expect(assessment).not.toContain(M.agencyOnlyTitle);
    expect(assessment).not.toContain(M.subscribersTitle);
  });

  it(
    `never shows a marker to another supplier, an unsubscribed municipality, or a pending, declined or former subscriber (${RUNS} runs)`,
    async () => {
      const queries = RUNS * observers.length;
      const codes = new Map<string, number>();
      let answered = 0;
      await fc.assert(
        fc.asyncProperty(fc.gen(), async (g) => {
          for (const observer of observers) {
            const query = randomQuery(g, schema, observer.roots, MAX_DEPTH, pools);
            const response = await t.gql(query, {}, observer.token);
            const body = JSON.stringify(response);
            for (const error of response.errors ?? []) {
              const code = error.extensions?.code ?? 'NONE';
              codes.set(code, (codes.get(code) ?? 0) + 1);
            }
            if (response.data) answered++;
            const leaked = observer.forbidden.filter((m) => body.includes(m));
            if (leaked.length) {
              throw new Error(`${observer.name} received ${leaked.join(', ')} from ${query}`);
            }
            // a document the server will not run proves nothing: the walk must stay valid
            if (response.errors?.some((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')) {
              throw new Error(`invalid document ${query}: ${JSON.stringify(response.errors)}`);
            }
          }
        }),
        { numRuns: RUNS },
      );
      console.log(
        `canaries: ${RUNS} runs, ${queries} queries, ${answered} answered with data; error codes ${JSON.stringify(Object.fromEntries(codes))}`,
      );
      // most documents must get past their root fields, or the property proves little
      expect(answered).toBeGreaterThan(queries * 0.6);
    },
    Math.max(120_000, RUNS * 300),
  );
});
