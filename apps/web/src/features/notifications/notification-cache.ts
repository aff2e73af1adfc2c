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

/**
 * Another session of this user (or this one) marked notifications read: the rows in every cached
 * list follow, and so does the count. With nothing left unread, every cached notification is read.
 */
export function applyReadElsewhere(cache: ApolloCache, ids: readonly string[], unreadCount: number): void {
  markReadInCache(cache, ids);
  if (unreadCount === 0) {
    const all = Object.keys(cache.extract() as Record<string, unknown>).filter((key) => key.startsWith('Notification:'));
    for (const id of all) cache.modify({ id, fields: { read: () => true } });
  }
  setUnreadCount(cache, unreadCount);
}
