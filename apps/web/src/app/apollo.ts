import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { CloseCode, createClient } from 'graphql-ws';
import { typePolicies } from '@/shared/composables/cache-policies';

/** Same origin as the page: Vite proxies /graphql in development, the API serves the app in production. */
function webSocketUrl(location: Location): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/graphql`;
}

/**
 * One Apollo Client for the app. Queries and mutations go over HTTP; the browser sends the
 * httpOnly `baton_session` cookie the API sets at logIn/signUp, so there is no token to handle.
 * Subscriptions go over graphql-ws on the same path; that socket carries the same cookie.
 */
export function createApolloClient(location: Location = window.location): ApolloClient {
  const httpLink = new HttpLink({ uri: '/graphql', credentials: 'same-origin' });

  const wsClient = createClient({
    url: webSocketUrl(location),
    // Connect only while a subscription is active: a signed-out page opens no socket at all.
    lazy: true,
    retryAttempts: 8,
    // The server closes with 4403 Forbidden when the session is missing or expired. Retrying
    // cannot fix that; signing in again clears the store, which restarts the socket (below).
    shouldRetry: (closeEvent) => isCloseEvent(closeEvent) && closeEvent.code !== CloseCode.Forbidden,
  });

  const link = ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(wsClient),
    httpLink,
  );

  const client = new ApolloClient({ link, cache: new InMemoryCache({ typePolicies }) });

  // Signing in or out clears the store; drop the socket too, so the next subscription
  // connects with the new session cookie rather than the old one.
  client.onClearStore(async () => wsClient.terminate());

  return client;
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}
