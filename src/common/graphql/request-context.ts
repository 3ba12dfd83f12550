import DataLoader from 'dataloader';
import type { Actor } from '../actor.js';
import type { DomainError } from '../errors/domain-error.js';

/**
 * DataLoaders live as long as one request: created lazily by name, so a field resolver batches
 * every parent of the request into one query and nothing is cached across callers.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = create();
      this.loaders.set(name, loader);
    }
    return loader;
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
