import { checkNewUser, ErrorCode, handleFromName, normalizeEmail, type Role, userError } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../context.js';
import { fail } from '../../common/errors.js';
import { TENANT_FILTER } from '../../common/tenant.js';
import { hashPassword } from '../session/session.service.js';
import { User } from './user.entity.js';

/** E-mail addresses are unique across all organizations (sign-in is by e-mail alone). */
export async function emailTaken(em: EntityManager, email: string): Promise<boolean> {
  return (await em.count(User, { email }, { filters: { [TENANT_FILTER]: false } })) > 0;
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
  if (await emailTaken(em, email)) fail(userError(ErrorCode.DUPLICATE, 'A user with this e-mail already exists.', ['email']));

  let handle = input.handle ?? undefined;
  if (handle) {
    if ((await em.count(User, { handle })) > 0) fail(userError(ErrorCode.DUPLICATE, `@${handle} is taken in your organization.`, ['handle']));
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
