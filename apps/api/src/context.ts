import type { MikroORM } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import type { KeyedSemaphore } from './common/semaphore.js';
import type { Context, HeavyRead, LiveBus } from './common/context.js';
import { databaseTrouble } from './common/errors.js';
import type { ReadReplicas, ReplicaTarget } from './db/replicas.js';
import { Loaders } from './common/loaders.js';
import { TENANT_FILTER } from './common/tenant.js';
import type { Logger } from './logger.js';
import { completeHandOffs } from './modules/notification/hand-off.js';
import type { SessionCache } from './modules/session/session-cache.js';
import { announceQueueChanges } from './modules/sales-order/invoicing-queue.js';
import { markSessionWrote, viewerForToken } from './modules/session/session.service.js';
import type { Viewer } from './common/viewer.js';

export interface ContextSources {
  orm: MikroORM;
  live: LiveBus;
  log: Logger;
  /** Each organization's turns at the pool (REQUESTS_PER_ORGANIZATION), and how long a request waits for one. */
  organizationShare?: { semaphore: KeyedSemaphore; waitMs: number };
  /** This instance's session cache (SESSION_CACHE_MS); without it every request reads its session. */
  sessions?: SessionCache;
  /** DATABASE_READ_URLS, and how long after a viewer's mutation their reads stay on the primary. */
  replicas?: { set: ReadReplicas; readYourWritesMs: number };
}

/** A read on a replica that failed because of the replica, not the query: run it on the primary. */
function replicaTrouble(error: unknown): 'down' | 'retry' | undefined {
  const trouble = databaseTrouble(error);
  if (trouble?.code === 'SERVICE_UNAVAILABLE') return 'down';
  if (trouble?.code === 'BUSY') return 'retry';
  // A standby cancels a query whose rows replay is about to remove (conflict with recovery).
  if (error instanceof Error && /conflict with recovery/i.test(error.message)) return 'retry';
  return undefined;
}

/** The replica a viewer's heavy read may go to now, or null for the primary. */
export function replicaFor(replicas: ContextSources['replicas'], viewer: Viewer | null): ReplicaTarget | null {
  if (!replicas || !viewer) return null;
  // Read your writes: a session that wrote recently reads the primary (every instance sees the mark).
  if (viewer.sinceWriteMs != null && viewer.sinceWriteMs < replicas.readYourWritesMs + 1_000) return null;
  return replicas.set.pick();
}

/**
 * How each request's Context (common/context.ts) is made: the viewer behind the session token, an
 * EntityManager of its own scoped to the viewer's organization, the request's loaders, and the
 * features behind common's ports (this instance's live bus; the notification feature's end of every
 * mutation's transaction).
 */
export function createContextFactory({ orm, live, log, organizationShare, replicas, sessions }: ContextSources) {
  /**
   * With `share`, the request takes one of its organization's turns until that response closes,
   * waiting `waitMs` at most (then BusyError): so one tenant's pile of requests stuck on a hot row
   * cannot take the whole pool from the others.
   */
  return async (requestId: string, token: string | undefined, cookies: Context['cookies'], clientAddress?: string, share?: Response): Promise<Context> => {
    const em = orm.em.fork();
    const viewer = await viewerForToken(em, token, sessions);
    if (viewer) em.setFilterParams(TENANT_FILTER, { organizationId: viewer.organizationId });
    if (viewer && share && organizationShare) {
      const leave = await organizationShare.semaphore.acquire(viewer.organizationId, organizationShare.waitMs);
      if (share.writableFinished || share.destroyed) leave();
      else share.once('close', leave);
    }
    const heavyRead: HeavyRead = async (work) => {
      const target = replicaFor(replicas, viewer);
      if (!target || !viewer) return work(em);
      const replicaEm = target.orm.em.fork();
      replicaEm.setFilterParams(TENANT_FILTER, { organizationId: viewer.organizationId });
      try {
        return await work(replicaEm as typeof em);
      } catch (error) {
        const trouble = replicaTrouble(error);
        if (!trouble) throw error;
        if (trouble === 'down') replicas!.set.markDown(target, error);
        log.debug({ requestId, err: (error as Error).message }, 'replica read failed; reading the primary');
        return work(em);
      }
    };
    return {
      em,
      viewer,
      loaders: new Loaders(em, viewer?.organizationId),
      heavyRead,
      live,
      // The invoicing queue's changes first: they raise hand-offs and live events of their own. With
      // replicas, a mutation also marks its session as having written (read your writes).
      beforeCommit: async (tx) => {
        await announceQueueChanges(tx, viewer?.userId ?? null);
        await completeHandOffs(tx, viewer?.userId ?? null);
        if (replicas && viewer) await markSessionWrote(tx, viewer.sessionId);
      },
      requestId,
      clientAddress,
      log: log.child({ requestId }),
      cookies,
    };
  };
}
