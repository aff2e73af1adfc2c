import { checkName, checkNewUser, checkPassword, handleFromName, normalizeEmail, Role, wrongCredentials, wrongCurrentPassword } from '@baton/domain';
import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fail } from '../../common/errors.js';
import { TENANT_FILTER } from '../../common/tenant.js';
import { Organization } from '../../common/organization.entity.js';
import { User } from '../user/user.entity.js';
import type { Viewer } from '../../common/viewer.js';
import { hashPassword, openSession, passwordMatches, revokeOtherSessions } from './session.service.js';
import type { SessionInfo } from './session.types.js';

export interface SignUpInput {
  organizationName: string;
  name: string;
  email: string;
  password: string;
}

/**
 * A new organization with its first ADMIN, signed in. The e-mail may already have a user in other
 * organizations: the answer never tells (e-mail addresses are unique per organization).
 */
export async function signUp(em: EntityManager, input: SignUpInput, sessionDays: number): Promise<SessionInfo> {
  const errors = [
    ...checkName(input.organizationName, 'organizationName', 'Organization name'),
    ...checkNewUser({ ...input, roles: [Role.ADMIN] }),
  ];
  if (errors.length) fail(...errors);
  const email = normalizeEmail(input.email);

  const organization = em.create(Organization, { name: input.organizationName.trim() });
  const user = em.create(User, {
    organization,
    name: input.name.trim(),
    email,
    handle: handleFromName(input.name, new Set()),
    passwordHash: await hashPassword(input.password),
    roles: [Role.ADMIN],
  });
  const { token } = openSession(em, user, sessionDays);
  return { user, organization, token };
}


/**
 * Accounts of one e-mail address (in as many organizations) that a sign-in tries, oldest first; and
 * the password checks every sign-in makes, whatever the address: one per account, the rest against
 * a dummy hash, all at once. So a sign-in costs the same whether the address has no account, one,
 * or several, and timing tells nothing about other organizations either. Two: the same person in
 * two organizations signs in to either; each check costs an argon2 verification (~16 ms of CPU).
 */
export const SIGN_IN_ACCOUNTS = 2;

/**
 * Signs in to the oldest active account of the e-mail whose password matches. (The same address and
 * password in several organizations always open the oldest: give each its own password.)
 */
export async function logIn(em: EntityManager, email: string, password: string, sessionDays: number): Promise<SessionInfo> {
  const users = await em.find(
    User,
    { email: normalizeEmail(email) },
    { filters: { [TENANT_FILTER]: false }, populate: ['passwordHash', 'organization'], orderBy: [{ createdAt: QueryOrder.ASC }, { id: QueryOrder.ASC }], limit: SIGN_IN_ACCOUNTS },
  );
  const matches = await Promise.all(Array.from({ length: SIGN_IN_ACCOUNTS }, (_, i) => passwordMatches(users[i] ?? null, password)));
  // Same answer whether the address or the password was wrong, or the user was deactivated.
  const user = users.find((u, i) => matches[i] && u.active);
  if (!user) fail(wrongCredentials());
  const { token } = openSession(em, user, sessionDays);
  return { user, organization: user.organization.getEntity(), token };
}

/**
 * The viewer's new password; every other session of theirs is revoked (signed out everywhere
 * else, their open subscriptions closed), the one in use stays.
 */
export async function changePassword(em: EntityManager, viewer: Viewer, currentPassword: string, newPassword: string): Promise<User> {
  const user = await em.findOneOrFail(User, viewer.userId, { populate: ['passwordHash'] });
  if (!(await passwordMatches(user, currentPassword))) {
    fail(wrongCurrentPassword());
  }
  const errors = checkPassword(newPassword, 'newPassword');
  if (errors.length) fail(...errors);
  user.passwordHash = await hashPassword(newPassword);
  await em.flush();
  await revokeOtherSessions(em, viewer.userId, viewer.sessionId);
  return user;
}
