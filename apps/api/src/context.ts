import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '@baton/domain';
import type { Loaders } from './common/loaders.js';
import type { Live } from './modules/notification/live.js';
import type { Logger } from './logger.js';
import type { User } from './modules/user/user.entity.js';

/** Who is asking: resolved from the session token once per request (or WebSocket connection). */
export interface Viewer {
  user: User;
  userId: string;
  organizationId: string;
  roles: Role[];
  sessionId: string;
}

/** What a resolver gets: a request-scoped EntityManager already scoped to the viewer's organization. */
export interface Context {
  em: EntityManager;
  viewer: Viewer | null;
  loaders: Loaders;
  /** This instance's live events (subscriptions). */
  live: Live;
  requestId: string;
  /** The client's address (behind TRUST_PROXY, the forwarded one): sign-in rate limits count by it. */
  clientAddress?: string;
  log: Logger;
  /** Browser sessions: set or clear the httpOnly cookie (no-ops over WebSocket). */
  cookies: {
    setSession(token: string, expires: Date): void;
    clearSession(): void;
  };
}

/** The viewer of a resolver that is only reachable signed in (requireSignInOnRootFields checked it). */
export function viewerOf(ctx: Context): Viewer {
  if (!ctx.viewer) throw new Error('viewerOf called without a viewer');
  return ctx.viewer;
}
