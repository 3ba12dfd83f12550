import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, OrganizationKind, Role } from '../actor.js';
import { type TransactionHooks, TransactionHooksExplorer, WriteContext } from './transaction-hooks.js';

export { type AuditRecord, type TransactionParticipant, WriteContext } from './transaction-hooks.js';

/** The actor of writes no person made (the scheduler's passes): the agency's authority, a `system:` subject. */
export function systemActor(name: string): Actor {
  return {
    subject: `system:${name}`,
    organizationId: '00000000-0000-0000-0000-000000000000',
    organizationKind: OrganizationKind.AGENCY,
    roles: [Role.ADMIN],
  };
}

/**
 * The one write path: every mutation runs `work` in a single database transaction, which also
 * appends its audit entries (and, through the `@CommitParticipant` providers, its events and
 * idempotency key). Nothing is half-written: an error anywhere rolls back the change, its audit
 * entries and its events together.
 */
@Injectable()
export class UnitOfWork implements OnModuleInit {
  private readonly logger = new Logger(UnitOfWork.name);
  private discovered: TransactionHooks | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly explorer: TransactionHooksExplorer,
  ) {}

  /** Participants and event handlers are found once, before any write (also lazily, for safety). */
  onModuleInit(): void {
    this.hooks();
  }

  /** A caller's write: it must record at least one audit entry. */
  run<T>(actor: Actor, work: (tx: WriteContext) => Promise<T>): Promise<T> {
    return this.transact(actor, work, true);
  }

  /**
   * A write no caller made (a scheduler pass), as `systemActor(name)`: the same transaction,
   * participants and audit chain, but a pass that found nothing to do may record no audit entry.
   */
  runAsSystem<T>(name: string, work: (tx: WriteContext) => Promise<T>): Promise<T> {
    return this.transact(systemActor(name), work, false);
  }

  private hooks(): TransactionHooks {
    this.discovered ??= this.explorer.explore();
    return this.discovered;
  }

  private async transact<T>(
    actor: Actor,
    work: (tx: WriteContext) => Promise<T>,
    auditRequired: boolean,
  ): Promise<T> {
    const hooks = this.hooks();
    const { tx, result } = await this.dataSource.transaction(async (em) => {
      const context = new WriteContext(em, actor, hooks);
      const value = await work(context);
      if (auditRequired && context.audits.length === 0) {
        throw new Error('Every write must record at least one audit entry');
      }
      for (const participant of hooks.participants) await participant.beforeCommit(context);
      return { tx: context, result: value };
    });
    for (const callback of tx.afterCommitCallbacks) {
      try {
        await callback();
      } catch (error) {
        this.logger.error(`after-commit callback failed: ${String(error)}`);
      }
    }
    return result;
  }
}

/** PostgreSQL unique_violation, optionally on one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
