import type { ApolloClient, ErrorLike, OperationVariables, TypedDocumentNode } from '@apollo/client';
import { shallowRef, type Ref } from 'vue';
import { useApolloClient } from './apollo-client';

export interface UseMutationResult<TData, TVariables> {
  /**
   * Runs the mutation. Resolves with the payload, or `undefined` when the request failed
   * (network or GraphQL error); the failure is then in `error`. Business refusals arrive
   * in the payload's `userErrors`, as the contract says.
   */
  mutate: (variables: TVariables) => Promise<TData | undefined>;
  loading: Readonly<Ref<boolean>>;
  error: Readonly<Ref<ErrorLike | undefined>>;
}

export function useMutation<TData, TVariables extends OperationVariables = OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
): UseMutationResult<TData, TVariables> {
  const client = useApolloClient();
  const loading = shallowRef(false);
  const error = shallowRef<ErrorLike>();

  async function mutate(variables: TVariables): Promise<TData | undefined> {
    loading.value = true;
    error.value = undefined;
    try {
      const result = await client.mutate({ mutation: document, variables } as ApolloClient.MutateOptions<TData, TVariables>);
      return (result.data ?? undefined) as TData | undefined;
    } catch (cause) {
      error.value = cause instanceof Error ? cause : new Error(String(cause));
      return undefined;
    } finally {
      loading.value = false;
    }
  }

  return { mutate, loading, error };
}
