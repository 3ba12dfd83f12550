import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../actor.js';

/** Something that writes inside every transaction just before it commits (the audit chain, the outbox). */
export interface TransactionParticipant {
  beforeCommit(tx: WriteContext): Promise<void>;
}

/**
 * Marks a provider as a UnitOfWork participant; its `beforeCommit` runs at the end of every write,
 * participants in ascending `order` (the audit chain last: it holds the head row's lock until commit).
 */
export const CommitParticipant = DiscoveryService.createDecorator<{ readonly order: number }>();

/**
 * Something that happened inside a write which other modules react to in the same transaction,
 * e.g. `await tx.publish(new TierChanged(uuids))`. A subclass per kind of event; handlers are
 * methods marked `@OnTransactionEvent(ThatClass)`.
 */
export abstract class TransactionEvent {}

type EventClass<E extends TransactionEvent> = abstract new (...args: never[]) => E;
type Handler = (tx: WriteContext, event: TransactionEvent) => Promise<void>;

/** Providers with handler methods are marked so discovery finds them without scanning every provider. */
export const TransactionEventHandlers = DiscoveryService.createDecorator<void>();

/** The event class each handler method handles. */
const handledEvents = new WeakMap<object, EventClass<TransactionEvent>>();

/**
 * Marks a method `(tx: WriteContext, event: E) => Promise<void>` of a provider (whose class carries
 * `@TransactionEventHandlers()`) as run, inside the publishing transaction, for every `E` published.
 */
export function OnTransactionEvent<E extends TransactionEvent>(event: EventClass<E>): MethodDecorator {
  return (_target, _key, descriptor) => {
    handledEvents.set(descriptor.value as object, event);
  };
}

/** What UnitOfWork runs around a write, found once among the application's providers. */
export interface TransactionHooks {
  readonly participants: readonly TransactionParticipant[];
  readonly handlers: ReadonlyMap<EventClass<TransactionEvent>, readonly Handler[]>;
}

/** Finds the participants and event handlers through Nest's DiscoveryService. */
@Injectable()
export class TransactionHooksExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  explore(): TransactionHooks {
    const participants = this.discovery
      .getProviders({ metadataKey: CommitParticipant.KEY })
      .filter((wrapper) => wrapper.instance)
      .map((wrapper) => ({
        order: this.discovery.getMetadataByDecorator(CommitParticipant, wrapper)!.order,
        participant: wrapper.instance as TransactionParticipant,
      }))
      .sort((a, b) => a.order - b.order)
      .map((entry) => entry.participant);

    const handlers = new Map<EventClass<TransactionEvent>, Handler[]>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: TransactionEventHandlers.KEY })) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance) continue;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
        const method = instance[name] as Handler;
        const event = typeof method === 'function' ? handledEvents.get(method) : undefined;
        if (!event) continue;
        const bound: Handler = (tx, published) => method.call(instance, tx, published);
        handlers.set(event, [...(handlers.get(event) ?? []), bound]);
      }
    }
    return { participants, handlers };
  }
}

export interface AuditRecord {
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
}

/** What a write sees inside its transaction (here, not in unit-of-work.ts, so neither file imports the other). */
export class WriteContext {
  readonly audits: AuditRecord[] = [];
  readonly afterCommitCallbacks: (() => void | Promise<void>)[] = [];

  constructor(
    readonly em: EntityManager,
    readonly actor: Actor,
    private readonly hooks: TransactionHooks = { participants: [], handlers: new Map() },
  ) {}

  /**
   * Runs, here in the transaction, every `@OnTransactionEvent(event's class)` handler (e.g. the
   * status recomputing when a product's tier changed); their errors roll the write back.
   */
  async publish(event: TransactionEvent): Promise<void> {
    const handlers = this.hooks.handlers.get(event.constructor as never) ?? [];
    for (const handler of handlers) await handler(this, event);
  }

  /** Append an audit entry for this change; written, hash-chained, when the transaction commits. */
  audit(action: string, entityType: string, entityId: string): void {
    this.audits.push({ action, entityType, entityId });
  }

  /** Run after a successful commit only (e.g. publish live events); failures are logged, not thrown. */
  afterCommit(callback: () => void | Promise<void>): void {
    this.afterCommitCallbacks.push(callback);
  }
}
