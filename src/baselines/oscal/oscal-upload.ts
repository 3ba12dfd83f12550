import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService } from '../../auth/auth.service.js';
import { assertPermits, type Policy } from '../../auth/policy.js';
import type { Actor } from '../../common/actor.js';
import {
  BadUserInputError,
  DomainError,
  type FieldViolation,
  UnauthenticatedError,
} from '../../common/errors/domain-error.js';
import { HTTP_STATUS } from '../../common/errors/http-exception.filter.js';

/*
 * Receiving an OSCAL document over plain HTTP (catalogs, profiles, assessment results): the bearer
 * token checked by AuthService and the route's policy from the one permission table, exactly as
 * the evidence routes do; then the body streamed up to a limit and parsed as JSON. Problems come
 * back as JSON pointers (the first 50).
 */

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
 * Authenticates, authorises, reads the body and hands the parsed document to `work`; domain errors
 * become `{ error: { code, message, problems? } }` with the matching status.
 */
export async function receiveOscal(
  auth: AuthService,
  reply: FastifyReply,
  policy: Policy,
  request: FastifyRequest,
  work: (actor: Actor, document: unknown) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  try {
    const actor = await auth.authenticate(request.headers.authorization);
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
