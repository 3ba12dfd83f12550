import DataLoader from 'dataloader';
import type { Actor } from '../actor.js';
import { type DomainError, UnauthenticatedError } from '../errors/domain-error.js';

declare const LOADS: unique symbol;

/**
 * The name of a per-request loader that hot paths prime, typed by its keys and values so that a
 * primed value has the type the loader answers. Declared once, in the module that owns the loader.
 */
export type LoaderName<K, V> = string & { readonly [LOADS]?: (key: K) => V };

export function loaderName<K, V>(name: string): LoaderName<K, V> {
  return name;
}

/**
 * DataLoaders live as long as one request: created lazily by name, so a field resolver batches
 * every parent of the request into one query and nothing is cached across callers.
 *
 * A hot path whose one statement already selected a field's value (a product's supplier and
 * status beside the subscription rows) primes that field's loader with it: the field's resolver
 * runs as always, and its load() answers from the cache without a statement. A primed value must
 * be exactly what the loader would answer for this caller (already authorised the same way).
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  /** Values primed before their loader exists, computed when it is first asked for (if ever). */
  private readonly pending = new Map<string, Map<unknown, () => unknown>>();

  get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = create();
      this.loaders.set(name, loader);
      const primed = this.pending.get(name);
      if (primed) {
        this.pending.delete(name);
        for (const [key, compute] of primed) loader.prime(key as K, compute() as V);
      }
    }
    return loader;
  }

  /** The loader `name` answers `value` for `key` in this request; a key already known keeps its value. */
  prime<K, V>(name: LoaderName<K, V>, key: K, value: V): void {
    this.primeLazy(name, key, () => value);
  }

  /**
   * As prime, with the value computed only when a resolver first asks for the loader: a request
   * that never selects the field never computes it.
   */
  primeLazy<K, V>(name: LoaderName<K, V>, key: K, compute: () => V): void {
    const loader = this.loaders.get(name);
    if (loader) {
      loader.prime(key, compute());
      return;
    }
    let primed = this.pending.get(name);
    if (!primed) {
      primed = new Map();
      this.pending.set(name, primed);
    }
    if (!primed.has(key)) primed.set(key, compute);
  }
}

/** What every resolver finds in its GraphQL context. */
export interface RequestContext {
  /** Set when the bearer token verified and named a known organisation. */
  actor?: Actor;
  /** Why authentication failed; the guard answers it before any resolver runs. */
  authError?: DomainError;
  loaders: RequestLoaders;
}

/**
 * The caller, for a field resolver declared without parameter decorators. Nest calls such a
 * resolver as graphql does, `(parent, args, context)`, where one with @Parent()/@Loaders()/
 * @CurrentActor() goes per call through parameter factories, pipes and a chain of promises: on a
 * list of 40 products with a few such fields, more CPU than the statement that read them. Hot
 * field resolvers take that form. The guard has refused the operation already without a caller;
 * this is @CurrentActor's check.
 */
export function callerOf(context: RequestContext): Actor {
  if (!context.actor) throw new UnauthenticatedError();
  return context.actor;
}
