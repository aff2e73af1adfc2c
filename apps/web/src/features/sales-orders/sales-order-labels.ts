import type { ChargeTiming, LineKind, SalesOrderStatus } from '@/gql/graphql';

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

/** The kinds of charge line a rep may add, in the order the forms offer them (their words are @baton/domain's LINE_KIND_LABEL). */
export const CHARGE_KINDS = ['FREIGHT', 'SETUP', 'SERVICE'] as const satisfies readonly LineKind[];
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** When a charge is invoiced, in the order the forms offer them (their words are @baton/domain's CHARGE_TIMING_LABEL). */
export const CHARGE_TIMINGS = ['FIRST_INVOICE', 'LAST_INVOICE'] as const satisfies readonly ChargeTiming[];
