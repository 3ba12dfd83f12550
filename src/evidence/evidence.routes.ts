import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { featureHttpServer } from '../common/http/feature-routes.js';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service.js';
import { HTTP_POLICIES } from '../auth/policies.js';
import { assertPermits, type Policy } from '../auth/policy.js';
import type { Actor } from '../common/actor.js';
import { DomainError, UnauthenticatedError } from '../common/errors/domain-error.js';
import { HTTP_STATUS } from '../common/errors/http-exception.filter.js';
import { EvidenceDownloadService } from './evidence-download.service.js';
import { EvidenceUploadService, UploadRefusal } from './evidence-upload.service.js';

const STATUS = HTTP_STATUS;

/** RFC 6266 attachment with an ASCII fallback and the UTF-8 name. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The two plain HTTP routes of evidence: PUT of the bytes to a one-time upload URL, and GET of a
 * signed download URL. Registered straight on Fastify in their own plugin scope: the upload must
 * stream a body far above the global 64 kB limit, with its own cap, and no other route may.
 */
@Injectable()
export class EvidenceRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly uploads: EvidenceUploadService,
    private readonly downloads: EvidenceDownloadService,
  ) {}

  onModuleInit(): void {
    const fastify = featureHttpServer(this.adapterHost);
    if (!fastify) return;
    void fastify.register(async (scope) => {
      // Any content type: the body is left unread as a stream for the upload to consume.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
      scope.put<{ Params: { token: string } }>('/evidence/uploads/:token', (request, reply) =>
        this.handle(reply, HTTP_POLICIES.uploadEvidence, request, async (actor) => {
          const length = request.headers['content-length'];
          const evidence = await this.uploads.receive(
            actor,
            request.params.token,
            request.body as Readable,
            length === undefined ? undefined : Number(length),
          );
          return reply.code(200).send({
            evidence: {
              id: evidence.id,
              status: evidence.status,
              sha256: evidence.sha256,
              sizeBytes: evidence.sizeBytes,
              mediaType: evidence.mediaType,
            },
          });
        }),
      );
      scope.get<{ Params: { id: string }; Querystring: { expires?: string; signature?: string } }>(
        '/evidence/files/:id',
        (request, reply) =>
          this.handle(reply, HTTP_POLICIES.downloadEvidence, request, async (actor) => {
            const { evidence, sha256, content } = await this.downloads.open(
              actor,
              request.params.id,
              Number(request.query.expires),
              String(request.query.signature ?? ''),
            );
            return reply
              .code(200)
              .header('content-type', evidence.mediaType ?? 'application/octet-stream')
              .header('content-disposition', attachment(evidence.fileName ?? 'evidence'))
              .header('x-content-type-options', 'nosniff')
              .header('content-security-policy', "default-src 'none'; sandbox")
              .header('cache-control', 'private, no-store')
              .header('etag', `"sha256-${sha256}"`)
              .header('repr-digest', `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`)
              .header('content-length', String(evidence.sizeBytes ?? ''))
              .send(content);
          }),
      );
    });
  }

  private async handle(
    reply: FastifyReply,
    policy: Policy,
    request: FastifyRequest,
    work: (actor: Actor) => Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    try {
      const actor = await this.auth.authenticate(request.headers.authorization);
      if (!actor) throw new UnauthenticatedError();
      assertPermits(policy, actor);
      return await work(actor);
    } catch (error) {
      // The unread rest of a refused upload must not be parsed as the next request.
      if (request.method === 'PUT') reply.header('connection', 'close');
      if (error instanceof UploadRefusal) {
        return reply.code(error.status).send({
          error: { code: error.code, message: error.message },
          ...(error.evidence
            ? {
                evidence: {
                  id: error.evidence.id,
                  status: error.evidence.status,
                  rejectionReason: error.evidence.rejectionReason,
                },
              }
            : {}),
        });
      }
      if (error instanceof DomainError) {
        return reply.code(STATUS[error.code]).send({ error: { code: error.code, message: error.message } });
      }
      throw error;
    }
  }
}
