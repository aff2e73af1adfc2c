import 'reflect-metadata';
import './common/enums.js';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker, RequireSignIn } from './common/auth.js';
import { scalarsMap } from './common/scalars.js';
import { OrganizationResolver } from './modules/organization/organization.resolver.js';
import { authResolver, type AuthSettings } from './modules/session/auth.resolver.js';
import { UserResolver } from './modules/user/user.resolver.js';

export type SchemaSettings = AuthSettings;

/** The served schema, from an explicit list of resolvers. */
export function createSchema(settings: SchemaSettings = { sessionDays: 30 }): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [authResolver(settings), UserResolver, OrganizationResolver],
    authChecker,
    authMode: 'error',
    globalMiddlewares: [RequireSignIn],
    scalarsMap,
    validate: false,
    emitSchemaFile: false,
  });
}
