import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { hostOf, resolveTarget, type ResolvedAddress } from './target-address.js';

export const DELIVERY_TIMEOUT_MS = 15_000;

export interface SendResult {
  /** HTTP status, when the receiver answered. */
  readonly status: number | null;
  readonly error: string | null;
}

/**
 * One POST, no redirects followed, 15 s for the whole exchange. The address is resolved and
 * checked here and the connection made to exactly that address (the `lookup` hook), so a DNS
 * answer that changes between check and connect (rebinding) cannot reach an internal host.
 */
export async function sendWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  allowPrivate: boolean,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<SendResult> {
  const url = new URL(target);
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolveTarget(hostOf(url), allowPrivate);
  } catch (error) {
    return { status: null, error: `refused: ${(error as Error).message}` };
  }
  const pinned: LookupFunction = (_hostname, options, callback) => {
    const chosen = addresses[0];
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, addresses);
    } else {
      callback(null, chosen.address, chosen.family);
    }
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinned,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        // The body is not needed: read nothing, release the socket.
        res.destroy();
        finish({ status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` });
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    req.on('error', (error) => finish({ status: null, error: error.message.slice(0, 400) }));
    req.end(body);
  });
}
