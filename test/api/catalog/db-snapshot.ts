// "Refused, nothing is written", checked literally: every row of every business table read as text
// before and after a refused call must be identical (sessions and the migration log aside).
import { expect } from 'vitest';
import type { TestApp } from '../../support/api-app.js';

const NOT_BUSINESS_DATA = new Set(['session', 'mikro_orm_migrations']);

export async function snapshot(app: TestApp): Promise<string[]> {
  const tables = (
    await app.sql<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`)
  )
    .map((r) => r.name)
    .filter((n) => !NOT_BUSINESS_DATA.has(n));
  const rows = await app.sql<{ row: string }>(`${tables.map((n) => `select '${n}: ' || x::text as row from "${n}" x`).join(' union all ')} order by 1`);
  return rows.map((r) => r.row);
}

/** Runs `call` and asserts that the database is the same afterwards; returns what the call answered. */
export async function writesNothing<T>(app: TestApp, call: () => Promise<T>): Promise<T> {
  const before = await snapshot(app);
  const result = await call();
  const after = await snapshot(app);
  const added = after.filter((r) => !before.includes(r));
  const removed = before.filter((r) => !after.includes(r));
  expect({ added, removed }, 'a refused call wrote').toEqual({ added: [], removed: [] });
  return result;
}
