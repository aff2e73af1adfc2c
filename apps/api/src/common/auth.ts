import type { Role } from '@baton/domain';
import type { AuthChecker, MiddlewareFn } from 'type-graphql';
import type { Context } from '../context.js';
import { forbidden, unauthenticated } from './errors.js';

/**
 * The one auth checker behind every `@Authorized(...roles)`: signed in, and (when roles are named)
 * holding one of them; ADMIN holds every permission.
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  if (!context.viewer) throw unauthenticated();
  if (roles.length === 0) return true;
  if (context.viewer.roles.some((r) => r === 'ADMIN' || roles.includes(r))) return true;
  throw forbidden();
};

/** Root fields open to anonymous callers (the contract's header). */
const PUBLIC_ROOT_FIELDS = new Set(['Mutation.signUp', 'Mutation.logIn', 'Mutation.logOut', 'Query.me', 'Query.organization']);
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Every root field but the public ones needs a signed-in viewer, whether or not its resolver
 * remembered `@Authorized()`: a new field cannot be left open by accident.
 */
export const RequireSignIn: MiddlewareFn<Context> = ({ context, info }, next) => {
  const parent = info.parentType.name;
  if (ROOT_TYPES.has(parent) && !context.viewer && !PUBLIC_ROOT_FIELDS.has(`${parent}.${info.fieldName}`)) {
    throw unauthenticated();
  }
  return next();
};
