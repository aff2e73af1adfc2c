import type { PurchaseOrderStage, PurchaseOrderStatus } from '@/gql/graphql';

/** The stages in their forward order (DOMAIN.md, "Purchase orders"); CANCELLED stands apart. */
export const purchaseOrderStageOrder: readonly PurchaseOrderStage[] = [
  'CREATED',
  'SUBMITTED',
  'CONFIRMED',
  'SHIPPED',
  'READY_FOR_BILLING',
  'BILLED',
  'CLOSED',
];

export const purchaseOrderStageLabel: Record<PurchaseOrderStage, string> = {
  CREATED: 'Created',
  SUBMITTED: 'Submitted',
  CONFIRMED: 'Confirmed',
  SHIPPED: 'Shipped',
  READY_FOR_BILLING: 'Ready for billing',
  BILLED: 'Billed',
  CLOSED: 'Closed',
  CANCELLED: 'Cancelled',
};

export const purchaseOrderStatusLabel: Record<PurchaseOrderStatus, string> = {
  OK: 'OK',
  PROBLEM: 'Problem',
  FOLLOW_UP: 'Follow up',
};

/** A move back down the stages, which the server accepts only with a reason. */
export function isBackward(from: PurchaseOrderStage, to: PurchaseOrderStage): boolean {
  const a = purchaseOrderStageOrder.indexOf(from);
  const b = purchaseOrderStageOrder.indexOf(to);
  return a >= 0 && b >= 0 && b < a;
}
