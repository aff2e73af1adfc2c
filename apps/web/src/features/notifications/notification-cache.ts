import type { ApolloCache } from '@apollo/client';
import { UnreadNotificationCountDocument } from '@/gql/graphql';

/**
 * The bell's count lives in the Apollo cache (the UnreadNotificationCount query), so the bell,
 * the inbox and the live subscription all move the same figure without asking the server again.
 */
export function addToUnreadCount(cache: ApolloCache, delta: number): void {
  cache.updateQuery({ query: UnreadNotificationCountDocument }, (data) =>
    data
      ? { notifications: { ...data.notifications, unreadCount: Math.max(0, data.notifications.unreadCount + delta) } }
      : undefined,
  );
}

export function setUnreadCount(cache: ApolloCache, count: number): void {
  cache.updateQuery({ query: UnreadNotificationCountDocument }, (data) =>
    data ? { notifications: { ...data.notifications, unreadCount: count } } : undefined,
  );
}

/** Marks notifications read in every cached list that shows them (they are normalized by id). */
export function markReadInCache(cache: ApolloCache, ids: readonly string[]): void {
  for (const id of ids) {
    cache.modify({ id: cache.identify({ __typename: 'Notification', id }), fields: { read: () => true } });
  }
}
