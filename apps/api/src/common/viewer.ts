import type { Role } from '@baton/domain';

/**
 * Who is asking: resolved from the session token once per request (or WebSocket connection).
 * The session feature, which makes viewers, adds the signed-in `user` record to this interface by
 * declaration merging (modules/session/session.service.ts): common knows no feature's entity.
 */
export interface Viewer {
  userId: string;
  organizationId: string;
  roles: Role[];
  sessionId: string;
  /** Milliseconds since this session's last mutation committed (null: none recorded); read-your-writes routing. */
  sinceWriteMs?: number | null;
}

/** The viewer of a resolver that is only reachable signed in (requireSignInOnRootFields checked it). */
export function viewerOf(ctx: { viewer: Viewer | null }): Viewer {
  if (!ctx.viewer) throw new Error('viewerOf called without a viewer');
  return ctx.viewer;
}
