import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { NodeResolver } from './node.resolver.js';
import { SocketLimits } from './socket-server.js';

/** The GraphQL transport's own providers: `node(id)` over the features' `@NodeType` methods, the socket limits. */
@Module({
  imports: [DiscoveryModule],
  providers: [NodeResolver, SocketLimits],
})
export class GraphqlApiModule {}
