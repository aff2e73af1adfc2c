import type { FilterQuery } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '../../common/errors.js';
import { isId } from '../../common/ids.js';
import { newestFirstAfter, page } from '../../common/pagination.js';
import { notifyQueued, queueLive } from './live.js';
import { Notification, type NotificationKind } from './notification.entity.js';

/** The viewer's notifications, newest first (keyset on createdAt, id), with counts. */
export async function listNotifications(em: EntityManager, userId: string, unreadOnly: boolean, size: number, after: string | null | undefined, kinds?: readonly NotificationKind[] | null) {
  const where: FilterQuery<Notification> = { recipient: userId, ...(unreadOnly ? { readAt: null } : {}), ...(kinds?.length ? { kind: { $in: [...kinds] } } : {}) };
  const afterCursor = newestFirstAfter(after, 'createdAt');
  const pageWhere: FilterQuery<Notification> = afterCursor ? { $and: [where, afterCursor as FilterQuery<Notification>] } : where;
  const [rows, totalCount, unreadCount] = await Promise.all([
    em.find(Notification, pageWhere, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 }),
    em.count(Notification, where),
    em.count(Notification, { recipient: userId, readAt: null }),
  ]);
  return { ...page(rows, size, (n) => [n.createdAt.toISOString(), n.id]), totalCount, unreadCount };
}

/**
 * Marks the viewer's own notifications read; returns how many changed. The user's other sessions,
 * on any instance, hear of it at commit (`notificationsRead`): all the rows changed share one readAt.
 */
export async function markRead(em: EntityManager, userId: string, organizationId: string, ids: string[] | null): Promise<number> {
  if (ids) {
    if (ids.length > 500) throw badUserInput('Mark at most 500 notifications at a time.');
    ids = ids.filter(isId);
    if (ids.length === 0) return 0;
  }
  const where: FilterQuery<Notification> = ids ? { recipient: userId, readAt: null, id: { $in: ids } } : { recipient: userId, readAt: null };
  const at = new Date();
  return em.transactional(async (t) => {
    const tx = t as EntityManager;
    const changed = await tx.nativeUpdate(Notification, where, { readAt: at });
    if (changed > 0) {
      queueLive(tx, { t: 'read', id: randomUUID(), userId, organizationId, at: at.toISOString() });
      await notifyQueued(tx);
    }
    return changed;
  });
}
