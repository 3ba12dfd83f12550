import { Module } from '@nestjs/common';
import { NodeResolver } from './node.resolver.js';
import { SocketLimits } from './socket-server.js';

/** The GraphQL transport's own providers: `node(id)` over the features' registrations, the socket limits. */
@Module({
  providers: [NodeResolver, SocketLimits],
})
export class GraphqlApiModule {}
