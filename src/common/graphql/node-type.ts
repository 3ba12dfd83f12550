import { DiscoveryService } from '@nestjs/core';
import type { Actor } from '../actor.js';
import type { RequestLoaders } from './request-context.js';

/**
 * Loads one object of a node type by its uuid, applying the caller's visibility: null if unseen.
 * `loaders` are the request's, for a loader that can prime its fields' loaders with what it read.
 */
export type NodeLoader = (actor: Actor, uuid: string, loaders: RequestLoaders) => Promise<object | null>;

/** The discoverable metadata behind `@NodeType`; `node(id)` (src/api/graphql) looks it up. */
export const NodeTypeMetadata = DiscoveryService.createDecorator<{ readonly type: string }>();

/**
 * Marks a provider method `(actor, uuid, loaders?) => Promise<model | null>` as how `node(id)` loads ids of
 * `type` (the name given to `toGlobalId`), so the resolver needs no knowledge of the features.
 * It is called only with a well-formed uuid and must return null for what the caller may not see.
 * Found once at start; two methods claiming one type name stop the start.
 */
export function NodeType(type: string) {
  return <M extends NodeLoader>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ) => {
    NodeTypeMetadata({ type })(target, key, descriptor);
  };
}
