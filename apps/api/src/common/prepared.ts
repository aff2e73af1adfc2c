import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';

/**
 * Reads as named prepared statements with bind parameters. MikroORM's `execute` writes the values
 * into the SQL text and sends it by the simple protocol, so PostgreSQL parses and plans every call
 * of a hot read again (the report page's statement spent longer in planning than in running). Here
 * the text keeps `$n` placeholders and is prepared once per pooled connection under a name derived
 * from it; PostgreSQL plans it per call with the values for its first five executions, then keeps a
 * generic plan when that is no worse.
 *
 * Off (DB_PREPARED_STATEMENTS=false) behind a transaction pooler that cannot carry named statements
 * across server connections (PgBouncer before 1.21): then every read goes through `execute`.
 * Inside a transaction, or with an array value (knex expands those into lists), `execute` is used.
 * The statement is logged like every other (the test suites count it).
 */
let enabled = true;
export function usePreparedStatements(on: boolean): void {
  enabled = on;
}

/** Distinct statement texts prepared by this process, bounded: past it, texts run unprepared. */
const MAX_NAMES = 2000;
const prepared = new Map<string, { name: string; text: string }>();

/** `?` placeholders (outside quotes) → `$1, $2, …`. */
function positional(sql: string): string {
  let n = 0;
  let out = '';
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') out += `$${++n}`;
    else out += ch;
  }
  return out;
}

function statementFor(sql: string): { name: string; text: string } | null {
  const known = prepared.get(sql);
  if (known) return known;
  if (prepared.size >= MAX_NAMES) return null;
  const entry = { name: `baton_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`, text: positional(sql) };
  prepared.set(sql, entry);
  return entry;
}

interface PgClient {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}
interface KnexClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(c: PgClient): Promise<void>;
}
interface LoggingConnection {
  executeQuery<T>(query: string, cb: () => Promise<T>, context?: Record<string, unknown>): Promise<T>;
}

export async function readRows<T extends object>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<T[]> {
  const statement = enabled && !em.getTransactionContext() && !params.some((p) => Array.isArray(p)) ? statementFor(sql) : null;
  const connection = em.getConnection();
  if (!statement) return connection.execute<T[]>(sql, [...params]);
  const client = connection.getKnex().client as unknown as KnexClient;
  const logging = connection as unknown as LoggingConnection;
  try {
    return await logging.executeQuery(
      statement.text,
      async () => {
        const c = await client.acquireConnection();
        try {
          return (await c.query({ name: statement.name, text: statement.text, values: [...params] })).rows as T[];
        } finally {
          await client.releaseConnection(c);
        }
      },
      { query: statement.text, params },
    );
  } catch (err) {
    // A table this statement reads changed shape under it (a migration while running: "cached plan
    // must not change result type"): read once without preparing; the connection's next prepare of
    // a new name is not affected. Anything else is thrown as the driver raised it (databaseTrouble
    // reads its code and message as it does for `execute`'s).
    if ((err as { code?: string }).code === '0A000') return connection.execute<T[]>(sql, [...params]);
    throw err;
  }
}
