import { Field, ObjectType } from 'type-graphql';
import { badUserInput } from './errors.js';

// Row types are plain data (no field resolvers, no @Authorized, no middlewares): simpleResolvers lets
// graphql-js read their properties directly. A field that needs auth or a resolver must drop it.
@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export const MAX_PAGE = 100;

/** `first` accepts 1..100; larger values are clamped, smaller ones are refused (BAD_USER_INPUT). */
export function pageSize(first: number | null | undefined, fallback = 50): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw badUserInput('Ask for at least one row (first must be at least 1).');
  return Math.min(n, MAX_PAGE);
}

/** Keyset cursors: the sort key of the last row, opaque to clients. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, shape: readonly ('string' | 'number')[]): (string | number)[] | null {
  if (cursor == null) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => typeof v === shape[i])) return key as (string | number)[];
  } catch {
    /* fall through */
  }
  throw badUserInput('Malformed cursor: use an endCursor this API returned.');
}

/** Splits a page fetched with one extra row into the rows and their PageInfo. */
export function page<T>(rows: T[], size: number, keyOf: (row: T) => (string | number)[]): { nodes: T[]; pageInfo: PageInfo } {
  const hasNextPage = rows.length > size;
  const nodes = hasNextPage ? rows.slice(0, size) : rows;
  const last = nodes.at(-1);
  return { nodes, pageInfo: { hasNextPage, endCursor: last ? encodeCursor(keyOf(last)) : null } };
}

/** Escapes % _ and \ for a LIKE pattern. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The rows after a keyset cursor on (time, id), newest first: `time < t or (time = t and id < i)`.
 * `after` is an endCursor this API returned for the same ordering.
 */
export function newestFirstAfter<K extends string>(after: string | null | undefined, timeField: K): Record<string, unknown> | null {
  const cursor = decodeCursor(after, ['string', 'string']);
  if (!cursor) return null;
  const at = new Date(cursor[0] as string);
  if (Number.isNaN(at.getTime())) throw badUserInput('Malformed cursor: use an endCursor this API returned.');
  return { $or: [{ [timeField]: { $lt: at } }, { [timeField]: at, id: { $lt: cursor[1] } }] };
}
