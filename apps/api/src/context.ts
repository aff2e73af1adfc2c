import type { MikroORM } from '@mikro-orm/postgresql';
import type { Context, LiveBus } from './common/context.js';
import { Loaders } from './common/loaders.js';
import { TENANT_FILTER } from './common/tenant.js';
import type { Logger } from './logger.js';
import { completeHandOffs } from './modules/notification/hand-off.js';
import { viewerForToken } from './modules/session/session.service.js';

export interface ContextSources {
  orm: MikroORM;
  live: LiveBus;
  log: Logger;
}

/**
 * How each request's Context (common/context.ts) is made: the viewer behind the session token, an
 * EntityManager of its own scoped to the viewer's organization, the request's loaders, and the
 * features behind common's ports (this instance's live bus; the notification feature's end of every
 * mutation's transaction).
 */
export function createContextFactory({ orm, live, log }: ContextSources) {
  return async (requestId: string, token: string | undefined, cookies: Context['cookies'], clientAddress?: string): Promise<Context> => {
    const em = orm.em.fork();
    const viewer = await viewerForToken(em, token);
    if (viewer) em.setFilterParams(TENANT_FILTER, { organizationId: viewer.organizationId });
    return {
      em,
      viewer,
      loaders: new Loaders(em, viewer?.organizationId),
      live,
      beforeCommit: completeHandOffs,
      requestId,
      clientAddress,
      log: log.child({ requestId }),
      cookies,
    };
  };
}
