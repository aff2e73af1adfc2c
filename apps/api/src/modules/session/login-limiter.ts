import { GraphQLError } from 'graphql';

export interface LoginLimits {
  /** failed attempts allowed per account (normalized e-mail) within the window */
  perAccount: number;
  /** failed attempts allowed per client address within the window */
  perAddress: number;
  windowMs: number;
}

/** Accounts and addresses tracked at once, at most. */
const MAX_KEYS = 100_000;

/**
 * Rate limiting of password checks (logIn, changePassword), per account and per client address,
 * in this instance's memory: N instances allow at most N × the limit (documented in the README).
 *
 * Only failures count. An attempt reserves its slot before the password is checked and gives it
 * back when the password was right, so 200 parallel guesses cannot all slip past the check before
 * the first failure is recorded.
 */
export class LoginLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly limits: LoginLimits) {}

  /**
   * Reserves an attempt for `account` from `address`; throws a top-level RATE_LIMITED error when
   * either has used up its failures. Call the returned `forget()` unless the password was wrong.
   */
  reserve(account: string, address: string | undefined, now = Date.now()): { forget(): void } {
    const keys: [string, number][] = [[`account:${account}`, this.limits.perAccount]];
    if (address) keys.push([`address:${address}`, this.limits.perAddress]);
    let retryAfterMs = 0;
    for (const [key, limit] of keys) {
      const recent = this.recent(key, now);
      // The oldest of the last `limit` failures (none while there are fewer): a try is free once it leaves the window.
      const oldestCounted = recent[recent.length - limit];
      if (oldestCounted !== undefined) retryAfterMs = Math.max(retryAfterMs, oldestCounted + this.limits.windowMs - now);
    }
    if (retryAfterMs > 0) throw rateLimited(Math.ceil(retryAfterMs / 1000));
    for (const [key] of keys) this.recent(key, now).push(now);
    if (this.attempts.size > MAX_KEYS) this.sweep(now);
    return {
      forget: () => {
        for (const [key] of keys) {
          const list = this.attempts.get(key);
          const i = list?.lastIndexOf(now) ?? -1;
          if (list && i >= 0) list.splice(i, 1);
        }
      },
    };
  }

  private recent(key: string, now: number): number[] {
    const since = now - this.limits.windowMs;
    let list = this.attempts.get(key);
    if (!list) {
      list = [];
      this.attempts.set(key, list);
    } else if (list[0] !== undefined && list[0] <= since) {
      const first = list.findIndex((t) => t > since);
      list.splice(0, first === -1 ? list.length : first);
    }
    return list;
  }

  /**
   * Forgets keys with no failure in the window, then the oldest keys if a spray of addresses still
   * exceeds the bound: memory stays bounded, at worst a sprayer's oldest failures are forgotten.
   */
  private sweep(now: number): void {
    const since = now - this.limits.windowMs;
    for (const [key, list] of this.attempts) {
      const newest = list.at(-1);
      if (newest === undefined || newest <= since) this.attempts.delete(key);
    }
    for (const key of this.attempts.keys()) {
      if (this.attempts.size <= MAX_KEYS * 0.9) break;
      this.attempts.delete(key);
    }
  }
}

export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many failed sign-in attempts; try again in ${retryAfterSeconds} s.`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
  });
}
