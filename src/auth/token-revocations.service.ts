import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/actor.js';
import type { AppConfig } from '../common/config/app-config.js';
import { APP_CONFIG } from '../common/config/config.constants.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { BadUserInputError, NotFoundError } from '../common/errors/domain-error.js';
import { fromGlobalId, toGlobalId } from '../common/graphql/global-id.js';

/** Every instance reads the revocations again this often: a revocation holds everywhere within it. */
export const REVOCATION_REFRESH_MS = 20_000;

/** Per organisation: tokens issued before `all` (epoch seconds), or before `subjects[sub]`, are revoked. */
interface OrganizationRevocations {
  all: number;
  readonly subjects: Map<string, number>;
}

/**
 * Token revocations (issue 15, hole 7): the agency revokes an organisation's tokens, or one
 * subject's, issued before a time. Stored in PostgreSQL; each instance keeps the list in memory
 * (only revocations that can still matter: later than now minus the longest token lifetime) and
 * reads it again every 20 s in the background and at once after a revocation of its own, so
 * checking a token costs no SQL.
 */
@Injectable()
export class TokenRevocations implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TokenRevocations.name);
  private revocations = new Map<string, OrganizationRevocations>();
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), REVOCATION_REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Whether a token of `subject` in the organisation, issued at `issuedAt` (epoch seconds), is revoked. */
  isRevoked(organizationId: string, subject: string, issuedAt: number): boolean {
    const revoked = this.revocations.get(organizationId);
    if (!revoked) return false;
    return issuedAt < revoked.all || issuedAt < (revoked.subjects.get(subject) ?? 0);
  }

  /** Agency ADMIN: tokens of the organisation (or of one subject of it) issued before the time stop working. */
  async revoke(
    actor: Actor,
    organizationId: string,
    subject: string | null | undefined,
    issuedBefore: Date,
  ): Promise<boolean> {
    const uuid = fromGlobalId(organizationId, 'Organization');
    const problems: { field: string; message: string }[] = [];
    if (subject !== null && subject !== undefined && (subject.trim() === '' || subject.length > 200)) {
      problems.push({ field: 'subject', message: 'A subject is 1 to 200 characters (or left out for all)' });
    }
    if (Number.isNaN(issuedBefore.getTime()) || issuedBefore.getTime() > Date.now() + 60_000) {
      problems.push({ field: 'issuedBefore', message: 'issuedBefore must be a time not in the future' });
    }
    if (problems.length > 0) throw new BadUserInputError(problems);
    const id = await this.unitOfWork.run(actor, async (tx) => {
      const found = uuid
        ? await tx.em.query<{ id: string }[]>(`SELECT id FROM organization WHERE id = $1`, [uuid])
        : [];
      if (found.length === 0) throw new NotFoundError('Organization');
      const [row] = await tx.em.query<{ id: string }[]>(
        `INSERT INTO token_revocation (organization_id, subject, issued_before, revoked_by)
         VALUES ($1, $2, $3, $4) RETURNING id`,
        [uuid, subject ?? null, issuedBefore.toISOString(), actor.subject],
      );
      tx.audit(
        subject ? 'tokens.revoked.subject' : 'tokens.revoked',
        'Organization',
        toGlobalId('Organization', uuid!),
      );
      return row.id;
    });
    this.logger.log(`tokens revoked (${id})`);
    await this.refresh();
    return true;
  }

  /** Reads the revocations that can still matter; on failure the previous list stays. */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<void> {
    try {
      const rows = await this.dataSource.query<
        { organization_id: string; subject: string | null; issued_before: number }[]
      >(
        `SELECT organization_id, subject, max(extract(epoch FROM issued_before))::float8 AS issued_before
           FROM token_revocation
          WHERE issued_before > now() - make_interval(secs => $1)
          GROUP BY organization_id, subject`,
        [this.config.auth.maxTokenLifetimeSeconds + 60],
      );
      const next = new Map<string, OrganizationRevocations>();
      for (const row of rows) {
        const entry = next.get(row.organization_id) ?? { all: 0, subjects: new Map<string, number>() };
        next.set(row.organization_id, entry);
        if (row.subject === null) entry.all = Number(row.issued_before);
        else entry.subjects.set(row.subject, Number(row.issued_before));
      }
      this.revocations = next;
    } catch (error) {
      this.logger.warn(`token revocations not refreshed: ${String(error)}`);
      throw error;
    }
  }
}
