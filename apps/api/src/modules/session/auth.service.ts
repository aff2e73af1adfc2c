import { checkName, checkNewUser, checkPassword, ErrorCode, handleFromName, normalizeEmail, Role, userError } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fail } from '../../common/errors.js';
import { TENANT_FILTER } from '../../common/tenant.js';
import { Organization } from '../../common/organization.entity.js';
import { User } from '../user/user.entity.js';
import { emailTaken } from '../user/user.service.js';
import type { Viewer } from '../../common/viewer.js';
import { hashPassword, openSession, passwordMatches, revokeOtherSessions } from './session.service.js';
import type { SessionInfo } from './session.types.js';

export interface SignUpInput {
  organizationName: string;
  name: string;
  email: string;
  password: string;
}

/** A new organization with its first ADMIN, signed in. */
export async function signUp(em: EntityManager, input: SignUpInput, sessionDays: number): Promise<SessionInfo> {
  const errors = [
    ...checkName(input.organizationName, 'organizationName', 'Organization name'),
    ...checkNewUser({ ...input, roles: [Role.ADMIN] }),
  ];
  if (errors.length) fail(...errors);
  const email = normalizeEmail(input.email);
  if (await emailTaken(em, email)) fail(userError(ErrorCode.DUPLICATE, 'A user with this e-mail already exists; sign in instead.', ['email']));

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

const WRONG = 'Wrong e-mail or password.';

export async function logIn(em: EntityManager, email: string, password: string, sessionDays: number): Promise<SessionInfo> {
  const user = await em.findOne(
    User,
    { email: normalizeEmail(email) },
    { filters: { [TENANT_FILTER]: false }, populate: ['passwordHash', 'organization'] },
  );
  // Same answer whether the address or the password was wrong, or the user was deactivated.
  if (!(await passwordMatches(user, password)) || !user?.active) fail(userError(ErrorCode.INVALID_CREDENTIALS, WRONG));
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
    fail(userError(ErrorCode.INVALID_CREDENTIALS, 'The current password is wrong.', ['currentPassword']));
  }
  const errors = checkPassword(newPassword, 'newPassword');
  if (errors.length) fail(...errors);
  user.passwordHash = await hashPassword(newPassword);
  await em.flush();
  await revokeOtherSessions(em, viewer.userId, viewer.sessionId);
  return user;
}
