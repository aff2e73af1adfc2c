import type { PurchaseOrderStage, PurchaseOrderStatus, SalesOrderStatus } from '@/gql/graphql';

const stageLabels: Record<PurchaseOrderStage, string> = {
  CREATED: 'Created',
  SUBMITTED: 'Submitted',
  CONFIRMED: 'Confirmed',
  SHIPPED: 'Shipped',
  READY_FOR_BILLING: 'Ready for billing',
  BILLED: 'Billed',
  CLOSED: 'Closed',
  CANCELLED: 'Cancelled',
};

// Display order only: which stages the viewer may pick comes from the server (nextStages).
const forwardOrder: readonly PurchaseOrderStage[] = ['CREATED', 'SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED'];

export function stageLabel(stage: PurchaseOrderStage): string {
  return stageLabels[stage];
}

/** A move back down the stages, which the server accepts only with a reason. */
export function isBackward(from: PurchaseOrderStage, to: PurchaseOrderStage): boolean {
  return to !== 'CANCELLED' && forwardOrder.indexOf(to) < forwardOrder.indexOf(from);
}

export function stageBadgeClass(stage: PurchaseOrderStage): string {
  if (stage === 'CANCELLED') return 'badge';
  if (stage === 'READY_FOR_BILLING') return 'badge badge--accent';
  if (stage === 'BILLED' || stage === 'CLOSED') return 'badge badge--ok';
  return 'badge';
}

const statusLabels: Record<PurchaseOrderStatus, string> = { OK: 'OK', PROBLEM: 'Problem', FOLLOW_UP: 'Follow up' };

export const PURCHASE_ORDER_STATUSES: readonly PurchaseOrderStatus[] = ['OK', 'PROBLEM', 'FOLLOW_UP'];

export function statusLabel(status: PurchaseOrderStatus): string {
  return statusLabels[status];
}

export function statusBadgeClass(status: PurchaseOrderStatus): string {
  return status === 'OK' ? 'badge badge--ok' : 'badge badge--danger';
}

const salesOrderStatusLabels: Record<SalesOrderStatus, string> = {
  OPEN: 'Open',
  CLIENT_APPROVED: 'Client approved',
  IN_PRODUCTION: 'In production',
  SHIPPED: 'Shipped',
  READY_TO_BE_INVOICED: 'Ready to be invoiced',
  SCHEDULED: 'Scheduled',
  BACKORDERED: 'Backordered',
  INVOICED: 'Invoiced',
  CANCELLED: 'Cancelled',
};

export function salesOrderStatusLabel(status: SalesOrderStatus): string {
  return salesOrderStatusLabels[status];
}

export function salesOrderStatusBadgeClass(status: SalesOrderStatus): string {
  if (status === 'READY_TO_BE_INVOICED' || status === 'SCHEDULED') return 'badge badge--accent';
  if (status === 'BACKORDERED') return 'badge badge--danger';
  if (status === 'INVOICED') return 'badge badge--ok';
  return 'badge';
}
