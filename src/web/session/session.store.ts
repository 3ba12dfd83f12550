import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor, OrganizationKind, Role } from '../../common/actor.js';
import type { AppConfig } from '../../common/config/app-config.js';
import { APP_CONFIG } from '../../common/config/config.constants.js';

/** A signed-in visitor: the actor every page hands to the services, and what the frame shows. */
export interface WebSession {
  readonly actor: Actor;
  readonly organizationName: string;
  readonly csrfToken: string;
  /** When this person last used the portal for this organisation before this session, if ever. */
  readonly previousVisitAt: Date | null;
}

/** An OpenID Connect sign-in under way (table web_sign_in). */
export interface PendingSignIn {
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly next: string;
}

interface SessionRow {
  subject: string;
  organization_id: string;
  roles: Role[];
  csrf_token: string;
  previous_visit_at: Date | null;
  kind: OrganizationKind;
  name: string;
}

const SWEEP_INTERVAL_MS = 60_000;

export const newToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Constant-time comparison of two tokens (CSRF). */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Server-side sessions in PostgreSQL: the cookie holds a random token, the table its SHA-256, so a
 * database reader cannot replay sessions. Reading a session also extends it (one statement);
 * one unused for the idle timeout is gone.
 */
@Injectable()
export class SessionStore {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** When the next sign-in also removes expired sessions and abandoned sign-ins (epoch ms). */
  private nextSweepAt = 0;

  /**
   * Starts a session for a verified person of an organisation; returns the cookie token. At most
   * once a minute (per process) the same statement also deletes sessions idle past the timeout
   * and sign-ins never finished, so expired rows do not pile up.
   */
  async create(subject: string, organizationId: string, roles: readonly Role[]): Promise<string> {
    const token = newToken();
    const sweep = Date.now() >= this.nextSweepAt;
    if (sweep) this.nextSweepAt = Date.now() + SWEEP_INTERVAL_MS;
    await this.dataSource.query(
      `WITH expired AS (
         DELETE FROM web_session WHERE $6::boolean AND last_seen_at < now() - make_interval(mins => $7)
       ), abandoned AS (
         DELETE FROM web_sign_in WHERE $6::boolean AND created_at < now() - interval '10 minutes'
       ), previous AS (
         SELECT last_seen_at FROM web_visit WHERE subject = $2 AND organization_id = $3
       ), visit AS (
         INSERT INTO web_visit (subject, organization_id, last_seen_at) VALUES ($2, $3, now())
         ON CONFLICT (subject, organization_id) DO UPDATE SET last_seen_at = now()
       )
       INSERT INTO web_session (id, subject, organization_id, roles, csrf_token, previous_visit_at)
       VALUES ($1, $2, $3, $4::text[], $5, (SELECT last_seen_at FROM previous))`,
      [
        tokenHash(token),
        subject,
        organizationId,
        roles,
        newToken(),
        sweep,
        this.config.portal.sessionIdleMinutes,
      ],
    );
    return token;
  }

  /** The session of a cookie token if it exists and was used within the idle timeout; extends it. */
  async touch(token: string | undefined): Promise<WebSession | null> {
    if (!token || token.length > 100) return null;
    const rows = await this.dataSource.query<SessionRow[]>(
      `UPDATE web_session s SET last_seen_at = now()
         FROM organization o
        WHERE s.id = $1 AND o.id = s.organization_id
          AND s.last_seen_at > now() - make_interval(mins => $2)
        RETURNING s.subject, s.organization_id, s.roles, s.csrf_token, s.previous_visit_at, o.kind, o.name`,
      [tokenHash(token), this.config.portal.sessionIdleMinutes],
    );
    // TypeORM answers UPDATE … RETURNING on PostgreSQL as [rows, affected]
    const row = (rows as unknown as [SessionRow[], number])[0]?.[0];
    if (!row) return null;
    return {
      actor: {
        subject: row.subject,
        organizationId: row.organization_id,
        organizationKind: row.kind,
        roles: row.roles,
      },
      organizationName: row.name,
      csrfToken: row.csrf_token,
      previousVisitAt: row.previous_visit_at,
    };
  }

  /** Signs out: the session row is deleted, and the person's visit recorded. */
  async destroy(token: string | undefined): Promise<void> {
    if (!token) return;
    await this.dataSource.query(
      `WITH gone AS (DELETE FROM web_session WHERE id = $1 RETURNING subject, organization_id)
       UPDATE web_visit v SET last_seen_at = now() FROM gone
        WHERE v.subject = gone.subject AND v.organization_id = gone.organization_id`,
      [tokenHash(token)],
    );
  }

  /**
   * Remembers an OpenID Connect sign-in under way (PKCE verifier, state, nonce, where to go after);
   * returns the token of the browser's cookie that binds the answer to this browser.
   */
  async beginSignIn(pending: PendingSignIn): Promise<string> {
    const token = newToken();
    await this.dataSource.query(
      `INSERT INTO web_sign_in (id, code_verifier, state, nonce, next) VALUES ($1, $2, $3, $4, $5)`,
      [tokenHash(token), pending.codeVerifier, pending.state, pending.nonce, pending.next],
    );
    return token;
  }

  /** The sign-in under way of a cookie token, at most once and within 10 minutes (it is deleted). */
  async takeSignIn(token: string | undefined): Promise<PendingSignIn | null> {
    if (!token || token.length > 100) return null;
    const rows = await this.dataSource.query<Record<string, string>[]>(
      `DELETE FROM web_sign_in WHERE id = $1 RETURNING code_verifier, state, nonce, next,
         created_at > now() - interval '10 minutes' AS fresh`,
      [tokenHash(token)],
    );
    // TypeORM answers DELETE … RETURNING on PostgreSQL as [rows, affected]
    const row = (rows as unknown as [(Record<string, string> & { fresh: boolean })[], number])[0]?.[0];
    if (!row?.fresh) return null;
    return { codeVerifier: row.code_verifier, state: row.state, nonce: row.nonce, next: row.next };
  }

  /** Removes sessions idle past the timeout and sign-ins never finished (sign-ins do it once a minute). */
  async sweep(): Promise<void> {
    await this.dataSource.query(
      `WITH a AS (DELETE FROM web_session WHERE last_seen_at < now() - make_interval(mins => $1))
       DELETE FROM web_sign_in WHERE created_at < now() - interval '10 minutes'`,
      [this.config.portal.sessionIdleMinutes],
    );
  }
}
