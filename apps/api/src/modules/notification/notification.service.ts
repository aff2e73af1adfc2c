import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '../../common/errors.js';
import { isId } from '../../common/ids.js';
import { newestFirstAfter, page } from '../../common/pagination.js';
import { Notification } from './notification.entity.js';

/** The viewer's notifications, newest first (keyset on createdAt, id), with counts. */
export async function listNotifications(em: EntityManager, userId: string, unreadOnly: boolean, size: number, after: string | null | undefined) {
  const where: FilterQuery<Notification> = unreadOnly ? { recipient: userId, readAt: null } : { recipient: userId };
  const afterCursor = newestFirstAfter(after, 'createdAt');
  const pageWhere: FilterQuery<Notification> = afterCursor ? { $and: [where, afterCursor as FilterQuery<Notification>] } : where;
  const [rows, totalCount, unreadCount] = await Promise.all([
    em.find(Notification, pageWhere, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 }),
    em.count(Notification, where),
    em.count(Notification, { recipient: userId, readAt: null }),
  ]);
  return { ...page(rows, size, (n) => [n.createdAt.toISOString(), n.id]), totalCount, unreadCount };
}

/** Marks the viewer's own notifications read; returns how many changed. */
export async function markRead(em: EntityManager, userId: string, ids: string[] | null): Promise<number> {
  if (ids) {
    if (ids.length > 500) throw badUserInput('Mark at most 500 notifications at a time.');
    ids = ids.filter(isId);
    if (ids.length === 0) return 0;
  }
  const where: FilterQuery<Notification> = ids ? { recipient: userId, readAt: null, id: { $in: ids } } : { recipient: userId, readAt: null };
  return em.nativeUpdate(Notification, where, { readAt: new Date() });
}
