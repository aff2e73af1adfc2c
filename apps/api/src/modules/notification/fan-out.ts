import type { EntityManager } from '@mikro-orm/postgresql';
import { readThroughOutage } from '../../common/errors.js';
import { Notification } from './notification.entity.js';

interface Waiter {
  id: string;
  recipientId: string;
  resolve: (n: Notification | null) => void;
  reject: (error: unknown) => void;
}

interface Batch {
  em: EntityManager;
  waiters: Waiter[];
}

/** The reads asked for in this turn of the event loop, per organization (each batch reads with one of its subscribers' scoped EntityManager). */
let pending: Map<string, Batch> | null = null;

/**
 * A new notification as one of its subscribers reads it. Every subscriber told of an event in the
 * same turn of the event loop (the listener hands each NOTIFY to all of this instance's subscribers
 * at once, and a burst arrives together) shares ONE statement per organization instead of one each:
 * 1,000 subscribers over a hundred notes were 1,000 look-ups. The entities of a batch come from one
 * fork of the organization's scoped EntityManager, so what their fields load (actor, project …) is
 * batched across the subscribers too. Null when it is gone or not the recipient's.
 */
export function readNewNotification(em: EntityManager, organizationId: string, recipientId: string, id: string): Promise<Notification | null> {
  if (!pending) {
    pending = new Map();
    setImmediate(flush);
  }
  let batch = pending.get(organizationId);
  if (!batch) pending.set(organizationId, (batch = { em: em.fork(), waiters: [] }));
  const waiters = batch.waiters;
  return new Promise((resolve, reject) => waiters.push({ id, recipientId, resolve, reject }));
}

function flush(): void {
  const batches = pending;
  pending = null;
  for (const { em, waiters } of batches?.values() ?? []) {
    const ids = [...new Set(waiters.map((w) => w.id))];
    // Announced already: a database restart between the announcement and this read must not lose it.
    readThroughOutage(() => em.find(Notification, { id: { $in: ids } })).then(
      (rows) => {
        const byId = new Map(rows.map((n) => [n.id, n]));
        for (const w of waiters) {
          const n = byId.get(w.id);
          w.resolve(n && n.recipient.id === w.recipientId ? n : null);
        }
      },
      (error: unknown) => {
        for (const w of waiters) w.reject(error);
      },
    );
  }
}
