import type { RouteLocationRaw } from 'vue-router';
import type { NotificationItemFragment, NotificationKind } from '@/gql/graphql';

/**
 * Where a notification takes its reader: a mention to its note on the project overview,
 * a follow-up to "My follow-ups", a problem to its purchase order, an invoice to the invoice, an order event to the sales order.
 */
export function notificationLocation(n: NotificationItemFragment): RouteLocationRaw | undefined {
  // A follow-up is the reader's task: it opens on "My follow-ups", at that follow-up.
  if (n.followUp) return { name: 'follow-ups', hash: `#follow-up-${n.followUp.id}` };
  if (n.note && n.project) return { name: 'project', params: { id: n.project.id }, hash: `#note-${n.note.id}` };
  if (n.purchaseOrder) return { name: 'purchase-order', params: { id: n.purchaseOrder.id } };
  if (n.invoice) return { name: 'invoice', params: { id: n.invoice.id } };
  if (n.salesOrder) return { name: 'sales-order', params: { id: n.salesOrder.id } };
  if (n.project) return { name: 'project', params: { id: n.project.id } };
  return undefined;
}

/** The record a notification is about, in words: "PO-1002", "note on PRJ-1001". */
export function notificationContext(n: NotificationItemFragment): string {
  if (n.followUp) return `Follow-up on ${n.project?.number ?? 'a project'}`;
  if (n.note && n.project) return `Note on ${n.project.number}`;
  if (n.purchaseOrder) return n.purchaseOrder.number;
  if (n.invoice) return n.invoice.number;
  if (n.salesOrder) return n.salesOrder.number;
  return n.project?.number ?? '';
}

const kindLabels: Record<NotificationKind, string> = {
  MENTION: 'Mention',
  PURCHASE_ORDER_PROBLEM: 'PO needs attention',
  READY_TO_INVOICE: 'Ready to invoice',
  SALES_ORDER_SHIPPED: 'Shipped',
  INVOICE_SENT: 'Invoice sent',
  FOLLOW_UP_ASSIGNED: 'Follow-up for you',
  FOLLOW_UP_DUE: 'Follow-up due',
};

export function notificationKindLabel(kind: NotificationKind): string {
  return kindLabels[kind];
}
