import type { SalesOrderStatus } from '@/gql/graphql';

/** What a button that sets the status says (the statuses' own words are @baton/domain's). */
export const salesOrderStatusAction: Record<SalesOrderStatus, string> = {
  OPEN: 'Reopen',
  CLIENT_APPROVED: 'Client approved',
  IN_PRODUCTION: 'In production',
  SHIPPED: 'Shipped',
  SCHEDULED: 'Schedule stock',
  READY_TO_BE_INVOICED: 'Ready to be invoiced',
  BACKORDERED: 'Backordered',
  INVOICED: 'Invoiced',
  CANCELLED: 'Cancel order',
};
