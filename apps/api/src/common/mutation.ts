import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from './context.js';
import { forbidden, toUserErrors, type UserError } from './errors.js';

type Payload<K extends string, V> = { [P in K]: V } & { userErrors: UserError[] };

async function run<K extends string, V>(ctx: Context, key: K, work: (em: EntityManager) => Promise<V>, empty: V): Promise<Payload<K, V>> {
  try {
    const value = await ctx.em.transactional(async (tx) => {
      const em = tx as EntityManager;
      const result = await work(em);
      // Before it commits: hand-offs become notifications, live events are queued (ctx.beforeCommit).
      await ctx.beforeCommit(em);
      return result;
    });
    return { [key]: value, userErrors: [] } as Payload<K, V>;
  } catch (error) {
    const userErrors = toUserErrors(error);
    if (!userErrors) throw error;
    // A rule that only the author (or an admin) passes answers FORBIDDEN top-level, like a role.
    const forbiddenError = userErrors.find((e) => e.code === 'FORBIDDEN');
    if (forbiddenError) throw forbidden(forbiddenError.message);
    return { [key]: empty, userErrors } as Payload<K, V>;
  }
}

/**
 * Runs one mutation as one transaction. A business refusal (UserErrorsException, or a unique index
 * lost to a concurrent request) rolls everything back and comes back in `userErrors` with the
 * record field null; anything else propagates and is masked by formatError.
 */
export function mutate<K extends string, T>(ctx: Context, key: K, work: (em: EntityManager) => Promise<T>): Promise<Payload<K, T | null>> {
  return run<K, T | null>(ctx, key, work, null);
}

/** The same for payloads that carry a list: refused, the list is empty. */
export function mutateList<K extends string, T>(ctx: Context, key: K, work: (em: EntityManager) => Promise<T[]>): Promise<Payload<K, T[]>> {
  return run<K, T[]>(ctx, key, work, []);
}
