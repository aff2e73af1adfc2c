/**
 * Limits on guessing passwords and on mass sign-up (DOMAIN.md, "Signing in and signing up").
 * Failed password checks are counted per (account, address) and per address, never per account
 * alone: a right password from an address that has not failed is never refused because of failures
 * from elsewhere. A pair that keeps failing is slowed down progressively (each attempt after the
 * first few waits 1 s, 2 s, 4 s, … at most MAX_DELAY_SECONDS after the one before) and refused for
 * the rest of its window at its limit; an address is refused at its own, larger limit.
 */

/** One counter as stored: attempts counted in a window that ends at `windowEndsAt` (epoch ms). */
export interface AttemptCounter {
  attempts: number;
  windowEndsAt: number;
  lastAttemptAt: number;
}

export interface AttemptLimit {
  /** Attempts allowed in one window. */
  limit: number;
  /** Attempts after which each next one must wait (progressive delay); none: no delay. */
  delayAfter?: number;
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export const MAX_DELAY_SECONDS = 60;

/** Seconds an attempt must wait after the one before, once `attempts` were counted: 0, then 1, 2, 4, … ≤ 60. */
export function progressiveDelaySeconds(attempts: number, delayAfter: number | undefined): number {
  if (delayAfter === undefined || attempts < delayAfter) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** Math.min(attempts - delayAfter, 10));
}

/** The counter as it stands at `now`: a window that has ended counts nothing. */
export function liveAttempts(counter: AttemptCounter | undefined, now: number): number {
  return counter && counter.windowEndsAt > now ? counter.attempts : 0;
}

/** Whether one more attempt may be made now against `counter`, or how long to wait. */
export function decideAttempt(counter: AttemptCounter | undefined, limit: AttemptLimit, now: number): AttemptDecision {
  const attempts = liveAttempts(counter, now);
  if (!counter || attempts === 0) return { allowed: true };
  if (attempts >= limit.limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((counter.windowEndsAt - now) / 1000)) };
  const delay = progressiveDelaySeconds(attempts, limit.delayAfter);
  const waitUntil = counter.lastAttemptAt + delay * 1000;
  if (delay > 0 && waitUntil > now) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((waitUntil - now) / 1000)) };
  return { allowed: true };
}

/** Several counters at once (a pair and its address): allowed only if each is; else the longest wait. */
export function decideAttempts(checks: { counter: AttemptCounter | undefined; limit: AttemptLimit }[], now: number): AttemptDecision {
  let wait = 0;
  for (const { counter, limit } of checks) {
    const decision = decideAttempt(counter, limit, now);
    if (!decision.allowed) wait = Math.max(wait, decision.retryAfterSeconds);
  }
  return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
}
