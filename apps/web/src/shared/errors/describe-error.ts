import { CombinedGraphQLErrors, ServerError, ServerParseError, type ErrorLike } from '@apollo/client';

/**
 * A sentence a person can act on, for failures outside the contract's `userErrors`:
 * the API unreachable, a server fault, or a GraphQL error (already masked by the API).
 */
export function describeError(error: ErrorLike): string {
  if (CombinedGraphQLErrors.is(error)) {
    const internal = error.errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
    if (internal || error.errors.length === 0) return 'Something went wrong on our side. Please try again.';
    return error.errors.map((e) => e.message).join(' ');
  }
  if (ServerError.is(error) || ServerParseError.is(error)) {
    return 'Baton is not answering properly right now. Please try again in a moment.';
  }
  // fetch rejects with a TypeError when the network or the API is down.
  return 'Baton cannot be reached. Check your connection and try again.';
}
