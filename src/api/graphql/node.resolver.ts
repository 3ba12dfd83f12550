import { type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Loaders } from '../../auth/current-actor.decorator.js';
import { POLICIES } from '../../auth/policies.js';
import { Allow } from '../../auth/policy.js';
import type { Actor } from '../../common/actor.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { decodeGlobalId, isUuid } from '../../common/graphql/global-id.js';
import { Node } from '../../common/graphql/node.js';
import { type NodeLoader, NodeTypeMetadata } from '../../common/graphql/node-type.js';
import type { RequestLoaders } from '../../common/graphql/request-context.js';

interface FoundLoader {
  readonly load: NodeLoader;
  readonly where: string;
}

/**
 * `node(id)`: the id names its type, and the provider method marked `@NodeType(type)` (found once
 * at start among every module's providers) loads it with the caller's visibility.
 */
@Resolver()
export class NodeResolver implements OnModuleInit {
  private readonly loaders = new Map<string, FoundLoader>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const seen = new Set<object>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.isDependencyTreeStatic() ? (wrapper.instance as unknown) : undefined;
      if (!instance || typeof instance !== 'object' || seen.has(instance)) continue;
      seen.add(instance);
      const prototype = Object.getPrototypeOf(instance) as object | null;
      if (!prototype) continue;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const type = this.discovery.getMetadataByDecorator(NodeTypeMetadata, wrapper, name)?.type;
        if (type) this.add(type, instance as Record<string, NodeLoader>, name);
      }
    }
  }

  private add(type: string, instance: Record<string, NodeLoader>, name: string): void {
    const where = `${instance.constructor.name}.${name}`;
    const existing = this.loaders.get(type);
    if (existing) {
      throw new Error(
        `node type "${type}" is loaded by both ${existing.where} and ${where}: @NodeType names must be unique`,
      );
    }
    this.loaders.set(type, { load: (actor, uuid, loaders) => instance[name](actor, uuid, loaders), where });
  }

  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its id; null when it does not exist or is not yours to see.',
  })
  @Allow(POLICIES.node)
  async node(
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
    @Args('id', { type: () => ID, description: 'The id of any object that implements Node.' }) id: string,
  ): Promise<object | null> {
    const decoded = decodeGlobalId(id);
    const loader = decoded && this.loaders.get(decoded.type);
    if (!decoded || !loader || !isUuid(decoded.key)) return null;
    try {
      return await loader.load(actor, decoded.key, loaders);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }
}
