import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';

/** The contract's scalars, by the names it gives them. */
export const DateTimeScalar = DateTimeResolver; // ISO-8601 instant
export const SafeIntScalar = SafeIntResolver; // integer within ±(2^53 − 1): money in cents

/** A real calendar date as 'YYYY-MM-DD' (2023-02-30 is refused). */
function calendarDate(value: unknown): string {
  const parts = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (typeof value === 'string' && parts) {
    const [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    const t = new Date(Date.UTC(y, m - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d) return value;
  }
  throw new GraphQLError(`Date must be a calendar date, YYYY-MM-DD; got ${JSON.stringify(value)}.`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * Calendar dates travel as 'YYYY-MM-DD' strings end to end (the database's `date`, the domain's
 * date arithmetic); graphql-scalars' Date would turn them into JS Date objects at midnight UTC.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'calendar date, YYYY-MM-DD',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : calendarDate(value)),
  parseValue: calendarDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string, YYYY-MM-DD.', { extensions: { code: 'BAD_USER_INPUT' } });
    return calendarDate(ast.value);
  },
});

export const scalarsMap = [{ type: Date, scalar: DateTimeScalar }];
