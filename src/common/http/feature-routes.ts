import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * The Fastify instance a feature registers its own HTTP routes on (in `onModuleInit`), or
 * undefined when the module runs without an HTTP server (`ServicesModule`: the
 * service-level tests), where there is nothing to serve them on.
 */
export function featureHttpServer(adapterHost: HttpAdapterHost): FastifyInstance | undefined {
  return adapterHost.httpAdapter?.getInstance<FastifyInstance>();
}
