import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../../common/errors/domain-error.js';

/**
 * Each organisation may spend so many cost units (objects, as priced by queryCost) per minute,
 * so one tenant's scripts cannot starve the others. Per instance; 0 switches it off.
 */
export class CostBudget {
  private readonly limiter: RateLimiterMemory | undefined;

  constructor(perMinute: number) {
    this.limiter = perMinute > 0 ? new RateLimiterMemory({ points: perMinute, duration: 60 }) : undefined;
  }

  async spend(organizationId: string, cost: number): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(organizationId, Math.max(1, Math.ceil(cost)));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
  }
}
