import { decideAttempts, type AttemptCounter, type AttemptLimit } from '@baton/domain';
import { must } from '../../common/must.js';
import { GraphQLError } from 'graphql';
import type { Knex, MikroORM } from '@mikro-orm/postgresql';

export interface SignInLimits {
  /** Failed password checks allowed per (account, address) in a window. */
  perPair: number;
  /** Failed password checks allowed per address in a window, whatever the accounts. */
  perAddress: number;
  windowSeconds: number;
  /** Failures of a pair after which each next attempt waits 1 s, 2 s, 4 s, … (at most 60 s) after the one before. */
  delayAfter: number;
  /** Sign-ups allowed per address in a sign-up window. */
  signUpsPerAddress: number;
  signUpWindowSeconds: number;
}

/** What became of a reserved attempt: each reservation is settled exactly once. */
export interface Attempt {
  /** The password was wrong (or the sign-up happened): the attempt stays counted. */
  counted(): Promise<void>;
  /** The password was right: the pair starts afresh, the address gets this attempt back. */
  succeeded(): Promise<void>;
  /** Nothing was decided (refused input, an outage): every counter gets this attempt back. */
  returned(): Promise<void>;
}

interface Check {
  key: string;
  limit: AttemptLimit;
  windowSeconds: number;
}

/**
 * The sign-in limits of DOMAIN.md ("Signing in and signing up"), kept in PostgreSQL
 * (`sign_in_limit`) so that every instance counts the same attempts.
 *
 * An attempt is reserved before the password is checked, in one short transaction holding the rows
 * of its counters (so 50 parallel guesses are counted one after the other, never all let through
 * before the first failure is written), and settled afterwards: a wrong password leaves it counted,
 * a right one resets the pair and gives the address its attempt back, anything else gives every
 * counter its attempt back. There is no counter per account alone: an owner signing in from an
 * address that has not failed is never refused because of guesses from elsewhere.
 */
export class SignInLimiter {
  private reservations = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly limits: SignInLimits,
  ) {}

  /** A password check of `account` (a normalized e-mail) from `address`; throws RATE_LIMITED. */
  passwordCheck(account: string, address: string | undefined): Promise<Attempt> {
    const where = address ?? 'unknown';
    return this.reserve([
      { key: `pair:${account}\n${where}`, limit: { limit: this.limits.perPair, delayAfter: this.limits.delayAfter }, windowSeconds: this.limits.windowSeconds },
      { key: `address:${where}`, limit: { limit: this.limits.perAddress }, windowSeconds: this.limits.windowSeconds },
    ], 'Too many failed sign-in attempts');
  }

  /** A sign-up from `address`; throws RATE_LIMITED. Settle with counted() when an organization was made. */
  signUp(address: string | undefined): Promise<Attempt> {
    return this.reserve(
      [{ key: `signup:${address ?? 'unknown'}`, limit: { limit: this.limits.signUpsPerAddress }, windowSeconds: this.limits.signUpWindowSeconds }],
      'Too many sign-ups from your address',
    );
  }

  private knex(): Knex {
    return this.orm.em.getConnection().getKnex();
  }

  private async reserve(checks: Check[], refusal: string): Promise<Attempt> {
    const keys = checks.map((c) => c.key);
    await this.knex().transaction(async (trx) => {
      // Every counter exists before it is locked, so concurrent first attempts queue on its row.
      await trx.raw(
        `insert into sign_in_limit (key, attempts, window_ends_at, last_attempt_at)
         select k, 0, now(), now() from unnest(string_to_array(?, E'\\x1f')) k on conflict (key) do nothing`,
        [keys.join('\x1f')],
      );
      // Times as epoch milliseconds from the database's clock, read once the rows are ours (now()
      // would be the transaction's start, before it waited for them).
      const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;
      const { rows } = await trx.raw<{ rows: { key: string; attempts: number; window_ends: number; last_attempt: number }[] }>(
        `select key, attempts, ${ms('window_ends_at')} as window_ends, ${ms('last_attempt_at')} as last_attempt
         from sign_in_limit where key = any(string_to_array(?, E'\\x1f')) order by key for update`,
        [keys.join('\x1f')],
      );
      const { rows: clock } = await trx.raw<{ rows: { now: number }[] }>(`select ${ms('clock_timestamp()')} as now`);
      const now = must(clock[0], 'the database clock').now;
      const byKey = new Map(rows.map((r) => [r.key, { attempts: r.attempts, windowEndsAt: r.window_ends, lastAttemptAt: r.last_attempt } satisfies AttemptCounter]));
      const decision = decideAttempts(checks.map((c) => ({ counter: byKey.get(c.key), limit: c.limit })), now);
      if (!decision.allowed) throw rateLimited(refusal, decision.retryAfterSeconds);
      for (const check of checks) {
        const counter = byKey.get(check.key);
        const live = counter !== undefined && counter.windowEndsAt > now;
        await trx.raw(`update sign_in_limit set attempts = ?, window_ends_at = to_timestamp(? / 1000.0), last_attempt_at = to_timestamp(? / 1000.0) where key = ?`, [
          live ? counter.attempts + 1 : 1,
          live ? counter.windowEndsAt : now + check.windowSeconds * 1000,
          now,
          check.key,
        ]);
      }
      // Now and then, forget counters whose window ended long ago.
      if (++this.reservations % 100 === 0) await trx.raw(`delete from sign_in_limit where window_ends_at < now() - interval '1 day'`);
    });
    let settled = false;
    const settle = async (reset: string[], giveBack: string[]) => {
      if (settled) return;
      settled = true;
      if (reset.length) await this.knex().raw(`delete from sign_in_limit where key = any(string_to_array(?, E'\\x1f'))`, [reset.join('\x1f')]);
      if (giveBack.length) {
        await this.knex().raw(`update sign_in_limit set attempts = greatest(attempts - 1, 0) where key = any(string_to_array(?, E'\\x1f'))`, [giveBack.join('\x1f')]);
      }
    };
    const [pair, ...rest] = keys;
    return {
      counted: () => settle([], []),
      succeeded: () => (pair?.startsWith('pair:') ? settle([pair], rest) : settle([], keys)),
      returned: () => settle([], keys),
    };
  }
}

export function rateLimited(what: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`${what}; try again in ${retryAfterSeconds} s.`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
  });
}
