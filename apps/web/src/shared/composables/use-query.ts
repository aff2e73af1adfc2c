import type { ErrorLike, ObservableQuery, OperationVariables, TypedDocumentNode, WatchQueryFetchPolicy } from '@apollo/client';
import { onScopeDispose, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue';
import { useApolloClient } from './apollo-client';

export interface UseQueryOptions {
  fetchPolicy?: WatchQueryFetchPolicy;
}

export interface UseQueryResult<TData> {
  /** The last complete result; kept while a refetch runs so the page does not flash empty. */
  data: Readonly<Ref<TData | undefined>>;
  loading: Readonly<Ref<boolean>>;
  error: Readonly<Ref<ErrorLike | undefined>>;
  /** Runs the query again on the network; failures land in `error`, never as a rejection. */
  refetch: () => Promise<void>;
}

/**
 * Watches a query in the Apollo cache for as long as the calling component (effect scope) lives.
 * Typed by the TypedDocumentNode that codegen emits: `useQuery(ViewerDocument)`.
 * (@vue/apollo-composable does not work with Apollo Client 4, hence this small layer.)
 */
export function useQuery<TData, TVariables extends OperationVariables = OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables?: MaybeRefOrGetter<TVariables>,
  options: UseQueryOptions = {},
): UseQueryResult<TData> {
  const client = useApolloClient();
  const data = shallowRef<TData>();
  const loading = shallowRef(true);
  const error = shallowRef<ErrorLike>();

  const observable = client.watchQuery<TData, TVariables>({
    query: document,
    variables: toValue(variables) ?? ({} as TVariables),
    fetchPolicy: options.fetchPolicy ?? 'cache-first',
    notifyOnNetworkStatusChange: true,
  } as ObservableQuery.Options<TData, TVariables>);

  const subscription = observable.subscribe({
    next(result) {
      if (result.dataState === 'complete') data.value = result.data as TData;
      loading.value = result.loading;
      error.value = result.error;
    },
    error(cause: unknown) {
      loading.value = false;
      error.value = toErrorLike(cause);
    },
  });

  if (variables !== undefined) {
    watch(
      () => toValue(variables),
      (next) => {
        void observable.reobserve({ variables: next }).catch(() => undefined);
      },
      { deep: true },
    );
  }

  onScopeDispose(() => subscription.unsubscribe());

  return {
    data,
    loading,
    error,
    async refetch() {
      error.value = undefined;
      loading.value = true;
      try {
        await observable.refetch();
      } catch (cause) {
        // The observable emits the same error to `next`; this catch only keeps the promise calm.
        error.value = toErrorLike(cause);
      } finally {
        loading.value = false;
      }
    },
  };
}

function toErrorLike(cause: unknown): ErrorLike {
  return cause instanceof Error ? cause : new Error(String(cause));
}
