import { activityEvent, NO_AMOUNTS, checkNewUser, checkUserEdit, emailTakenHere as emailTakenHereError, handleFromName, handleTaken, normalizeEmail, ROLE_LABEL, type Role } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Viewer } from '../../common/viewer.js';
import { checkVersion, fail } from '../../common/errors.js';
import { mustFind } from '../../common/lookup.js';
import { recordActivity } from '../activity/activity.service.js';
import { queueLive } from '../notification/live.js';
import { forgetUser } from '../session/session-cache.js';
import { hashPassword, revokeOtherSessions } from '../session/session.service.js';
import { User } from './user.entity.js';

/**
 * Whether the viewer's organization already has a user with this e-mail. Only there: addresses are
 * unique per organization, and whether one exists in another is never told.
 */
async function emailTakenHere(em: EntityManager, email: string): Promise<boolean> {
  return (await em.count(User, { email })) > 0;
}

export interface NewUser {
  name: string;
  email: string;
  password: string;
  roles: Role[];
  handle?: string | null;
}

export async function createUser(em: EntityManager, viewer: Viewer, input: NewUser): Promise<User> {
  const errors = checkNewUser(input);
  if (errors.length) fail(...errors);
  const email = normalizeEmail(input.email);
  if (await emailTakenHere(em, email)) fail(emailTakenHereError());

  let handle = input.handle ?? undefined;
  if (handle) {
    if ((await em.count(User, { handle })) > 0) fail(handleTaken(handle));
  } else {
    const taken = await em.find(User, {});
    handle = handleFromName(input.name, new Set(taken.map((u) => u.handle)));
  }
  return em.create(User, {
    organization: viewer.organizationId,
    name: input.name.trim(),
    email,
    handle,
    passwordHash: await hashPassword(input.password),
    roles: [...new Set(input.roles)],
  });
}

export function listUsers(em: EntityManager, role?: Role | null): Promise<User[]> {
  return em.find(User, role ? { roles: { $contains: [role] } } : {}, { orderBy: { name: 'asc', id: 'asc' } });
}

export async function setEmailOnMention(em: EntityManager, viewer: Viewer, enabled: boolean): Promise<User> {
  const user = await em.findOneOrFail(User, viewer.userId);
  user.emailOnMention = enabled;
  return user;
}

export interface UserEdit {
  userId: string;
  name?: string | null;
  roles?: Role[] | null;
  active?: boolean | null;
  expectedVersion?: number | null;
}

/**
 * ADMIN edits a user's name, roles or whether they may sign in. Roles take effect on the user's
 * next request (the viewer is read per request); deactivating also revokes every open session, so
 * a stolen or forgotten token stops at once. Reactivating does not bring sessions back.
 */
export async function updateUser(em: EntityManager, viewer: Viewer, input: UserEdit): Promise<User> {
  const user = await mustFind(em, User, input.userId, ['input', 'userId'], 'user', true);
  checkVersion(user.version, input.expectedVersion, 'user', ['input', 'expectedVersion']);
  const errors = checkUserEdit(input, user.id === viewer.userId, ['input']);
  if (errors.length) fail(...errors);
  const changed: string[] = [];
  if (input.name != null && input.name.trim() !== user.name) {
    user.name = input.name.trim();
    changed.push('name');
  }
  if (input.roles != null) {
    const roles = [...new Set(input.roles)];
    if (roles.length !== user.roles.length || roles.some((r) => !user.roles.includes(r))) changed.push(`roles ${roles.map((r) => ROLE_LABEL[r]).join(', ')}`);
    user.roles = roles;
  }
  if (input.active != null && input.active !== user.active) {
    user.active = input.active;
    changed.push(input.active ? 'reactivated' : 'deactivated');
    // Every session of the user ends, through the same path as a password change so their open
    // sockets close too. The kept session is the admin's own, never one of this user's (an admin
    // cannot deactivate themselves).
    if (!input.active) await revokeOtherSessions(em, user.id, viewer.sessionId);
  }
  if (changed.length) {
    // Cached viewers of this user (SessionCache) are dropped: here now, on other instances at commit.
    forgetUser(user.id);
    queueLive(em, { t: 'viewer_changed', id: `${user.id}:${randomUUID()}`, organizationId: user.organization.id });
  }
  if (changed.length) recordActivity(em, { ...activityEvent('user.updated', { name: user.name, handle: user.handle, changes: changed }, NO_AMOUNTS), entityId: user.id, actorId: viewer.userId });
  return user;
}
