import { ApolloClient, ApolloLink, InMemoryCache, type OperationVariables, type TypedDocumentNode } from '@apollo/client';
import type { GraphQLFormattedError } from 'graphql';
import { Observable } from 'rxjs';
import { typePolicies } from '../composables/cache-policies';

/** What a mocked operation answers: a result of the real shape, GraphQL errors, or a network failure. */
export type MockResponse<TData> = { data: TData } | { errors: GraphQLFormattedError[] } | Error;

export interface MockedOperation {
  operationName: string;
  respond: (variables: OperationVariables) => MockResponse<unknown>;
}

export interface MockApolloClient {
  client: ApolloClient;
  /** Every request the link saw, in order, so a test can check what was sent. */
  calls: { operationName: string; variables: OperationVariables }[];
}

/** A mock for one operation, typed by the document codegen emits, so canned data match the schema. */
export function mockOperation<TData, TVariables extends OperationVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  respond: (variables: TVariables) => MockResponse<TData>,
): MockedOperation {
  const definition = document.definitions.find((d) => d.kind === 'OperationDefinition');
  const operationName = definition?.kind === 'OperationDefinition' ? definition.name?.value : undefined;
  if (!operationName) throw new Error('mockOperation needs a named operation');
  return { operationName, respond: (variables) => respond(variables as TVariables) };
}

/**
 * An Apollo Client whose link answers each operation from its mock, asynchronously as a server
 * would (so "submitting" states are observable). An operation without a mock fails the test loudly.
 */
export function createMockApolloClient(operations: MockedOperation[]): MockApolloClient {
  const calls: MockApolloClient['calls'] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        const name = operation.operationName ?? '(anonymous)';
        calls.push({ operationName: name, variables: operation.variables });
        const mock = operations.find((candidate) => candidate.operationName === name);
        const timer = setTimeout(() => {
          if (!mock) {
            observer.error(new Error(`No mock for operation ${name}`));
            return;
          }
          const response = mock.respond(operation.variables);
          if (response instanceof Error) {
            observer.error(response);
            return;
          }
          observer.next(response as ApolloLink.Result);
          observer.complete();
        }, 0);
        return () => clearTimeout(timer);
      }),
  );
  return { client: new ApolloClient({ link, cache: new InMemoryCache({ typePolicies }) }), calls };
}
