import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useApolloClient } from './apollo-client';

/**
 * Listens to a GraphQL subscription (graphql-ws) for as long as the calling component lives,
 * calling `onData` with each event. The socket reconnects by itself; callers that need to catch up
 * after a reconnect refetch their query in `onData` or on `reconnected`.
 */
export function useSubscription<TData, TVariables extends OperationVariables = OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  onData: (data: TData) => void,
  variables?: MaybeRefOrGetter<TVariables>,
  options: { enabled?: MaybeRefOrGetter<boolean> } = {},
): void {
  const client = useApolloClient();
  let current: { unsubscribe(): void } | undefined;

  function start() {
    current?.unsubscribe();
    current = undefined;
    if (options.enabled !== undefined && !toValue(options.enabled)) return;
    current = client
      .subscribe<TData, TVariables>({ query: document, variables: (toValue(variables) ?? {}) as TVariables })
      .subscribe({
        next(result) {
          if (result.data) onData(result.data as TData);
        },
        // A failed subscription must not break the page; the data stays as last fetched.
        error: () => undefined,
      });
  }

  watch(() => [toValue(variables), options.enabled === undefined ? true : toValue(options.enabled)], start, {
    deep: true,
    immediate: true,
  });
  onScopeDispose(() => current?.unsubscribe());
}
