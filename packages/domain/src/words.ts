import type { InvoiceKind, InvoiceStatus } from './invoices.js';
import type { PurchaseOrderStage, PurchaseOrderStatus } from './purchase-orders.js';
import type { Role } from './roles.js';
import type { ChargeTiming, LineKind, SalesOrderStatus } from './sales-orders.js';

/**
 * The users' words for the states and roles the rules speak of: every message a person reads
 * (refusals, permission reasons, activity) uses these, never an enum name. The web shows the same.
 */
export const SALES_ORDER_STATUS_LABEL: Record<SalesOrderStatus, string> = {
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

export const PURCHASE_ORDER_STAGE_LABEL: Record<PurchaseOrderStage, string> = {
  CREATED: 'Created',
  SUBMITTED: 'Submitted',
  CONFIRMED: 'Confirmed',
  SHIPPED: 'Shipped',
  READY_FOR_BILLING: 'Ready for billing',
  BILLED: 'Billed',
  CLOSED: 'Closed',
  CANCELLED: 'Cancelled',
};

export const PURCHASE_ORDER_STATUS_LABEL: Record<PurchaseOrderStatus, string> = {
  OK: 'OK',
  PROBLEM: 'Problem',
  FOLLOW_UP: 'Follow up',
};

export const INVOICE_STATUS_LABEL: Record<InvoiceStatus, string> = {
  OPEN: 'Open',
  SENT_TO_CLIENT: 'Sent to client',
  EXPORTED: 'Exported',
  PAID: 'Paid',
  VOID: 'Void',
};

/** How a sentence says an invoice stands: "This invoice was exported." */
export const INVOICE_STATUS_PHRASE: Record<InvoiceStatus, string> = {
  OPEN: 'is open',
  SENT_TO_CLIENT: 'was sent to the client',
  EXPORTED: 'was exported',
  PAID: 'is paid',
  VOID: 'is void',
};

/** How a sentence says a purchase order stands: "This purchase order has not been submitted yet." */
export const PURCHASE_ORDER_STAGE_PHRASE: Record<PurchaseOrderStage, string> = {
  CREATED: 'has not been submitted yet',
  SUBMITTED: 'is submitted',
  CONFIRMED: 'is confirmed',
  SHIPPED: 'has shipped',
  READY_FOR_BILLING: 'is ready for billing',
  BILLED: 'is billed',
  CLOSED: 'is closed',
  CANCELLED: 'is cancelled',
};

export const INVOICE_KIND_LABEL: Record<InvoiceKind, string> = {
  STANDARD: 'Invoice',
  DEPOSIT: 'Deposit invoice',
  CREDIT_MEMO: 'Credit memo',
};

export const LINE_KIND_LABEL: Record<LineKind, string> = {
  GOODS: 'Goods',
  FREIGHT: 'Freight',
  SETUP: 'Setup',
  SERVICE: 'Service',
};

export const CHARGE_TIMING_LABEL: Record<ChargeTiming, string> = {
  FIRST_INVOICE: 'With the first invoice',
  LAST_INVOICE: 'With the invoice that completes the goods',
};

export const ROLE_LABEL: Record<Role, string> = {
  ADMIN: 'Admin',
  ORDER_REP: 'Order rep',
  PRODUCTION_REP: 'Production rep',
  INVOICING_REP: 'Invoicing rep',
  ACCOUNTANT: 'Accountant',
  PURCHASING: 'Purchasing',
};

/** How a sentence names the people of a role: "Only invoicing reps and accountants create invoices." */
export const ROLE_PEOPLE: Record<Role, string> = {
  ADMIN: 'admins',
  ORDER_REP: 'order reps',
  PRODUCTION_REP: 'production reps',
  INVOICING_REP: 'invoicing reps',
  ACCOUNTANT: 'accountants',
  PURCHASING: 'purchasing',
};

/** The status as it reads inside a sentence ("is invoiced", "is ready to be invoiced"). */
export const lower = (label: string): string => label.charAt(0).toLowerCase() + label.slice(1);

/** "a", "a and b", "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 unit", "200 units". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "200 × Classic tee" — a quantity of an order line, as a rep would read it. */
export function unitsOf(n: number, description: string): string {
  return `${n.toLocaleString('en-US')} × ${description}`;
}

const STATE_WORDS: Record<string, string> = {
  ...SALES_ORDER_STATUS_LABEL,
  ...PURCHASE_ORDER_STAGE_LABEL,
  ...PURCHASE_ORDER_STATUS_LABEL,
  ...INVOICE_STATUS_LABEL,
  ...ROLE_LABEL,
};
const STATE_TOKEN = new RegExp(`\\b(${Object.keys(STATE_WORDS).sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');

/**
 * An activity or notification message stored before its kind was worded for people ("moved from OPEN
 * to IN_PRODUCTION", "total 649500 cents") as it reads today ("moved from Open to In production",
 * "total 6,495.00"). Messages are stored as text, so old ones are reworded when shown; today's pass
 * through unchanged. (The amount keeps no currency symbol: the old text did not say which.)
 */
export function inUsersWords(message: string): string {
  return message
    .replace(/(-?\d+) cents\b/g, (_, cents: string) => {
      const n = BigInt(cents);
      const abs = n < 0n ? -n : n;
      const whole = (abs / 100n).toLocaleString('en-US');
      return `${n < 0n ? '-' : ''}${whole}.${String(abs % 100n).padStart(2, '0')}`;
    })
    .replace(STATE_TOKEN, (token: string) => STATE_WORDS[token] ?? token);
}
