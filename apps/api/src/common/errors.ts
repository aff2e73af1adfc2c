import { checkVersion as staleVersion, concurrentEdit, duplicateValue, ErrorCode, type UserError as DomainUserError } from '@baton/domain';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { BusyError } from './semaphore.js';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

registerEnumType(ErrorCode, { name: 'ErrorCode' });

@ObjectType()
export class UserError implements DomainUserError {
  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field({ description: 'a sentence a person can act on' })
  message!: string;

  @Field(() => [String], { nullable: true, description: 'path into the input, e.g. ["lines", "1", "quantity"]' })
  field?: string[];
}

/** Thrown inside a mutation's transaction: it rolls back and the payload carries the errors. */
export class UserErrorsException extends Error {
  constructor(readonly errors: DomainUserError[]) {
    super(errors.map((e) => `${e.code}: ${e.message}`).join('; '));
  }
}

export function fail(...errors: DomainUserError[]): never {
  throw new UserErrorsException(errors);
}

/** Top-level errors a client may see as they are; anything else is masked. */
const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'SERVICE_UNAVAILABLE',
  'BUSY',
  'TIMEOUT',
  'RATE_LIMITED',
  // A subscription to a record that does not exist (or is another organization's) ends with it.
  'NOT_FOUND',
]);

export function unauthenticated(): GraphQLError {
  return new GraphQLError('Sign in to do this.', { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(message = 'Your role does not allow this.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * The one mapping from what a mutation threw to what its payload says. A unique index that a
 * concurrent request won is DUPLICATE; anything else is not a business refusal and is rethrown.
 */
export function toUserErrors(error: unknown): DomainUserError[] | undefined {
  if (error instanceof UserErrorsException) return error.errors;
  if (error instanceof UniqueConstraintViolationException) return [duplicateValue()];
  if (error instanceof OptimisticLockError) return [concurrentEdit()];
  return undefined;
}

// A connection cut mid-request (backend terminated, server restarting): knex reports the rollback
// on the dead connection as "Transaction query already complete".
const CONNECTION_LOST = /ECONNREFUSED|ECONNRESET|terminating connection|Connection terminated|Connection ended unexpectedly|Transaction query already complete|the database system is (starting up|shutting down|in recovery mode)|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * The codes of a database that could not serve now. Wherever they arise (making a request's
 * context, a resolver, a download) the answer is HTTP 503 with `Retry-After: RETRY_AFTER_SECONDS`.
 */
export const UNAVAILABLE_CODES = new Set(['BUSY', 'TIMEOUT', 'SERVICE_UNAVAILABLE']);
export const RETRY_AFTER_SECONDS = 1;

/** What went wrong with the database, as a public code and a sentence; undefined for anything else. */
export function databaseTrouble(error: unknown): { code: 'SERVICE_UNAVAILABLE' | 'BUSY' | 'TIMEOUT'; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  // knex: every pooled connection stayed busy for DB_POOL_ACQUIRE_TIMEOUT_MS; or the organization's
  // share of requests, or the downloads' budget, had no turn free within it.
  if (error.name === 'KnexTimeoutError' || error instanceof BusyError) return { code: 'BUSY', message: 'The server is busy; try again in a moment.' };
  // PostgreSQL 57014 query_canceled: statement_timeout (DB_STATEMENT_TIMEOUT_MS), e.g. waiting on a lock.
  if ((error as { code?: unknown }).code === '57014' || /canceling statement due to statement timeout/.test(error.message)) {
    return { code: 'TIMEOUT', message: 'The database took too long to answer; nothing was changed. Try again in a moment.' };
  }
  if (CONNECTION_LOST.test(error.message)) return { code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; try again in a moment.' };
  return undefined;
}

/**
 * A read that must not fail on a database restart (a live event already announced to a subscriber):
 * while the database is unreachable it is retried with backoff (250 ms doubling to 2 s) until
 * `withinMs`, then the last error is thrown. Any other error is thrown at once.
 */
export async function readThroughOutage<T>(read: () => Promise<T>, withinMs = 30_000): Promise<T> {
  const until = Date.now() + withinMs;
  for (let wait = 250; ; wait = Math.min(2_000, wait * 2)) {
    try {
      return await read();
    } catch (error) {
      if (databaseTrouble(error)?.code !== 'SERVICE_UNAVAILABLE' || Date.now() + wait > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * The GraphQL server's own refusals, said without naming the framework behind it (a production
 * answer tells an attacker nothing about the stack).
 */
const NEUTRAL_MESSAGES: [RegExp, string][] = [
  [/introspection is not allowed/i, 'Introspection is disabled on this server.'],
  [/Cross-Site Request Forgery/i, 'Refused as a possible cross-site request forgery: send a POST with Content-Type: application/json.'],
  [/supports only GET\/POST/i, 'Only GET and POST requests are served here.'],
  [/incremental delivery/i, '@defer and @stream are not supported.'],
];

export function neutralMessage(message: string): string {
  for (const [pattern, text] of NEUTRAL_MESSAGES) if (pattern.test(message)) return text;
  return message.replace(/apollo[ -]?server/gi, 'the server');
}

/**
 * Apollo's formatError: public errors pass without a stack; unexpected ones (already logged with the
 * request id by the errorLogging plugin) are answered as INTERNAL_SERVER_ERROR without internals,
 * or SERVICE_UNAVAILABLE / BUSY / TIMEOUT when the database could not answer (databaseTrouble).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  if (code && PUBLIC_CODES.has(code)) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, message: neutralMessage(formatted.message), extensions };
  }
  // graphql-js's own request-level refusals (e.g. "Too many errors processing variables") carry no
  // code (Apollo defaults it to INTERNAL_SERVER_ERROR), no path and no cause: they are about the
  // request, not a failure of ours.
  if (error instanceof GraphQLError && !error.originalError && !formatted.path && (!code || code === 'INTERNAL_SERVER_ERROR')) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const requestId = formatted.extensions?.requestId as string | undefined;
  const trouble = databaseTrouble(original);
  return {
    message: trouble?.message ?? 'Something went wrong on our side; it has been logged.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: trouble?.code ?? 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
  };
}

/** CONFLICT when the caller names the version they saw and it is no longer current (@baton/domain decides). */
export function checkVersion(current: number, expected: number | null | undefined, what: string, field: readonly string[] = ['expectedVersion']): void {
  const errors = staleVersion(current, expected, what, field);
  if (errors.length) fail(...errors);
}
