import type { SalesOrderStatus } from '@/gql/graphql';

/** Sales order statuses in the users' words. */
export const salesOrderStatusLabel: Record<SalesOrderStatus, string> = {
  OPEN: 'Open',
  CLIENT_APPROVED: 'Client approved',
  IN_PRODUCTION: 'In production',
  SHIPPED: 'Shipped',
  SCHEDULED: 'Scheduled',
  READY_TO_BE_INVOICED: 'Ready to be invoiced',
  BACKORDERED: 'Backordered',
  INVOICED: 'Invoiced',
  CANCELLED: 'Cancelled',
};

/** What a button that sets the status says. */
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
