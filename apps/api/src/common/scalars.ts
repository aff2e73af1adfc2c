import { DateResolver, DateTimeResolver, SafeIntResolver } from 'graphql-scalars';

/** The contract's scalars, by the names it gives them. */
export const DateTimeScalar = DateTimeResolver; // ISO-8601 instant
export const DateScalar = DateResolver; // calendar date, YYYY-MM-DD
export const SafeIntScalar = SafeIntResolver; // integer within ±(2^53 − 1): money in cents

export const scalarsMap = [{ type: Date, scalar: DateTimeScalar }];
