import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import mqemitterRedis from 'mqemitter-redis';
import type { AppConfig } from '../../common/config/app-config.js';
import { APP_CONFIG } from '../../common/config/config.constants.js';

type RedisEmitter = ReturnType<typeof mqemitterRedis>;

/** Not in the package's types: the emitter's connection state, which emits Redis errors. */
interface WithState {
  state?: { on(event: 'error', listener: (error: Error) => void): void };
}

/**
 * The pub/sub channel behind Mercurius subscriptions. With REDIS_URL, a Redis emitter so an event
 * published on one instance reaches sockets on every instance; without it, undefined (Mercurius
 * then uses its in-process emitter and nothing touches Redis).
 */
@Injectable()
export class LiveEmitter implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveEmitter.name);
  readonly emitter: RedisEmitter | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (!config.redisUrl) return;
    this.emitter = mqemitterRedis({ connectionString: config.redisUrl });
    // Without a listener an 'error' event would crash the process; ioredis reconnects by itself.
    (this.emitter as WithState).state?.on('error', (error) =>
      this.logger.warn(`Redis pub/sub: ${error.message}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const emitter = this.emitter;
    if (emitter) await new Promise<void>((resolve) => emitter.close(() => resolve()));
  }
}
