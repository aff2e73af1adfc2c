import { hash, verify } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes } from 'node:crypto';
import { readRows } from '../../common/prepared.js';
import type { Viewer } from '../../common/viewer.js';
import { User } from '../user/user.entity.js';
import { CHANNEL } from '../notification/live.js';
import { forgetSessions, type SessionCache, type SessionRow } from './session-cache.js';
import { Session } from './session.entity.js';

export const SESSION_COOKIE = 'baton_session';

// A viewer carries its user record, read with the session (viewerForToken); common/viewer.ts
// leaves that field to the feature that makes viewers.
declare module '../../common/viewer.js' {
  interface Viewer {
    user: User;
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password); // argon2id, the library's defaults (19 MiB, t=2)
}

// Compared against when the e-mail is unknown, so a wrong address costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;

export async function passwordMatches(user: { passwordHash: string } | null, password: string): Promise<boolean> {
  if (!user) {
    dummyHash ??= hash('not a real password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(user.passwordHash, password).catch(() => false);
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Opens a session for `user`; returns the bearer token (only its hash is stored). */
export function openSession(em: EntityManager, user: User, days: number): { token: string; session: Session } {
  const token = randomBytes(32).toString('base64url');
  const session = em.create(Session, {
    organization: user.organization,
    user,
    tokenHash: tokenHash(token),
    expiresAt: new Date(Date.now() + days * 86_400_000),
  });
  return { token, session };
}

/**
 * The viewer behind a token, or null when it is unknown, expired, revoked or its user inactive.
 * Runs on every request: one hand-written statement (the ORM's findOne + populate built the same
 * query through its query builder at several times the CPU), or none when `cache` (SessionCache,
 * SESSION_CACHE_MS) holds the row; the user is then mapped into `em`. The user's lazy password hash
 * is not read, as before.
 */
export async function viewerForToken(em: EntityManager, token: string | undefined, cache?: SessionCache): Promise<Viewer | null> {
  if (!token || token.length > 200) return null;
  const key = tokenHash(token);
  let row = cache?.get(key);
  if (!row) {
    [row] = await readRows<SessionRow>(
      em,
      `select u.id, u.organization_id, u.name, u.email, u.handle, u.roles, u.active, u.email_on_mention, u.version, u.created_at,
              s.id as session_id, s.organization_id as session_organization_id, s.expires_at,
              (extract(epoch from clock_timestamp() - s.wrote_at) * 1000)::float8 as since_write_ms
       from session s join app_user u on u.id = s.user_id
       where s.token_hash = ? and s.revoked_at is null and s.expires_at > ? and u.active`,
      [key, new Date()],
    );
    if (!row) return null;
    row.expires_at = new Date(row.expires_at);
    cache?.set(key, row);
  }
  // A cached row's since_write_ms is as of its read: the cache is off with replicas (server.ts), the only reader of it.
  const { session_id: sessionId, session_organization_id: organizationId, expires_at: _expires, since_write_ms: sinceWriteMs, ...userRow } = row;
  // Mapped now, not when first asked for: asked inside a mutation's transaction, em.map would put
  // it in the transaction's fork (MikroORM's context), whose connection is gone when the payload
  // later loads through it ("Transaction query already complete").
  const user = em.map(User, userRow);
  return {
    user,
    userId: userRow.id as string,
    organizationId: organizationId as string,
    roles: userRow.roles as User['roles'],
    sessionId: sessionId as string,
    sinceWriteMs: sinceWriteMs == null ? null : Number(sinceWriteMs),
  };
}

/**
 * Revokes sessions (all matching `where`, a SQL condition on `session`) and tells every instance,
 * through the live channel, to close their open sockets. In the caller's transaction when there is
 * one, so the notice leaves only if the revocation commits.
 */
async function revokeWhere(em: EntityManager, where: string, params: unknown[]): Promise<string[]> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `with revoked as (update session set revoked_at = now() where ${where} and revoked_at is null returning id, organization_id)
     select id, pg_notify(?, json_build_object('t', 'session_revoked', 'id', id, 'organizationId', organization_id)::text) from revoked`,
    [...params, CHANNEL],
    'all',
    em.getTransactionContext(),
  );
  forgetSessions(rows.map((r) => r.id));
  return rows.map((r) => r.id);
}

export async function revokeSession(em: EntityManager, sessionId: string): Promise<void> {
  await revokeWhere(em, 'id = ?', [sessionId]);
}

/** Revokes every session of the user but `keep` (a password change signs out everywhere else). */
export function revokeOtherSessions(em: EntityManager, userId: string, keep: string): Promise<string[]> {
  return revokeWhere(em, 'user_id = ? and id <> ?', [userId, keep]);
}

/**
 * Notes, in the mutation's transaction, that this session just wrote: for READ_YOUR_WRITES_MS its
 * heavy reads go to the primary, on every instance. At most once a second per session (the row is
 * only locked when it is written), and as the transaction's last statement, so it holds no lock
 * while the mutation's own work runs.
 */
export async function markSessionWrote(em: EntityManager, sessionId: string): Promise<void> {
  await em.getConnection().execute(
    `update session set wrote_at = clock_timestamp() where id = ? and (wrote_at is null or wrote_at < clock_timestamp() - interval '1 second')`,
    [sessionId],
    'run',
    em.getTransactionContext(),
  );
}
