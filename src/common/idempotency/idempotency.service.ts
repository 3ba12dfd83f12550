import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthService } from '../../auth/auth.service.js';
import { ConflictError } from '../errors/domain-error.js';
import { type TransactionParticipant, UnitOfWork, type WriteContext } from '../database/unit-of-work.js';

interface Claim {
  readonly organizationId: string;
  readonly key: string;
  readonly requestHash: string;
  inserted: boolean;
  committed: boolean;
}

interface Holder {
  claim?: Claim;
}

// The holder is entered synchronously in onRequest: a context entered after an await inside a
// later hook would not reach the GraphQL handler.
const scope = new AsyncLocalStorage<Holder>();
const KEY = /^[A-Za-z0-9._:-]{1,200}$/;
export const IDEMPOTENCY_HEADER = 'idempotency-key';

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
export class IdempotencyService implements TransactionParticipant, OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.unitOfWork.register(this);
  }

  install(fastify: FastifyInstance, auth: AuthService): void {
    fastify.addHook('onRequest', (_request, _reply, done) => {
      scope.enterWith({});
      done();
    });
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
      let organizationId: string | undefined;
      try {
        organizationId = (await auth.authenticate(request.headers.authorization))?.organizationId;
      } catch {
        return; // GraphQL answers the bad token itself
      }
      if (!organizationId) return;
      const body = request.body as
        { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
      const requestHash = createHash('sha256')
        .update(JSON.stringify([body?.query ?? null, body?.variables ?? null, body?.operationName ?? null]))
        .digest('hex');
      const [row] = await this.dataSource.query<
        { request_hash: string; status_code: number | null; response: string | null }[]
      >(
        'SELECT request_hash, status_code, response FROM idempotency_key WHERE organization_id = $1 AND key = $2',
        [organizationId, header],
      );
      if (row) {
        if (row.request_hash !== requestHash) {
          return refuse(reply, 409, 'CONFLICT', 'This Idempotency-Key was used with another request');
        }
        if (row.response === null) {
          return refuse(
            reply,
            409,
            'CONFLICT',
            'A request with this Idempotency-Key is still being processed',
            {
              retryable: true,
              retryAfterSeconds: 1,
            },
          );
        }
        return reply
          .code(row.status_code ?? 200)
          .header('content-type', 'application/json; charset=utf-8')
          .header('idempotent-replayed', 'true')
          .send(row.response);
      }
      const holder = scope.getStore();
      if (holder)
        holder.claim = { organizationId, key: header, requestHash, inserted: false, committed: false };
    });

    fastify.addHook('onSend', async (_request, reply, payload) => {
      const claim = scope.getStore()?.claim;
      if (claim?.committed && typeof payload === 'string') {
        await this.dataSource.query(
          'UPDATE idempotency_key SET status_code = $3, response = $4 WHERE organization_id = $1 AND key = $2',
          [claim.organizationId, claim.key, reply.statusCode, payload],
        );
      }
      return payload;
    });
  }

  async beforeCommit(tx: WriteContext): Promise<void> {
    const claim = scope.getStore()?.claim;
    if (!claim || claim.inserted || claim.organizationId !== tx.actor.organizationId) return;
    const inserted = await tx.em.query<unknown[]>(
      `INSERT INTO idempotency_key (organization_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [claim.organizationId, claim.key, claim.requestHash],
    );
    if (inserted.length === 0)
      throw new ConflictError('A request with this Idempotency-Key was processed concurrently');
    claim.inserted = true;
    tx.afterCommit(() => {
      claim.committed = true;
    });
  }
}
