import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { TestApp } from './test-app.js';

/** Makes the test app listen on a free loopback port and answers its graphql-ws URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as AddressInfo;
  return `ws://127.0.0.1:${address.port}/graphql`;
}

export interface RawMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/** A bare graphql-transport-ws socket, to see exactly what the server sends and how it closes. */
export class RawSocket {
  readonly messages: RawMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.messages.push(JSON.parse(data.toString('utf8')) as RawMessage);
      this.waiters.forEach((w) => w());
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString('utf8') });
        this.waiters.forEach((w) => w());
      });
    });
    ws.on('error', () => undefined);
  }

  static async open(url: string): Promise<RawSocket> {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawSocket(ws);
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  async init(token?: string): Promise<void> {
    this.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
    await this.next((m) => m.type === 'connection_ack');
  }

  /** The first message (past or future) matching; fails when the socket closes first or after 5 s. */
  next(match: (m: RawMessage) => boolean, timeoutMs = 5000): Promise<RawMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching message; got ${JSON.stringify(this.messages)}`)),
        timeoutMs,
      );
      const check = () => {
        const found = this.messages.find(match);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else if (this.ws.readyState === WebSocket.CLOSED) {
          clearTimeout(timer);
          reject(new Error(`socket closed; got ${JSON.stringify(this.messages)}`));
        }
      };
      this.waiters.push(check);
      check();
    });
  }

  close(): void {
    this.ws.close();
  }
}
