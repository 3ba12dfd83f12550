import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../src/common/actor.js';
import { freePort } from '../src/database/embedded-postgres.js';
import { RegistryEventType } from '../src/events/dto/registry-event-type.enum.js';
import { WebhookWorker } from '../src/events/webhooks/webhook-worker.js';
import { agency, municipality, type TestOrg } from './support/factories.js';
import { recordEvents } from './support/events.js';
import { listen } from './support/live.js';
import { createTestApp, ok, type TestApp } from './support/test-app.js';

/** The ```js block after `<!-- example: name -->` in docs/integrator.md, as a runnable file. */
function exampleFile(name: string): string {
  const text = readFileSync('docs/integrator.md', 'utf8');
  const match = new RegExp(
    `<!-- example: ${name.replace('.', '\\.')} -->\\s*\`\`\`js\\n([\\s\\S]*?)\`\`\``,
  ).exec(text);
  if (!match) throw new Error(`docs/integrator.md has no example ${name}`);
  // Inside the project so that `graphql-ws`, `ws` and `standardwebhooks` resolve from node_modules.
  const dir = join('node_modules', '.cache', 'docs-examples');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, match[1]);
  return file;
}

/** Runs a doc example with node; resolves with the first stdout line that `wanted` accepts. */
function run(
  file: string,
  env: Record<string, string>,
): { child: ChildProcess; line: (wanted: (l: string) => boolean) => Promise<string> } {
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const line = (wanted: (l: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching output; stdout: ${out} stderr: ${err}`)),
        30_000,
      );
      const check = (): void => {
        const found = out.split('\n').find(wanted);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        check();
      });
      check();
    });
  return { child, line };
}

describe('the client examples of docs/integrator.md run on Node 20', () => {
  let t: TestApp;
  let wsUrl: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    t = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    wsUrl = await listen(t);
  });
  afterAll(async () => {
    for (const child of children) child.kill();
    await t.close();
  });

  it('live-events.mjs (graphql-ws over ws) prints an event as it happens', async () => {
    const stockholm = await municipality(t, '0180');
    const example = run(exampleFile('live-events.mjs'), {
      REGISTRY_WS_URL: wsUrl,
      TOKEN: await stockholm.token(Role.VIEWER),
    });
    children.push(example.child);
    const tag = `live ${Date.now()}`;
    // The subscription needs a moment to be registered; keep recording until the client prints.
    const printed = example.line((l) => l.includes(tag));
    const timer = setInterval(() => {
      void agency(t).then((ag) =>
        recordEvents(t, ag, {
          type: RegistryEventType.STATUS_CHANGED,
          message: tag,
          productId: crypto.randomUUID(),
          audience: 'ALL',
        }),
      );
    }, 500);
    try {
      const event = JSON.parse(await printed) as { id: string; type: string; message: string };
      expect(event).toMatchObject({ type: 'STATUS_CHANGED', message: tag });
    } finally {
      clearInterval(timer);
    }
  });

  describe('webhook-receiver.mjs verifies a real delivery with standardwebhooks and refuses a forged one', () => {
    let stockholm: TestOrg;
    let port: number;
    let example: ReturnType<typeof run>;
    beforeAll(async () => {
      stockholm = await municipality(t, '0180');
      port = await freePort();
      const registered = ok(
        await t.gql<{ registerWebhook: { id: string; secret: string } }>(
          `mutation RegisterWebhook($input: RegisterWebhookInput!) { registerWebhook(input: $input) { id secret } }`,
          { input: { url: `http://127.0.0.1:${port}/hooks/registry`, eventTypes: ['STATUS_CHANGED'] } },
          await stockholm.token(Role.ADMIN),
        ),
      ).registerWebhook;
      example = run(exampleFile('webhook-receiver.mjs'), {
        REGISTRY_WEBHOOK_SECRET: registered.secret,
        PORT: String(port),
      });
      children.push(example.child);
      // Wait until the receiver listens: it answers 400 to anything it cannot verify.
      for (let ready = false; !ready;) {
        ready = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' }).then(
          (r) => r.status === 400,
          () => new Promise<boolean>((r) => setTimeout(() => r(false), 200)),
        );
      }
    });

    it('prints a real delivery, whose eventId leads to the event', async () => {
      const tag = `hook ${Date.now()}`;
      const printed = example.line((l) => l.includes('STATUS_CHANGED'));
      await recordEvents(t, await agency(t), {
        type: RegistryEventType.STATUS_CHANGED,
        message: tag,
        productId: crypto.randomUUID(),
        audience: [stockholm.uuid],
      });
      await t.app.get(WebhookWorker).drain();
      const delivery = JSON.parse(await printed) as { id: string; type: string; data: { eventId: string } };
      expect(delivery.type).toBe('STATUS_CHANGED');
      // The eventId leads to the event.
      const node = ok(
        await t.gql<{ node: { message: string } | null }>(
          `query EventById($id: ID!) { node(id: $id) { ... on RegistryEvent { message } } }`,
          { id: delivery.data.eventId },
          await stockholm.token(Role.VIEWER),
        ),
      );
      expect(node.node?.message).toBe(tag);
    });

    it('refuses a forged delivery with 400', async () => {
      const forged = await fetch(`http://127.0.0.1:${port}/hooks/registry`, {
        method: 'POST',
        headers: {
          'webhook-id': 'msg_forged',
          'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'webhook-signature': 'v1,AAAA',
        },
        body: JSON.stringify({ type: 'STATUS_CHANGED', data: {} }),
      });
      expect(forged.status).toBe(400);
    });
  });
});
