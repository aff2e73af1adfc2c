import type { ApolloClient } from '@apollo/client';
import { inject, type App, type InjectionKey } from 'vue';

/** The app provides its client once; component tests provide a client with a mocked link. */
export const apolloClientKey: InjectionKey<ApolloClient> = Symbol('ApolloClient');

export function provideApolloClient(app: App, client: ApolloClient): void {
  app.provide(apolloClientKey, client);
}

export function useApolloClient(): ApolloClient {
  const client = inject(apolloClientKey, null);
  if (!client) throw new Error('No Apollo Client provided: call provideApolloClient(app, client) first.');
  return client;
}
