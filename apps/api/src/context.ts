import type { MikroORM } from '@mikro-orm/postgresql';
import type { Response } from 'express';
import type { KeyedSemaphore } from './common/semaphore.js';
import type { Context, LiveBus } from './common/context.js';
import { Loaders } from './common/loaders.js';
import { TENANT_FILTER } from './common/tenant.js';
import type { Logger } from './logger.js';
import { completeHandOffs } from './modules/notification/hand-off.js';
import type { SessionCache } from './modules/session/session-cache.js';
import { announceQueueChanges } from './modules/sales-order/invoicing-queue.js';
import { viewerForToken } from './modules/session/session.service.js';

export interface ContextSources {
  orm: MikroORM;
  live: LiveBus;
  log: Logger;
  /** Each organization's turns at the pool (REQUESTS_PER_ORGANIZATION), and how long a request waits for one. */
  organizationShare?: { semaphore: KeyedSemaphore; waitMs: number };
  /** This instance's session cache (SESSION_CACHE_MS); without it every request reads its session. */
  sessions?: SessionCache;
}

/**
 * How each request's Context (common/context.ts) is made: the viewer behind the session token, an
 * EntityManager of its own scoped to the viewer's organization, the request's loaders, and the
 * features behind common's ports (this instance's live bus; the notification feature's end of every
 * mutation's transaction).
 */
export function createContextFactory({ orm, live, log, organizationShare, sessions }: ContextSources) {
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
    return {
      em,
      viewer,
      loaders: new Loaders(em, viewer?.organizationId),
      live,
      // The invoicing queue's changes first: they raise hand-offs and live events of their own.
      beforeCommit: async (tx) => {
        await announceQueueChanges(tx, viewer?.userId ?? null);
        await completeHandOffs(tx, viewer?.userId ?? null);
      },
      requestId,
      clientAddress,
      log: log.child({ requestId }),
      cookies,
    };
  };
}
