import { randomUUID } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Role } from '../src/common/actor.js';
import { Clock } from '../src/events/clock.js';
import { RegistryEventType } from '../src/events/dto/registry-event-type.enum.js';
import { MAX_ATTEMPTS, nominalRetryDelayMs } from '../src/events/webhooks/retry-schedule.js';
import { WebhookWorker } from '../src/events/webhooks/webhook-worker.js';
import { agency, newPublicBody, newSupplier, type TestOrg } from './support/factories.js';
import { recordEvents } from './support/events.js';
import { createTestApp, errorCode, ok, type TestApp } from './support/test-app.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

const REGISTER = `mutation($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) { id url eventTypes secret active createdAt }
}`;
const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus) {
  webhookDeliveries(webhookId: $id, status: $status, first: 50) {
    totalCount
    edges { node { id status attempts lastStatusCode lastError nextAttemptAt deliveredAt event { id type message } } }
  }
}`;

interface Registered {
  registerWebhook: { id: string; url: string; eventTypes: string[]; secret: string | null; active: boolean };
}
interface Deliveries {
  webhookDeliveries: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        status: string;
        attempts: number;
        lastStatusCode: number | null;
        lastError: string | null;
        nextAttemptAt: string | null;
        event: { id: string; type: string; message: string };
      };
    }[];
  };
}

describe('events: webhooks', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let now: Date;
  let worker: WebhookWorker;
  beforeAll(async () => {
    t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    receiver = await WebhookReceiver.start();
    worker = t.app.get(WebhookWorker);
    now = new Date();
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  async function register(
    org: TestOrg,
    path: string,
    eventTypes: string[] = ['STATUS_CHANGED', 'INCIDENT_REPORTED'],
  ) {
    return ok(
      await t.gql<Registered>(
        REGISTER,
        { input: { url: receiver.url(path), eventTypes } },
        await org.token(Role.ADMIN),
      ),
    ).registerWebhook;
  }
  const deliveries = async (org: TestOrg, id: string, status?: string) =>
    ok(await t.gql<Deliveries>(DELIVERIES, { id, status }, await org.token(Role.ADMIN))).webhookDeliveries;

  describe('lets an ADMIN register, list and remove webhooks; shows the secret once; refuses others', () => {
    const REMOVE = 'mutation($id: ID!) { removeWebhook(id: $id) }';
    const NODE = 'query($id: ID!) { node(id: $id) { id ... on Webhook { url } } }';
    let owner: TestOrg;
    let other: TestOrg;
    let hook: Registered['registerWebhook'];
    beforeAll(async () => {
      [owner, other] = await Promise.all([newPublicBody(t), newSupplier(t)]);
    });

    it('registers a webhook for an ADMIN, showing the secret in that answer only', async () => {
      hook = await register(owner, '/crud');
      expect(hook.secret).toMatch(/^whsec_/);
      expect(hook.active).toBe(true);
      const listed = ok(
        await t.gql<{ webhooks: { id: string; secret: string | null }[] }>(
          '{ webhooks { id url secret eventTypes } }',
          {},
          await owner.token(Role.ADMIN),
        ),
      ).webhooks;
      expect(listed).toEqual([expect.objectContaining({ id: hook.id, secret: null })]);
    });

    it('refuses the owner’s EDITOR to list, register or remove', async () => {
      const editor = await owner.token(Role.EDITOR);
      expect(errorCode(await t.gql('{ webhooks { id } }', {}, editor))).toBe('FORBIDDEN');
      expect(
        errorCode(
          await t.gql(
            REGISTER,
            { input: { url: receiver.url('/x'), eventTypes: ['STATUS_CHANGED'] } },
            editor,
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(REMOVE, { id: hook.id }, editor))).toBe('FORBIDDEN');
    });

    it('hides it from another organisation’s ADMIN: not listed, NOT_FOUND, node null; node shows it to the owner', async () => {
      const otherAdmin = await other.token(Role.ADMIN);
      expect(
        ok(await t.gql<{ webhooks: unknown[] }>('{ webhooks { id } }', {}, otherAdmin)).webhooks,
      ).toEqual([]);
      expect(errorCode(await t.gql(REMOVE, { id: hook.id }, otherAdmin))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(DELIVERIES, { id: hook.id }, otherAdmin))).toBe('NOT_FOUND');
      expect(ok(await t.gql<{ node: unknown }>(NODE, { id: hook.id }, otherAdmin)).node).toBeNull();
      expect(
        ok(await t.gql<{ node: unknown }>(NODE, { id: hook.id }, await owner.token(Role.ADMIN))).node,
      ).toEqual({
        id: hook.id,
        url: hook.url,
      });
    });

    it('removes it for the owner’s ADMIN once; a second removal is NOT_FOUND', async () => {
      const admin = await owner.token(Role.ADMIN);
      expect(ok(await t.gql<{ removeWebhook: boolean }>(REMOVE, { id: hook.id }, admin)).removeWebhook).toBe(
        true,
      );
      expect(errorCode(await t.gql(REMOVE, { id: hook.id }, admin))).toBe('NOT_FOUND');
    });
  });

  it('refuses bad URLs and event types', async () => {
    const owner = await newPublicBody(t);
    const admin = await owner.token(Role.ADMIN);
    const bad = async (input: Record<string, unknown>) => {
      const response = await t.gql(REGISTER, { input }, admin);
      expect(errorCode(response)).toBe('BAD_USER_INPUT');
      return response.errors![0].extensions!.fields;
    };
    expect(await bad({ url: 'not a url', eventTypes: ['STATUS_CHANGED'] })).toEqual(['input.url']);
    expect(await bad({ url: 'ftp://example.com/x', eventTypes: ['STATUS_CHANGED'] })).toEqual(['input.url']);
    expect(await bad({ url: 'https://user:pw@example.com/x', eventTypes: ['STATUS_CHANGED'] })).toEqual([
      'input.url',
    ]);
    expect(await bad({ url: receiver.url('/x'), eventTypes: [] })).toEqual(['input.eventTypes']);
    expect(
      errorCode(await t.gql(REGISTER, { input: { url: receiver.url('/x'), eventTypes: ['NOPE'] } }, admin)),
    ).toBe('BAD_USER_INPUT');
  });

  it('delivers a thin, signed payload to the organisations that may see the event, for their types only', async () => {
    const [ag, owner, bystander, typed] = await Promise.all([
      agency(t),
      newPublicBody(t),
      newPublicBody(t),
      newPublicBody(t),
    ]);
    const hook = await register(owner, '/signed');
    await register(bystander, '/bystander');
    await register(typed, '/typed', ['BASELINE_PUBLISHED']);
    const productId = randomUUID();
    await recordEvents(t, ag, {
      type: RegistryEventType.STATUS_CHANGED,
      message: 'Product X: state changed from COMPLIANT to NON_COMPLIANT',
      productId,
      audience: [owner.uuid, typed.uuid],
    });
    await worker.drain();
    const [hit] = receiver.at('/signed');
    expect(receiver.at('/signed')).toHaveLength(1);
    expect(receiver.at('/bystander')).toHaveLength(0);
    expect(receiver.at('/typed')).toHaveLength(0);

    const verified = new StandardWebhook(hook.secret!).verify(hit.body, {
      'webhook-id': hit.headers['webhook-id'] as string,
      'webhook-timestamp': hit.headers['webhook-timestamp'] as string,
      'webhook-signature': hit.headers['webhook-signature'] as string,
    }) as { type: string; timestamp: string; data: Record<string, string | null> };
    expect(verified.type).toBe('STATUS_CHANGED');
    expect(verified.data.productId).toBe(Buffer.from(`Product:${productId}`).toString('base64url'));
    expect(verified.data.baselineId).toBeNull();
    expect(hit.body).not.toContain('NON_COMPLIANT');

    const log = await deliveries(owner, hook.id);
    expect(log.edges[0].node).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatusCode: 204 });
    expect(log.edges[0].node.id).toBeDefined();
    expect(log.edges[0].node.event.id).toBe(verified.data.eventId);
  });

  it('retries a failing receiver with backoff and delivers once when it recovers', async () => {
    const [ag, owner] = await Promise.all([agency(t), newPublicBody(t)]);
    const hook = await register(owner, '/flaky');
    receiver.on('/flaky', (_req, count) => ({ status: count <= 5 ? 503 : 200 }));
    await recordEvents(t, ag, {
      type: RegistryEventType.INCIDENT_REPORTED,
      message: 'flaky',
      audience: [owner.uuid],
    });
    await worker.drain();
    expect(receiver.at('/flaky')).toHaveLength(1);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const [pending] = (await deliveries(owner, hook.id)).edges;
      expect(pending.node).toMatchObject({ status: 'PENDING', attempts: attempt, lastStatusCode: 503 });
      const wait = new Date(pending.node.nextAttemptAt!).getTime() - now.getTime();
      expect(wait).toBeGreaterThanOrEqual(nominalRetryDelayMs(attempt) * 0.8 - 1000);
      expect(wait).toBeLessThanOrEqual(nominalRetryDelayMs(attempt) * 1.2 + 1);
      advance(wait - 1000); // not yet due: nothing is sent early
      await worker.drain();
      expect(receiver.at('/flaky')).toHaveLength(attempt);
      advance(2000); // nextAttemptAt is to the second: due within the second after it
      await worker.drain();
      expect(receiver.at('/flaky')).toHaveLength(attempt + 1);
    }
    const [done] = (await deliveries(owner, hook.id)).edges;
    expect(done.node).toMatchObject({ status: 'DELIVERED', attempts: 6, lastStatusCode: 200 });
    advance(7 * 86_400_000);
    await worker.drain();
    expect(receiver.at('/flaky')).toHaveLength(6);
    const ids = new Set(receiver.at('/flaky').map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
  });

  it('dead-letters a delivery after about three days of failures and shows it to the owner', async () => {
    const [ag, owner] = await Promise.all([agency(t), newPublicBody(t)]);
    const hook = await register(owner, '/down');
    receiver.on('/down', () => ({ status: 500 }));
    await recordEvents(t, ag, {
      type: RegistryEventType.STATUS_CHANGED,
      message: 'down',
      audience: [owner.uuid],
    });
    const started = now.getTime();
    await worker.drain();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      advance(13 * 3600 * 1000);
      await worker.drain();
    }
    expect(receiver.at('/down')).toHaveLength(MAX_ATTEMPTS);
    const dead = await deliveries(owner, hook.id, 'DEAD');
    expect(dead.totalCount).toBe(1);
    expect(dead.edges[0].node).toMatchObject({
      status: 'DEAD',
      attempts: MAX_ATTEMPTS,
      lastStatusCode: 500,
      nextAttemptAt: null,
    });
    const span = receiver.at('/down');
    void started;
    expect(span.length).toBe(MAX_ATTEMPTS);
    expect((await deliveries(owner, hook.id, 'PENDING')).totalCount).toBe(0);
  });

  it('disables a webhook whose receiver answers 410 Gone', async () => {
    const [ag, owner] = await Promise.all([agency(t), newPublicBody(t)]);
    const hook = await register(owner, '/gone');
    receiver.on('/gone', () => ({ status: 410 }));
    await recordEvents(t, ag, [
      { type: RegistryEventType.STATUS_CHANGED, message: 'gone 1', audience: [owner.uuid] },
      { type: RegistryEventType.STATUS_CHANGED, message: 'gone 2', audience: [owner.uuid] },
    ]);
    await worker.drain();
    expect(receiver.at('/gone')).toHaveLength(1);
    const listed = ok(
      await t.gql<{ webhooks: { active: boolean; disabledReason: string }[] }>(
        '{ webhooks { active disabledReason } }',
        {},
        await owner.token(Role.ADMIN),
      ),
    ).webhooks;
    expect(listed[0].active).toBe(false);
    expect(listed[0].disabledReason).toMatch(/410/);
    expect((await deliveries(owner, hook.id, 'CANCELLED')).totalCount).toBe(2);
    await recordEvents(t, ag, {
      type: RegistryEventType.STATUS_CHANGED,
      message: 'gone 3',
      audience: [owner.uuid],
    });
    advance(86_400_000);
    await worker.drain();
    expect(receiver.at('/gone')).toHaveLength(1);
    expect((await deliveries(owner, hook.id)).totalCount).toBe(2);
  });

  it('does not follow redirects', async () => {
    const [ag, owner] = await Promise.all([agency(t), newPublicBody(t)]);
    const hook = await register(owner, '/moved');
    receiver.on('/moved', () => ({ status: 302, headers: { location: receiver.url('/elsewhere') } }));
    await recordEvents(t, ag, {
      type: RegistryEventType.STATUS_CHANGED,
      message: 'moved',
      audience: [owner.uuid],
    });
    await worker.drain();
    expect(receiver.at('/moved')).toHaveLength(1);
    expect(receiver.at('/elsewhere')).toHaveLength(0);
    const [entry] = (await deliveries(owner, hook.id)).edges;
    expect(entry.node).toMatchObject({ status: 'PENDING', lastStatusCode: 302 });
    expect(entry.node.lastError).toMatch(/redirect/);
  });

  it('keeps a slow receiver from delaying others', async () => {
    const [ag, slow, fast] = await Promise.all([agency(t), newPublicBody(t), newPublicBody(t)]);
    await register(slow, '/slow');
    await register(fast, '/fast');
    receiver.on('/slow', () => ({ status: 200, delayMs: 1500 }));
    const started = Date.now();
    await recordEvents(t, ag, [
      { type: RegistryEventType.STATUS_CHANGED, message: 'slow 1', audience: [slow.uuid] },
      { type: RegistryEventType.STATUS_CHANGED, message: 'slow 2', audience: [slow.uuid] },
      { type: RegistryEventType.STATUS_CHANGED, message: 'fast', audience: [fast.uuid] },
    ]);
    await worker.drain();
    expect(receiver.at('/fast')[0].at - started).toBeLessThan(1000);
    expect(receiver.at('/slow')).toHaveLength(2);
  });

  it('delivers what was queued before a restart', async () => {
    const [ag, owner] = await Promise.all([agency(t), newPublicBody(t)]);
    await register(owner, '/restart');
    const first = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    await recordEvents(first, ag, {
      type: RegistryEventType.STATUS_CHANGED,
      message: 'queued',
      audience: [owner.uuid],
    });
    await first.close();
    expect(receiver.at('/restart')).toHaveLength(0);
    await worker.drain();
    expect(receiver.at('/restart')).toHaveLength(1);
  });

  it('refuses private targets at registration and at delivery without WEBHOOK_ALLOW_PRIVATE_TARGETS', async () => {
    const strict = await createTestApp();
    try {
      const owner = await newPublicBody(strict);
      const admin = await owner.token(Role.ADMIN);
      for (const url of [
        receiver.url('/private'),
        'http://localhost/x',
        'http://10.0.0.1/x',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]/x',
        'http://[::127.0.0.1]/x',
        'http://[::ffff:0:7f00:1]/x',
        'http://[64:ff9b::a00:1]/x',
      ]) {
        const response = await strict.gql(
          REGISTER,
          { input: { url, eventTypes: ['STATUS_CHANGED'] } },
          admin,
        );
        expect(errorCode(response)).toBe('BAD_USER_INPUT');
        // Only that the target is not public: never what a name resolves to (issue 15, hole 5).
        expect(response.errors![0].message).toMatch(/the target is not a public address$/);
        expect(response.errors![0].message).not.toMatch(/resolves|127\.0\.0\.1|10\.0\.0\.1|::1\b|loopback/);
      }
      // Registered while allowed (as if DNS changed since): refused again at delivery.
      const ag = await agency(t);
      const hook = await register(owner, '/private');
      await recordEvents(strict, ag, {
        type: RegistryEventType.STATUS_CHANGED,
        message: 'private',
        audience: [owner.uuid],
      });
      await strict.app.get(WebhookWorker).drain();
      expect(receiver.at('/private')).toHaveLength(0);
      const [entry] = (await deliveries(owner, hook.id)).edges;
      expect(entry.node.lastError).toBe('refused: the target is not a public address');
    } finally {
      await strict.close();
    }
  });
});
