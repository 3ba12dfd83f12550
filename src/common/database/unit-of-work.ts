import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../actor.js';

export interface AuditRecord {
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
}

/** What a write sees inside its transaction. */
export class WriteContext {
  readonly audits: AuditRecord[] = [];
  readonly afterCommitCallbacks: (() => void | Promise<void>)[] = [];

  constructor(
    readonly em: EntityManager,
    readonly actor: Actor,
  ) {}

  /** Append an audit entry for this change; written, hash-chained, when the transaction commits. */
  audit(action: string, entityType: string, entityId: string): void {
    this.audits.push({ action, entityType, entityId });
  }

  /** Run after a successful commit only (e.g. publish live events); failures are logged, not thrown. */
  afterCommit(callback: () => void | Promise<void>): void {
    this.afterCommitCallbacks.push(callback);
  }
}

/** Something that writes inside every transaction just before it commits (the audit chain, the outbox). */
export interface TransactionParticipant {
  beforeCommit(tx: WriteContext): Promise<void>;
}

/**
 * The one write path: every mutation runs `work` in a single database transaction, which also
 * appends its audit entries (and, through participants, its events). Nothing is half-written:
 * an error anywhere rolls back the change, its audit entries and its events together.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger(UnitOfWork.name);
  private readonly participants: TransactionParticipant[] = [];

  constructor(private readonly dataSource: DataSource) {}

  register(participant: TransactionParticipant): void {
    this.participants.push(participant);
  }

  async run<T>(actor: Actor, work: (tx: WriteContext) => Promise<T>): Promise<T> {
    const { tx, result } = await this.dataSource.transaction(async (em) => {
      const context = new WriteContext(em, actor);
      const value = await work(context);
      if (context.audits.length === 0) {
        throw new Error('Every write must record at least one audit entry');
      }
      for (const participant of this.participants) await participant.beforeCommit(context);
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
