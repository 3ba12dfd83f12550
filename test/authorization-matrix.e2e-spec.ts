import { GraphQLSchemaHost } from '@nestjs/graphql';
import { SignJWT } from 'jose';
import { POLICIES } from '../src/auth/policies.js';
import { type Policy, permits } from '../src/auth/policy.js';
import { type Actor, OrganizationKind, Role } from '../src/common/actor.js';
import { ForbiddenError } from '../src/common/errors/domain-error.js';
import {
  completeAssessment,
  recordFinding,
  requestAssessment,
  startAssessment,
} from './support/assessments.js';
import { newBaseline } from './support/baselines.js';
import { newEvidence } from './support/evidence.js';
import {
  agency,
  municipality,
  newAssessor,
  newProduct,
  newPublicBody,
  newSupplier,
  region,
  subscribe,
  subscribePending,
  type TestOrg,
} from './support/factories.js';
import { reportIncident } from './support/incidents.js';
import { documentFor, type Fixtures, LAST, OPERATIONS, rootFields } from './support/operations.js';
import { createTestApp, errorCode, ok, type GqlResponse, type TestApp } from './support/test-app.js';

/**
 * Layer 1 from the outside: every query and mutation of the schema, called over HTTP by each kind
 * of caller, answers exactly what the permission table (src/auth/policies.ts) declares. Refused
 * callers get the guard's FORBIDDEN (UNAUTHENTICATED without a valid token); allowed callers get
 * anything else (resource checks may still say NOT_FOUND, CONFLICT, BAD_USER_INPUT, or FORBIDDEN
 * with their own reason: layer 2). Subscriptions are not callable over HTTP: test/events-live.
 */

interface Caller {
  readonly name: string;
  /** Undefined for callers without a valid token. */
  actor?(policy: Policy): Pick<Actor, 'organizationKind' | 'roles'>;
  token(policy: Policy): Promise<string | undefined>;
}

const GUARD_REFUSAL = new ForbiddenError().message;

/**
 * How one cell answered against the table: `miss` says what was expected and what came (null when
 * as declared); `layer2` marks an allowed caller refused FORBIDDEN by a resource check.
 */
function judge(
  policy: Policy,
  caller: Caller,
  response: GqlResponse,
): { miss: string | null; layer2: boolean } {
  const code = errorCode(response);
  const guardRefused = code === 'FORBIDDEN' && response.errors?.[0]?.message === GUARD_REFUSAL;
  const actor = caller.actor?.(policy);
  let expected: string;
  let good: boolean;
  let layer2 = false;
  if (!actor) {
    expected = 'UNAUTHENTICATED';
    good = code === 'UNAUTHENTICATED';
  } else if (!permits(policy, { subject: 'x', organizationId: 'x', ...actor })) {
    expected = 'FORBIDDEN';
    good = guardRefused && response.data === null;
  } else {
    expected = 'allowed';
    good = code !== 'UNAUTHENTICATED' && !guardRefused && code !== 'GRAPHQL_VALIDATION_FAILED';
    layer2 = code === 'FORBIDDEN';
  }
  const miss = good
    ? null
    : `expected ${expected}, got ${code ?? 'data'} ${JSON.stringify(response.errors?.[0]?.message ?? '')}`;
  return { miss, layer2 };
}

describe('authorization matrix', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  let callers: Caller[];

  beforeAll(async () => {
    t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    const theAgency = await agency(t);
    const supplier = await newSupplier(t);
    const otherSupplier = await newSupplier(t);
    const assessor = await newAssessor(t);
    const otherAssessor = await newAssessor(t);
    const town = await municipality(t);
    const otherTown = await municipality(t, '0114');
    // the customer relationship: declared use (pending), declined, and a former customer
    const pendingTown = await municipality(t, '0115');
    const declinedTown = await municipality(t, '0117');
    const formerTown = await municipality(t, '0120');
    const county = await region(t);
    const publicBody = await newPublicBody(t);
    const byKind: Record<OrganizationKind, TestOrg> = {
      AGENCY: theAgency,
      ASSESSOR: assessor,
      SUPPLIER: supplier,
      MUNICIPALITY: town,
      REGION: county,
      PUBLIC_BODY: publicBody,
    };

    const product = await newProduct(t, supplier);
    const spare = await newProduct(t, supplier);
    await subscribe(t, town, product.id);
    await subscribePending(t, pendingTown, product.id);
    const declined = await subscribePending(t, declinedTown, product.id);
    ok(
      await t.gql(
        `mutation($id: ID!) { declineCustomer(subscriptionId: $id, reason: "No contract") { id } }`,
        { id: declined.id },
        await supplier.token(Role.EDITOR),
      ),
    );
    await subscribe(t, formerTown, product.id);
    ok(
      await t.gql(
        `mutation($p: ID!) { unsubscribeFromProduct(productId: $p) }`,
        { p: product.id },
        await formerTown.token(Role.EDITOR),
      ),
    );
    const published = await newBaseline(t, { publish: true });
    const retirable = await newBaseline(t, { publish: true });
    const draft = await newBaseline(t);
    const assessmentId = await requestAssessment(t, supplier, product.id, published.id);
    await startAssessment(t, assessor, assessmentId);
    const finding = await recordFinding(t, assessor, assessmentId, published.requirements[0].id, {
      result: 'PARTIALLY_SATISFIED',
      remediation: { description: 'Fix it', dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    });
    // a completed one, so a remediation can be completed; then a fresh request for the matrix
    await recordFinding(t, assessor, assessmentId, published.requirements[1].id, { result: 'SATISFIED' });
    await completeAssessment(t, assessor, assessmentId, 'APPROVED_WITH_CONDITIONS');
    const current = await requestAssessment(t, supplier, product.id, published.id);
    await startAssessment(t, assessor, current);
    const other = await newProduct(t, supplier);
    const requested = await requestAssessment(t, supplier, other.id, published.id);
    const pendingRequest = await subscribePending(t, publicBody, other.id);
    const evidence = await newEvidence(t, supplier, product, [published.requirements[0].id]);
    const incident = await reportIncident(t, supplier, [product]);
    const webhook = ok(
      await t.gql<{ registerWebhook: { id: string } }>(
        `mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { id } }`,
        { input: { url: 'http://127.0.0.1:9/hook', eventTypes: ['STATUS_CHANGED'] } },
        await supplier.token(Role.ADMIN),
      ),
    ).registerWebhook;

    fixtures = {
      supplierId: supplier.id,
      productId: product.id,
      spareProductId: spare.id,
      publishedBaselineId: published.id,
      publishedBaselineKey: published.key,
      retirableBaselineId: retirable.id,
      draftBaselineId: draft.id,
      draftRequirementId: draft.requirements[0].id,
      requirementId: published.requirements[0].id,
      assessmentId: current,
      requestedAssessmentId: requested,
      remediationId: finding.remediation!.id,
      evidenceId: evidence.id,
      incidentId: incident.id,
      webhookId: webhook.id,
      subscriptionId: pendingRequest.id,
    };

    const fixed = (name: string, org: TestOrg, role: Role): Caller => ({
      name,
      actor: () => ({ organizationKind: org.kind, roles: [role] }),
      token: () => org.token(role),
    });
    // a VIEWER of a kind the operation's policy admits (a municipality for ANY)
    const viewerKind = (policy: Policy): OrganizationKind =>
      policy.kinds === 'ANY' ? OrganizationKind.MUNICIPALITY : policy.kinds[0];
    callers = [
      fixed('agency admin', theAgency, Role.ADMIN),
      fixed('agency viewer', theAgency, Role.VIEWER),
      fixed('assessor holding the assessment', assessor, Role.ADMIN),
      fixed('another assessor', otherAssessor, Role.ADMIN),
      fixed('supplier owner', supplier, Role.ADMIN),
      fixed('another supplier', otherSupplier, Role.ADMIN),
      fixed('subscribed municipality', town, Role.ADMIN),
      fixed('unsubscribed municipality', otherTown, Role.ADMIN),
      fixed('pending subscriber', pendingTown, Role.ADMIN),
      fixed('declined subscriber', declinedTown, Role.ADMIN),
      fixed('former customer', formerTown, Role.ADMIN),
      fixed('region', county, Role.ADMIN),
      fixed('public body', publicBody, Role.ADMIN),
      {
        name: 'viewer of an admitted kind',
        actor: (policy) => ({ organizationKind: viewerKind(policy), roles: [Role.VIEWER] }),
        token: (policy) => byKind[viewerKind(policy)].token(Role.VIEWER),
      },
      { name: 'no token', token: () => Promise.resolve(undefined) },
      {
        name: 'expired token',
        token: () => {
          const now = Math.floor(Date.now() / 1000);
          return new SignJWT({ org: supplier.id, roles: [Role.ADMIN] })
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
            .setSubject('expired')
            .setIssuedAt(now - 3600)
            .setExpirationTime(now - 60)
            .sign(new TextEncoder().encode(t.config.auth.jwtSecret));
        },
      },
    ];
  });
  afterAll(() => t.close());

  it('has a document for every query and mutation, and none for operations that do not exist', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const names = [...rootFields(schema, 'Query'), ...rootFields(schema, 'Mutation')].map((f) => f.name);
    expect(names.filter((name) => !OPERATIONS[name])).toEqual([]);
    expect(Object.keys(OPERATIONS).filter((name) => !names.includes(name))).toEqual([]);
  });

  describe('answers every (operation, caller) cell as the permission table declares', () => {
    type Operation = { root: 'Query' | 'Mutation'; field: ReturnType<typeof rootFields>[number] };
    const wrong: string[] = [];
    let cells = 0;
    let layer2Forbidden = 0;
    let queries: Operation[];
    let mutations: Operation[];
    let last: Operation[];
    beforeAll(() => {
      const schema = t.app.get(GraphQLSchemaHost).schema;
      const all = rootFields(schema, 'Mutation');
      queries = rootFields(schema, 'Query').map((field) => ({ root: 'Query' as const, field }));
      mutations = all
        .filter((f) => !LAST.includes(f.name))
        .map((field) => ({ root: 'Mutation' as const, field }));
      // These change the fixtures the others rely on, so they run after every other operation.
      last = LAST.flatMap((name) => all.filter((f) => f.name === name)).map((field) => ({
        root: 'Mutation' as const,
        field,
      }));
    });

    /** Calls each operation as each caller; answers the cells that differ from the table. */
    async function check(operations: Operation[]): Promise<string[]> {
      const table = POLICIES as Record<string, Policy>;
      const found: string[] = [];
      for (const { root, field } of operations) {
        const policy = table[field.name];
        const factory = OPERATIONS[field.name];
        if (!policy || !factory) {
          found.push(`${root}.${field.name}: no policy or no document`);
          continue;
        }
        const document = documentFor(root, field);
        for (const caller of callers) {
          const response: GqlResponse = await t.gql(document, factory(fixtures), await caller.token(policy));
          const { miss, layer2 } = judge(policy, caller, response);
          cells++;
          if (layer2) layer2Forbidden++;
          if (miss) found.push(`${root}.${field.name} as ${caller.name}: ${miss}`);
        }
      }
      wrong.push(...found);
      return found;
    }

    it('answers every query cell as declared', async () => {
      expect(await check(queries)).toEqual([]);
    });

    it('answers every mutation cell as declared', async () => {
      expect(await check(mutations)).toEqual([]);
    });

    it('answers every cell of the mutations that change the fixtures, called last, as declared', async () => {
      expect(await check(last)).toEqual([]);
    });

    it('has called every cell, and prints the summary', () => {
      const schema = t.app.get(GraphQLSchemaHost).schema;
      const operations = queries.length + mutations.length + last.length;
      const subscriptions = Object.keys(schema.getSubscriptionType()?.getFields() ?? {});
      const total = operations * callers.length;
      console.log(
        `authorization matrix: ${cells - wrong.length}/${total} cells as declared (${operations} operations x ${callers.length} callers; ` +
          `${layer2Forbidden} allowed cells refused by a resource check; subscriptions ${subscriptions.join(', ')} covered by test/events-live)`,
      );
      expect(wrong).toEqual([]);
      expect(cells).toBe(total);
    });
  });
});
