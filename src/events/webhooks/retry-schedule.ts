/**
 * When a failed delivery is tried again: exponential (30 s x 3^n, capped at 12 h) with +-20 %
 * jitter, so receivers that come back are not hit by every sender at once. 13 attempts span about
 * three days (2.9 days before jitter); after the last the delivery is dead-lettered.
 */
export const MAX_ATTEMPTS = 13;
const BASE_MS = 30_000;
const CAP_MS = 12 * 60 * 60 * 1000;
const JITTER = 0.2;

/** The nominal wait after failed attempt `attempt` (1-based), before jitter. */
export function nominalRetryDelayMs(attempt: number): number {
  return Math.min(BASE_MS * 3 ** (attempt - 1), CAP_MS);
}

/** The wait after failed attempt `attempt`, or null when the delivery is to be dead-lettered. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  const jitter = 1 + (random() * 2 - 1) * JITTER;
  return Math.round(nominalRetryDelayMs(attempt) * jitter);
}
