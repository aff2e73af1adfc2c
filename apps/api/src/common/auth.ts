import type { Role } from '@baton/domain';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { AuthChecker } from 'type-graphql';
import type { Context } from '../common/context.js';
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

function signedIn(resolve: GraphQLFieldResolver<unknown, Context>): GraphQLFieldResolver<unknown, Context> {
  return (source, args, context, info) => {
    if (!context.viewer) throw unauthenticated();
    return resolve(source, args, context, info);
  };
}

/**
 * Every root field but the public ones needs a signed-in viewer, whether or not its resolver
 * remembered `@Authorized()`: a new field cannot be left open by accident. Wired onto the root
 * fields of the built schema rather than as a type-graphql global middleware: a global middleware
 * wraps every field of every type (each scalar of each report row became a promise chain), while
 * only root fields need the check.
 */
export function requireSignInOnRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (PUBLIC_ROOT_FIELDS.has(`${type.name}.${field.name}`)) continue;
      field.resolve = signedIn(field.resolve ?? defaultFieldResolver);
      if (field.subscribe) field.subscribe = signedIn(field.subscribe);
    }
  }
  return schema;
}
