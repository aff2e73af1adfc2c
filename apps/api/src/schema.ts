import 'reflect-metadata';
import './common/enums.js';
import type { GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema } from 'type-graphql';
import { authChecker, requireSignInOnRootFields } from './common/auth.js';
import { scalarsMap } from './common/scalars.js';
import { ActivityEventResolver } from './modules/activity/activity.resolver.js';
import { ClientResolver } from './modules/client/client.resolver.js';
import { FollowUpResolver, ProjectFollowUpsResolver, PurchaseOrderFollowUpsResolver, SalesOrderFollowUpsResolver } from './modules/follow-up/follow-up.resolver.js';
import { InvoiceLineResolver, InvoiceResolver } from './modules/invoice/invoice.resolver.js';
import { NoteResolver, ProjectNotesResolver } from './modules/note/note.resolver.js';
import { NotificationResolver } from './modules/notification/notification.resolver.js';
import { OrganizationResolver } from './modules/organization/organization.resolver.js';
import { ProductResolver } from './modules/product/product.resolver.js';
import { ProjectResolver } from './modules/project/project.resolver.js';
import { PurchaseOrderLineResolver, PurchaseOrderResolver } from './modules/purchase-order/purchase-order.resolver.js';
import { SalesOrderLineResolver, SalesOrderResolver } from './modules/sales-order/sales-order.resolver.js';
import { SearchResolver } from './modules/search/search.resolver.js';
import { SupplierResolver } from './modules/supplier/supplier.resolver.js';
import { ReportsResolver } from './reports/reports.resolver.js';
import { AgingRowResolver } from './reports/receivables-aging.js';
import { authResolver, type AuthSettings } from './modules/session/auth.resolver.js';
import { UserResolver } from './modules/user/user.resolver.js';

export type SchemaSettings = AuthSettings;

/** The served schema, from an explicit list of resolvers. */
export async function createSchema(settings: SchemaSettings = { sessionDays: 30 }): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      authResolver(settings),
      UserResolver,
      OrganizationResolver,
      ClientResolver,
      SupplierResolver,
      ProductResolver,
      ProjectResolver,
      ActivityEventResolver,
      SalesOrderResolver,
      SalesOrderLineResolver,
      PurchaseOrderResolver,
      PurchaseOrderLineResolver,
      InvoiceResolver,
      InvoiceLineResolver,
      NoteResolver,
      ProjectNotesResolver,
      NotificationResolver,
      ReportsResolver,
      FollowUpResolver,
      ProjectFollowUpsResolver,
      SalesOrderFollowUpsResolver,
      PurchaseOrderFollowUpsResolver,
      AgingRowResolver,
      SearchResolver,
    ],
    authChecker,
    authMode: 'error',
    scalarsMap,
    // Required by type-graphql for subscriptions; ours subscribe through the context's Live
    // (LISTEN/NOTIFY), so this one never carries anything.
    pubSub: createPubSub(),
    validate: false,
    emitSchemaFile: false,
  });
  return requireSignInOnRootFields(schema);
}
