import type { InvoiceStatus } from './invoices.js';
import type { NotificationMessageKind } from './messages.js';
import type { PurchaseOrderStage, PurchaseOrderStatus } from './purchase-orders.js';
import type { SalesOrderStatus } from './sales-orders.js';

/**
 * What a hand-off's "done" looks at: the records the notification points at, as they stand now.
 * `invoicedSince`: a live standard invoice of the notification's sales order was made after it.
 */
export interface HandOffFacts {
  salesOrder?: { status: SalesOrderStatus; inInvoicingQueue: boolean } | null;
  purchaseOrder?: { status: PurchaseOrderStatus; stage: PurchaseOrderStage } | null;
  invoice?: { status: InvoiceStatus } | null;
  followUp?: { done: boolean } | null;
  invoicedSince?: boolean;
}

const FINAL_ORDER: readonly SalesOrderStatus[] = ['INVOICED', 'CANCELLED'];
const FINAL_STAGE: readonly PurchaseOrderStage[] = ['CLOSED', 'CANCELLED'];

/**
 * Whether the action a hand-off asked for has been taken (issue 16, "acted-on hand-offs marked
 * done"), decided from the records' state now, so the inbox shows "Done" and no action buttons:
 * - READY_TO_INVOICE: the order left the invoicing queue (invoiced, nothing ready any more) or is final;
 * - PURCHASE_ORDER_PROBLEM: the PO's flag is back to OK, the PO is closed or cancelled, or its
 *   order was invoiced after the flag;
 * - SALES_ORDER_SHIPPED: the order is invoiced or cancelled;
 * - INVOICE_SENT: the invoice is paid or void;
 * - FOLLOW_UP_ASSIGNED, FOLLOW_UP_DUE: the follow-up is done;
 * - MENTION asks for nothing: never done (read or unread is all it has).
 */
export function handOffDone(kind: NotificationMessageKind, f: HandOffFacts): boolean {
  switch (kind) {
    case 'READY_TO_INVOICE':
      return !!f.salesOrder && (FINAL_ORDER.includes(f.salesOrder.status) || !f.salesOrder.inInvoicingQueue);
    case 'PURCHASE_ORDER_PROBLEM':
      if (!f.purchaseOrder) return false;
      return f.purchaseOrder.status === 'OK' || FINAL_STAGE.includes(f.purchaseOrder.stage) || !!f.invoicedSince || (!!f.salesOrder && FINAL_ORDER.includes(f.salesOrder.status));
    case 'SALES_ORDER_SHIPPED':
      return !!f.salesOrder && FINAL_ORDER.includes(f.salesOrder.status);
    case 'INVOICE_SENT':
      return !!f.invoice && (f.invoice.status === 'PAID' || f.invoice.status === 'VOID');
    case 'FOLLOW_UP_ASSIGNED':
    case 'FOLLOW_UP_DUE':
      return !!f.followUp?.done;
    case 'MENTION':
      return false;
  }
}
