import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../../auth/auth.service.js';
import { HTTP_POLICIES } from '../../auth/policies.js';
import { assertPermits, type Policy } from '../../auth/policy.js';
import type { Actor } from '../../common/actor.js';
import {
  BadUserInputError,
  DomainError,
  type FieldViolation,
  UnauthenticatedError,
} from '../../common/errors/domain-error.js';
import { HTTP_STATUS } from '../../common/errors/http-exception.filter.js';
import { BaselineLifecycleService } from '../baseline-lifecycle.service.js';
import { Tier } from '../dto/tier.enum.js';
import { OscalProfileService } from './oscal-profile.service.js';

/** Large enough for SP 800-53 Rev 5 in full (about 10 MB). */
export const MAX_OSCAL_BYTES = 20 * 1024 * 1024;

class TooLarge extends Error {}

/** Reads a streamed body up to a limit, refusing as soon as it passes it. */
async function readBody(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A violation as a JSON pointer into the document (`document/catalog/...`) or a query parameter. */
function problem(v: FieldViolation): { pointer?: string; parameter?: string; message: string } {
  if (v.field === 'document' || v.field.startsWith('document/')) {
    return { pointer: v.field.slice('document'.length), message: v.message };
  }
  return { parameter: v.field, message: v.message };
}

/**
 * Imports of OSCAL documents too large for GraphQL's 64 kB request limit: a catalog (up to 20 MB,
 * streamed) becomes a draft baseline; a profile's set-parameters give a draft's parameters their
 * values for one tier. The same bearer token and permission table as GraphQL (HTTP_POLICIES, which
 * reuse the GraphQL entries). Registered in their own Fastify scope, as the evidence upload is.
 */
@Injectable()
export class OscalRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly lifecycle: BaselineLifecycleService,
    private readonly profiles: OscalProfileService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
      scope.post<{ Querystring: { key?: string; version?: string } }>('/oscal/catalogs', (request, reply) =>
        this.handle(reply, HTTP_POLICIES.importOscalCatalog, request, async (actor, document) => {
          const report = await this.lifecycle.importOscalReport(
            actor,
            document,
            String(request.query.key ?? ''),
            String(request.query.version ?? ''),
          );
          return reply.code(201).send({
            baseline: {
              id: report.baseline.id,
              key: report.baseline.key,
              version: report.baseline.version,
              title: report.baseline.title,
              status: report.baseline.status,
            },
            requirements: report.requirements,
            withdrawn: report.withdrawn,
          });
        }),
      );
      scope.post<{ Params: { id: string; tier: string } }>(
        '/oscal/baselines/:id/profiles/:tier',
        (request, reply) =>
          this.handle(reply, HTTP_POLICIES.setOscalProfileParameters, request, async (actor, document) => {
            const tier = request.params.tier.replace(/\.json$/, '').toUpperCase() as Tier;
            if (!Object.values(Tier).includes(tier)) {
              throw BadUserInputError.field('tier', 'must be basic, elevated or high');
            }
            const result = await this.profiles.setParameters(actor, request.params.id, tier, document);
            return reply.code(200).send(result);
          }),
      );
    });
  }

  private async handle(
    reply: FastifyReply,
    policy: Policy,
    request: FastifyRequest,
    work: (actor: Actor, document: unknown) => Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    try {
      const actor = await this.auth.authenticate(request.headers.authorization);
      if (!actor) throw new UnauthenticatedError();
      assertPermits(policy, actor);
      const declared = Number(request.headers['content-length']);
      if (declared > MAX_OSCAL_BYTES) throw new TooLarge();
      const bytes = await readBody(request.body as Readable, MAX_OSCAL_BYTES);
      let document: unknown;
      try {
        document = JSON.parse(bytes.toString('utf8'));
      } catch (error) {
        throw BadUserInputError.field('document', `is not JSON: ${(error as Error).message}`);
      }
      return await work(actor, document);
    } catch (error) {
      if (error instanceof TooLarge) {
        reply.header('connection', 'close');
        return reply.code(413).send({
          error: {
            code: 'PAYLOAD_TOO_LARGE',
            message: `The document is larger than ${MAX_OSCAL_BYTES} bytes`,
          },
        });
      }
      if (error instanceof BadUserInputError) {
        return reply.code(400).send({
          error: {
            code: error.code,
            message: 'The document is not a valid OSCAL document; see problems (the first 50)',
            problems: error.violations.slice(0, 50).map(problem),
          },
        });
      }
      if (error instanceof DomainError) {
        reply.header('connection', 'close');
        return reply
          .code(HTTP_STATUS[error.code])
          .send({ error: { code: error.code, message: error.message } });
      }
      throw error;
    }
  }
}
