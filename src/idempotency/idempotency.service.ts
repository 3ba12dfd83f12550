import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthService } from '../auth/auth.service.js';
import type { Actor } from '../common/actor.js';
import { ServiceUnavailableError } from '../common/errors/domain-error.js';
import { isTransientDatabaseError } from '../common/errors/graphql-error-formatter.js';
import { CommitParticipant, type TransactionParticipant } from '../common/database/transaction-hooks.js';
import type { WriteContext } from '../common/database/unit-of-work.js';

interface Claim {
  readonly organizationId: string;
  readonly key: string;
  readonly requestHash: string;
  inserted: boolean;
  committed: boolean;
}

/*
 * The claim travels from the HTTP hooks to the write's transaction by object identity, not by
 * AsyncLocalStorage: the request holds it until its GraphQL context creates the caller, the
 * caller (the actor every service method and UnitOfWork.run receive) holds it from then on.
 * An AsyncLocalStorage entered on every request would switch on promise hooks for the whole
 * process, a cost every read paid (about a twentieth of the dashboard's CPU).
 */
const claimsByRequest = new WeakMap<object, Claim>();
const claimsByActor = new WeakMap<Actor, Claim>();
/** Releases the in-flight slot of a request's key (once its answer is stored). */
const inFlightByRequest = new WeakMap<object, () => void>();

/** Hands the request's claim, if any, to its caller (called when the GraphQL context is built). */
export function bindIdempotencyClaim(request: object, actor: Actor | undefined): void {
  const claim = actor ? claimsByRequest.get(request) : undefined;
  if (claim && actor) claimsByActor.set(actor, claim);
}
const KEY = /^[A-Za-z0-9._:-]{1,200}$/;
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** About 9 s of retries (250 ms, 500 ms, ...): longer than a crashed PostgreSQL takes to restart. */
const STORE_ATTEMPTS = 8;
/** Stored answers replay for this long; after it the key may be used afresh. */
export const KEY_TTL_HOURS = 24;
/** How long a retry waits for the first request's answer before it is told to retry. */
const WAIT_MS = 3000;

/**
 * Fields that must never be replayed (nor kept at rest): a webhook's signing secret and one-time
 * upload and download URLs. The stored answer has them as null and says so in
 * `extensions.idempotentReplay.redacted`; the first answer is the only one that carries them.
 */
const SECRET_FIELDS = new Set(['secret', 'uploadUrl', 'downloadUrl']);

export function redactForReplay(payload: string): string {
  let body: { extensions?: Record<string, unknown> };
  try {
    body = JSON.parse(payload) as typeof body;
  } catch {
    return payload;
  }
  const redacted = new Set<string>();
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => {
          if (SECRET_FIELDS.has(k) && v !== null) {
            redacted.add(k);
            return [k, null];
          }
          return [k, walk(v)];
        }),
      );
    }
    return value;
  };
  const clean = walk(body) as typeof body;
  if (redacted.size === 0) return payload;
  clean.extensions = {
    ...clean.extensions,
    idempotentReplay: {
      redacted: [...redacted].sort(),
      message:
        'Secrets and one-time URLs are shown only in the first answer; if it was lost, remove the webhook and register it again, or record the evidence again.',
    },
  };
  return JSON.stringify(clean);
}

function refuse(reply: FastifyReply, status: number, code: string, message: string, extra: object = {}) {
  return reply.code(status).send({ data: null, errors: [{ message, extensions: { code, ...extra } }] });
}

/**
 * `Idempotency-Key` on GraphQL mutations: the same key and body returns the first answer (with
 * `Idempotent-Replayed: true`), the same key with another body is CONFLICT, a retry while the first
 * is still running is CONFLICT with `retryable`. The key is claimed inside the write's own
 * transaction, so a key exists exactly when its change does.
 */
@Injectable()
@CommitParticipant({ order: 10 })
export class IdempotencyService implements TransactionParticipant {
  /** Keys whose first request runs on this instance, by organisation and key. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly dataSource: DataSource) {}

  install(fastify: FastifyInstance, auth: AuthService): void {
    fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers[IDEMPOTENCY_HEADER];
      if (header === undefined || request.method !== 'POST' || !request.url.startsWith('/graphql')) return;
      if (typeof header !== 'string' || !KEY.test(header)) {
        return refuse(
          reply,
          400,
          'BAD_USER_INPUT',
          'Idempotency-Key must be 1-200 characters of A-Z a-z 0-9 . _ : -',
          {
            fields: ['Idempotency-Key'],
          },
        );
      }
      const unavailable = () =>
        refuse(reply, 503, 'SERVICE_UNAVAILABLE', 'The database is busy or unavailable; retry shortly', {
          retryable: true,
          retryAfterSeconds: 1,
        });
      let organizationId: string | undefined;
      let caller: Actor | undefined;
      try {
        caller = await auth.authenticate(request.headers.authorization);
        organizationId = caller?.organizationId;
      } catch (error) {
        // The claim runs before GraphQL's error mapping: a database that is down must not become
        // Fastify's bare 500 with "connect ECONNREFUSED <address>" (issue 15, hole 9).
        if (isTransientDatabaseError(error)) return unavailable();
        return; // GraphQL answers the bad token itself
      }
      if (!organizationId || !caller) return;
      const body = request.body as
        { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
      // Bound to the caller: the subject and its roles are part of the request. Another person of
      // the organisation (or the same person with fewer roles) resending the body and key is not
      // the same request and never gets the first answer; the permission that allowed the first
      // request is therefore the one the replay was checked against (issue 15, hole 2).
      const requestHash = createHash('sha256')
        .update(
          JSON.stringify([
            body?.query ?? null,
            body?.variables ?? null,
            body?.operationName ?? null,
            caller.subject,
            [...caller.roles].sort(),
          ]),
        )
        .digest('hex');
      // A retry arriving while the first request runs on this instance waits for its answer.
      const slot = `${organizationId}:${header}`;
      const running = this.inFlight.get(slot);
      if (running) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, WAIT_MS))]);
      let row: { request_hash: string; status_code: number | null; response: string | null } | undefined;
      try {
        row = await this.waitForAnswer(organizationId, header);
      } catch (error) {
        // Nothing ran yet: answer as the write path does (not a bare 500 naming the database address).
        if (!isTransientDatabaseError(error)) throw error;
        return unavailable();
      }
      if (row) {
        if (row.request_hash !== requestHash) {
          return refuse(reply, 409, 'CONFLICT', 'This Idempotency-Key was used with another request');
        }
        if (row.response === null) {
          return refuse(
            reply,
            503,
            'SERVICE_UNAVAILABLE',
            'A request with this Idempotency-Key is still being processed; retry shortly',
            { retryable: true, retryAfterSeconds: 1 },
          );
        }
        return reply
          .code(row.status_code ?? 200)
          .header('content-type', 'application/json; charset=utf-8')
          .header('idempotent-replayed', 'true')
          .send(row.response);
      }
      if (this.inFlight.has(slot)) {
        return refuse(
          reply,
          503,
          'SERVICE_UNAVAILABLE',
          'A request with this Idempotency-Key is still being processed; retry shortly',
          { retryable: true, retryAfterSeconds: 1 },
        );
      }
      let done!: () => void;
      this.inFlight.set(slot, new Promise<void>((resolve) => (done = resolve)));
      inFlightByRequest.set(request, () => {
        this.inFlight.delete(slot);
        done();
      });
      claimsByRequest.set(request, {
        organizationId,
        key: header,
        requestHash,
        inserted: false,
        committed: false,
      });
    });

    fastify.addHook('onSend', async (request, reply, payload) => {
      const claim = claimsByRequest.get(request);
      try {
        if (claim?.committed && typeof payload === 'string') {
          await this.storeAnswer(claim, reply.statusCode, payload, request.log);
        }
      } finally {
        inFlightByRequest.get(request)?.();
      }
      return payload;
    });
    fastify.addHook('onResponse', async (request) => {
      inFlightByRequest.get(request)?.();
    });
  }

  /**
   * The change is committed, so its answer must reach the caller even when storing it for replays
   * fails: a 500 here would make the caller retry into a key with no answer ("still being
   * processed") forever. Retry the store briefly while the database restarts; never fail the reply.
   */
  private async storeAnswer(
    claim: Claim,
    statusCode: number,
    payload: string,
    log: { warn: (obj: object, msg: string) => void },
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.query(
          'UPDATE idempotency_key SET status_code = $3, response = $4 WHERE organization_id = $1 AND key = $2',
          [claim.organizationId, claim.key, statusCode, redactForReplay(payload)],
        );
        return;
      } catch (error) {
        if (attempt >= STORE_ATTEMPTS || !isTransientDatabaseError(error)) {
          log.warn(
            { err: error, key: claim.key },
            'idempotency answer not stored; replays of this key will wait',
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  }

  /**
   * The stored row of a key younger than KEY_TTL_HOURS; while the first request still runs (no
   * answer yet), waits up to WAIT_MS for its answer so a quick retry gets it rather than an error.
   */
  private async waitForAnswer(
    organizationId: string,
    key: string,
  ): Promise<{ request_hash: string; status_code: number | null; response: string | null } | undefined> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const [row] = await this.dataSource.query<
        { request_hash: string; status_code: number | null; response: string | null }[]
      >(
        `SELECT request_hash, status_code, response FROM idempotency_key
          WHERE organization_id = $1 AND key = $2 AND created_at > now() - make_interval(hours => $3)`,
        [organizationId, key, KEY_TTL_HOURS],
      );
      if (!row || row.response !== null || Date.now() >= deadline) return row;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async beforeCommit(tx: WriteContext): Promise<void> {
    const claim = claimsByActor.get(tx.actor);
    if (!claim || claim.inserted || claim.organizationId !== tx.actor.organizationId) return;
    const inserted = await tx.em.query<unknown[]>(
      `INSERT INTO idempotency_key (organization_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (organization_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, status_code = NULL, response = NULL, created_at = now()
         WHERE idempotency_key.created_at <= now() - make_interval(hours => $4)
       RETURNING 1`,
      [claim.organizationId, claim.key, claim.requestHash, KEY_TTL_HOURS],
    );
    // Another request with this key committed first: nothing of this one is kept; a retry replays it.
    if (inserted.length === 0) throw new ServiceUnavailableError();
    claim.inserted = true;
    tx.afterCommit(() => {
      claim.committed = true;
    });
  }
}
