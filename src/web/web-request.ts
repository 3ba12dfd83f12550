import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../common/config/app-config.js';
import type { SafeHtml } from './html.js';
import { type Messages, messages, pickLanguage } from './i18n/i18n.js';
import type { PageFrame } from './views/layout.js';

/** The visitor's messages: the language switch's cookie, then Accept-Language, then Swedish. */
export function messagesFor(request: FastifyRequest): Messages {
  return messages(pickLanguage(request.cookies?.lang, request.headers['accept-language']));
}

/** The page frame of a request (signed-in details added by the session layer). */
export function frameFor(
  request: FastifyRequest,
  config: AppConfig,
  session?: PageFrame['session'],
): PageFrame {
  return {
    m: messagesFor(request),
    path: request.url,
    agencyName: config.agency.name,
    publicRegistry: config.portal.publicRegistry,
    session,
  };
}

export function sendPage(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page.value);
}

/** A query-string value as one trimmed string (repeated parameters: the first), at most `max` long. */
export function queryText(value: unknown, max = 100): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first !== 'string') return undefined;
  const text = first.trim().slice(0, max);
  return text === '' ? undefined : text;
}

/** One of `allowed`, or undefined for anything else. */
export function queryEnum<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  const text = queryText(value, 40);
  return allowed.find((candidate) => candidate === text);
}

/** A page number from 1 to `max` (default 1). */
export function queryPage(value: unknown, max = 10_000): number {
  const text = queryText(value, 6);
  const n = text && /^\d+$/.test(text) ? Number(text) : 1;
  return Math.min(Math.max(n, 1), max);
}

/** A local path to return to after an action (never another site). */
export function safeNext(value: unknown): string {
  const text = queryText(value, 500);
  return text && text.startsWith('/') && !text.startsWith('//') && !text.includes('\\') ? text : '/';
}
