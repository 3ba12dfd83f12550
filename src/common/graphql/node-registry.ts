import { Injectable } from '@nestjs/common';
import type { Actor } from '../actor.js';
import { decodeGlobalId } from './global-id.js';
import type { RequestLoaders } from './request-context.js';

/** `loaders`: the request's, for a node read with values its fields' loaders can be primed with. */
type NodeLoader = (actor: Actor, key: string, loaders: RequestLoaders) => Promise<object | null>;

/**
 * Feature modules register how to load their node types, so `node(id)` needs no knowledge of them.
 * Each loader applies its own visibility: what the caller may not see comes back as null.
 */
@Injectable()
export class NodeRegistry {
  private readonly loaders = new Map<string, NodeLoader>();

  register(type: string, loader: NodeLoader): void {
    this.loaders.set(type, loader);
  }

  async load(actor: Actor, id: string, loaders: RequestLoaders): Promise<object | null> {
    const decoded = decodeGlobalId(id);
    const loader = decoded && this.loaders.get(decoded.type);
    return loader && decoded ? loader(actor, decoded.key, loaders) : null;
  }
}
