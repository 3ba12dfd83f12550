import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { featureHttpServer } from '../../common/http/feature-routes.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../../auth/auth.service.js';
import { HTTP_POLICIES } from '../../auth/policies.js';
import type { Policy } from '../../auth/policy.js';
import type { Actor } from '../../common/actor.js';
import { BadUserInputError } from '../../common/errors/domain-error.js';
import { receiveOscal } from './oscal-upload.js';
import { BaselineLifecycleService } from '../baseline-lifecycle.service.js';
import { Tier } from '../dto/tier.enum.js';
import { OscalProfileService } from './oscal-profile.service.js';

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
    const fastify = featureHttpServer(this.adapterHost);
    if (!fastify) return;
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

  private handle(
    reply: FastifyReply,
    policy: Policy,
    request: FastifyRequest,
    work: (actor: Actor, document: unknown) => Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    return receiveOscal(this.auth, reply, policy, request, work);
  }
}
