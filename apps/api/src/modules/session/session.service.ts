import { hash, verify } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomBytes } from 'node:crypto';
import type { Viewer } from '../../context.js';
import { TENANT_FILTER } from '../../common/tenant.js';
import { User } from '../user/user.entity.js';
import { Session } from './session.entity.js';

export const SESSION_COOKIE = 'baton_session';

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

/** The viewer behind a token, or null when it is unknown, expired, revoked or its user inactive. */
export async function viewerForToken(em: EntityManager, token: string | undefined): Promise<Viewer | null> {
  if (!token || token.length > 200) return null;
  const session = await em.findOne(
    Session,
    { tokenHash: tokenHash(token), revokedAt: null, expiresAt: { $gt: new Date() } },
    { filters: { [TENANT_FILTER]: false }, populate: ['user'] },
  );
  const user = session?.user.getEntity();
  if (!session || !user || !user.active) return null;
  return { user, userId: user.id, organizationId: session.organization.id, roles: user.roles, sessionId: session.id };
}

export async function revokeSession(em: EntityManager, sessionId: string): Promise<void> {
  await em.nativeUpdate(Session, { id: sessionId }, { revokedAt: new Date() });
}
