import { formatDate } from './dates.js';
import type { InvoiceStatus } from './invoices.js';
import { formatMoney } from './money.js';
import type { PurchaseOrderStage, PurchaseOrderStatus } from './purchase-orders.js';
import type { SalesOrderStatus } from './sales-orders.js';
import { count, INVOICE_STATUS_LABEL, PURCHASE_ORDER_STAGE_LABEL, PURCHASE_ORDER_STATUS_LABEL, SALES_ORDER_STATUS_LABEL } from './words.js';

/**
 * Activity and notification messages as data (issue 16): each event is stored with its kind and the
 * parameters it was raised with (numbers, amounts in cents, calendar dates, statuses as values) and
 * worded here when it is shown, in the organization's currency and the screens' date format. So a
 * wording change reaches old events too; rows stored before parameters existed fall back to
 * `inUsersWords(storedText)`.
 */
export interface MessageContext {
  /** The organization's currency (ISO 4217), for every amount. */
  currency: string;
}

/** The parameters each activity kind is stored with. Names of people and records are as they were then. */
export interface ActivityParamsByKind {
  'client.updated': { client: string; changes: string[] };
  'supplier.updated': { supplier: string; changes: string[] };
  'product.updated': { sku: string; changes: string[] };
  'product.stock_adjusted': { sku: string; quantity: number; reason: string; onHand: number };
  'user.updated': { name: string; handle: string; changes: string[] };
  'project.created': { project: string; name: string; client: string };
  'note.added': { actor: string; pinned: boolean; mentions: string[] };
  'note.edited': { actor: string };
  'note.deleted': { actor: string };
  'note.pinned': { actor: string };
  'note.unpinned': { actor: string };
  /** assignee null: the actor asked themselves. */
  'follow_up.created': { actor: string; assignee: string | null; about: string | null; dueOn: string; excerpt: string };
  'follow_up.completed': { actor: string; excerpt: string };
  'purchase_order.created': { purchaseOrder: string; supplier: string };
  /** received: the move followed a receipt of everything. */
  'purchase_order.stage_changed': { purchaseOrder: string; from: PurchaseOrderStage; to: PurchaseOrderStage; reason: string | null; received?: boolean };
  'purchase_order.received': { purchaseOrder: string; units: number };
  'purchase_order.status_changed': { purchaseOrder: string; from: PurchaseOrderStatus; to: PurchaseOrderStatus };
  'sales_order.created': { salesOrder: string; lines: number; charges: number };
  'sales_order.status_changed': { salesOrder: string; from: SalesOrderStatus; to: SalesOrderStatus; reason: string | null };
  'sales_order.scheduled': { salesOrder: string; units: number };
  'sales_order.quantity_cancelled': { salesOrder: string; line: number | null; quantity: number; reason: string };
  'sales_order.charge_added': { salesOrder: string; description: string; quantity: number; unitPriceCents: number };
  'sales_order.locked': { salesOrder: string };
  'sales_order.unlocked': { salesOrder: string };
  /** invoice: its number once it has one. */
  'invoice.created': { invoice: string | null; salesOrder: string; units: number; totalCents: number };
  'invoice.updated': { invoice: string; totalCents: number | null; dueDate: string };
  'invoice.voided': { invoice: string; reason: string };
  'invoice.payment_recorded': { invoice: string; amountCents: number; balanceCents: number; status: InvoiceStatus | null };
  'invoice.refund_recorded': { invoice: string; amountCents: number };
  'invoice.paid': { invoice: string };
  'invoice.sent': { invoice: string; to: string[] };
  'invoice.exported': { invoice: string };
  /** deposit: the deposit invoice's number once it has one. */
  'invoice.deposit_requested': { deposit: string | null; salesOrder: string; amountCents: number };
  /** memo: the credit memo's number once it has one; amountCents: what it takes back (positive). */
  'invoice.credited': { memo: string | null; invoice: string; units: number; reinvoice: boolean; restocked: boolean; amountCents: number; reason: string };
}
export type ActivityKind = keyof ActivityParamsByKind;

/** The parameters each notification kind is stored with. */
export interface NotificationParamsByKind {
  /** actor null: Baton's own rules raised it. */
  PURCHASE_ORDER_PROBLEM: { actor: string | null; purchaseOrder: string; status: PurchaseOrderStatus; project: string; projectName: string };
  READY_TO_INVOICE: { actor: string | null; salesOrder: string; project: string; projectName: string };
  SALES_ORDER_SHIPPED: { salesOrder: string; project: string; projectName: string };
  MENTION: { actor: string; project: string; projectName: string; excerpt: string };
  INVOICE_SENT: { actor: string | null; invoice: string; to: string[] };
  FOLLOW_UP_ASSIGNED: { actor: string; project: string; projectName: string; dueOn: string; excerpt: string };
  /** today: the day it was sent, so "is due today" stays true of that day. */
  FOLLOW_UP_DUE: { project: string; projectName: string; dueOn: string; today: string; excerpt: string };
}
export type NotificationMessageKind = keyof NotificationParamsByKind;

type Wording<T> = { [K in keyof T]: (p: T[K], c: MessageContext) => string };
type P<K extends ActivityKind> = ActivityParamsByKind[K];
type N<K extends NotificationMessageKind> = NotificationParamsByKind[K];

const edits = (changes: readonly string[]) => changes.join(', ');
const quoted = (text: string) => `“${text}”`;

// One function per kind (named …Message, so the architecture test reads each template).
function clientUpdatedMessage(p: P<'client.updated'>): string {
  return `Client ${p.client} edited: ${edits(p.changes)}`;
}
function supplierUpdatedMessage(p: P<'supplier.updated'>): string {
  return `Supplier ${p.supplier} edited: ${edits(p.changes)}`;
}
function productUpdatedMessage(p: P<'product.updated'>): string {
  return `${p.sku} edited: ${edits(p.changes)}`;
}
function stockAdjustedMessage(p: P<'product.stock_adjusted'>): string {
  return `${p.sku} stock ${p.quantity > 0 ? '+' : ''}${p.quantity.toLocaleString('en-US')} (${p.reason}): on hand ${p.onHand.toLocaleString('en-US')}`;
}
function userUpdatedMessage(p: P<'user.updated'>): string {
  return `${p.name} (@${p.handle}) edited: ${edits(p.changes)}`;
}
function projectCreatedMessage(p: P<'project.created'>): string {
  return `${p.project} ${p.name} created for ${p.client}`;
}
function noteAddedMessage(p: P<'note.added'>): string {
  return `${p.actor} added a${p.pinned ? ' pinned' : ''} note${p.mentions.length ? ` mentioning ${p.mentions.map((h) => `@${h}`).join(', ')}` : ''}`;
}
function noteEditedMessage(p: P<'note.edited'>): string {
  return `${p.actor} edited a note`;
}
function noteDeletedMessage(p: P<'note.deleted'>): string {
  return `${p.actor} deleted a note`;
}
function notePinnedMessage(p: P<'note.pinned'>): string {
  return `${p.actor} pinned a note`;
}
function noteUnpinnedMessage(p: P<'note.unpinned'>): string {
  return `${p.actor} unpinned a note`;
}
function followUpCreatedMessage(p: P<'follow_up.created'>): string {
  return `${p.actor} asked ${p.assignee ?? 'themselves'} to follow up${p.about ? ` on ${p.about}` : ''} by ${formatDate(p.dueOn)}: ${quoted(p.excerpt)}`;
}
function followUpCompletedMessage(p: P<'follow_up.completed'>): string {
  return `${p.actor} completed a follow-up: ${quoted(p.excerpt)}`;
}
function purchaseOrderCreatedMessage(p: P<'purchase_order.created'>): string {
  return `${p.purchaseOrder} created for ${p.supplier}`;
}
function stageChangedMessage(p: P<'purchase_order.stage_changed'>): string {
  const why = p.received ? ' (everything received)' : p.reason ? ` (${p.reason})` : '';
  return `${p.purchaseOrder} moved from ${PURCHASE_ORDER_STAGE_LABEL[p.from]} to ${PURCHASE_ORDER_STAGE_LABEL[p.to]}${why}`;
}
function receivedMessage(p: P<'purchase_order.received'>): string {
  return `${p.purchaseOrder}: ${count(p.units, 'unit')} received`;
}
function flaggedMessage(p: P<'purchase_order.status_changed'>): string {
  return `${p.purchaseOrder} flagged ${PURCHASE_ORDER_STATUS_LABEL[p.to]} (was ${PURCHASE_ORDER_STATUS_LABEL[p.from]})`;
}
function salesOrderCreatedMessage(p: P<'sales_order.created'>): string {
  return `${p.salesOrder} created with ${count(p.lines, 'line')}${p.charges ? ` and ${count(p.charges, 'charge')}` : ''}`;
}
function salesOrderStatusMessage(p: P<'sales_order.status_changed'>): string {
  return `${p.salesOrder} moved from ${SALES_ORDER_STATUS_LABEL[p.from]} to ${SALES_ORDER_STATUS_LABEL[p.to]}${p.reason ? ` (${p.reason})` : ''}`;
}
function scheduledMessage(p: P<'sales_order.scheduled'>): string {
  return `${p.salesOrder}: ${count(p.units, 'unit')} scheduled from stock`;
}
function quantityCancelledMessage(p: P<'sales_order.quantity_cancelled'>): string {
  return `${p.salesOrder}${p.line != null ? ` line ${p.line}` : ''}: ${p.quantity.toLocaleString('en-US')} cancelled (${p.reason})`;
}
function chargeAddedMessage(p: P<'sales_order.charge_added'>, c: MessageContext): string {
  return `${p.salesOrder}: ${p.description} added (${p.quantity.toLocaleString('en-US')} × ${formatMoney(p.unitPriceCents, c.currency)})`;
}
function lockedMessage(p: P<'sales_order.locked'>): string {
  return `${p.salesOrder} is fully invoiced and locked`;
}
function unlockedMessage(p: P<'sales_order.unlocked'>): string {
  return `${p.salesOrder} is unlocked`;
}
function invoiceCreatedMessage(p: P<'invoice.created'>, c: MessageContext): string {
  return `${p.invoice ?? 'Invoice'} created for ${p.salesOrder}: ${count(p.units, 'unit')}, total ${formatMoney(p.totalCents, c.currency)}`;
}
function invoiceEditedMessage(p: P<'invoice.updated'>, c: MessageContext): string {
  return `${p.invoice} edited: ${p.totalCents != null ? `total ${formatMoney(p.totalCents, c.currency)}, ` : ''}due ${formatDate(p.dueDate)}`;
}
function voidedMessage(p: P<'invoice.voided'>): string {
  return `${p.invoice} voided (${p.reason})`;
}
function paymentMessage(p: P<'invoice.payment_recorded'>, c: MessageContext): string {
  const now = p.status ? `, now ${INVOICE_STATUS_LABEL[p.status].toLowerCase()}` : '';
  return `${p.invoice}: payment of ${formatMoney(p.amountCents, c.currency)}, balance ${formatMoney(p.balanceCents, c.currency)}${now}`;
}
function refundMessage(p: P<'invoice.refund_recorded'>, c: MessageContext): string {
  return `${p.invoice}: refund of ${formatMoney(p.amountCents, c.currency)}`;
}
function paidByCreditMessage(p: P<'invoice.paid'>): string {
  return `${p.invoice} is paid (credited)`;
}
function invoiceSentMessage(p: P<'invoice.sent'>): string {
  return `${p.invoice} sent to ${p.to.join(', ')}`;
}
function exportedMessage(p: P<'invoice.exported'>): string {
  return `${p.invoice} exported to accounting`;
}
function depositRequestedMessage(p: P<'invoice.deposit_requested'>, c: MessageContext): string {
  return `${p.deposit ? `${p.deposit}: deposit` : 'Deposit'} of ${formatMoney(p.amountCents, c.currency)} requested on ${p.salesOrder}`;
}
function creditedMessage(p: P<'invoice.credited'>, c: MessageContext): string {
  const how = `${p.reinvoice ? ' to invoice again' : ''}${p.restocked ? ', restocked' : ''}`;
  return `${p.memo ?? 'Credit memo'} for ${p.invoice}: ${count(p.units, 'unit')} taken back${how}, ${formatMoney(p.amountCents, c.currency)} (${p.reason})`;
}

const ACTIVITY_WORDING: Wording<ActivityParamsByKind> = {
  'client.updated': clientUpdatedMessage,
  'supplier.updated': supplierUpdatedMessage,
  'product.updated': productUpdatedMessage,
  'product.stock_adjusted': stockAdjustedMessage,
  'user.updated': userUpdatedMessage,
  'project.created': projectCreatedMessage,
  'note.added': noteAddedMessage,
  'note.edited': noteEditedMessage,
  'note.deleted': noteDeletedMessage,
  'note.pinned': notePinnedMessage,
  'note.unpinned': noteUnpinnedMessage,
  'follow_up.created': followUpCreatedMessage,
  'follow_up.completed': followUpCompletedMessage,
  'purchase_order.created': purchaseOrderCreatedMessage,
  'purchase_order.stage_changed': stageChangedMessage,
  'purchase_order.received': receivedMessage,
  'purchase_order.status_changed': flaggedMessage,
  'sales_order.created': salesOrderCreatedMessage,
  'sales_order.status_changed': salesOrderStatusMessage,
  'sales_order.scheduled': scheduledMessage,
  'sales_order.quantity_cancelled': quantityCancelledMessage,
  'sales_order.charge_added': chargeAddedMessage,
  'sales_order.locked': lockedMessage,
  'sales_order.unlocked': unlockedMessage,
  'invoice.created': invoiceCreatedMessage,
  'invoice.updated': invoiceEditedMessage,
  'invoice.voided': voidedMessage,
  'invoice.payment_recorded': paymentMessage,
  'invoice.refund_recorded': refundMessage,
  'invoice.paid': paidByCreditMessage,
  'invoice.sent': invoiceSentMessage,
  'invoice.exported': exportedMessage,
  'invoice.deposit_requested': depositRequestedMessage,
  'invoice.credited': creditedMessage,
};

function problemMessage(p: N<'PURCHASE_ORDER_PROBLEM'>): string {
  return `${p.actor ?? 'Baton'} flagged ${p.purchaseOrder} ${PURCHASE_ORDER_STATUS_LABEL[p.status]} on ${p.project} ${p.projectName}`;
}
function readyToInvoiceMessage(p: N<'READY_TO_INVOICE'>): string {
  return `${p.salesOrder} on ${p.project} ${p.projectName} is ready to invoice${p.actor ? ` (set by ${p.actor})` : ''}`;
}
function shippedMessage(p: N<'SALES_ORDER_SHIPPED'>): string {
  return `${p.salesOrder} on ${p.project} ${p.projectName} has shipped`;
}
function mentionMessage(p: N<'MENTION'>): string {
  return `${p.actor} mentioned you on ${p.project} ${p.projectName}: ${quoted(p.excerpt)}`;
}
function sentToClientMessage(p: N<'INVOICE_SENT'>): string {
  return `${p.invoice} was sent to ${p.to.join(', ')}${p.actor ? ` by ${p.actor}` : ''}`;
}
function assignedMessage(p: N<'FOLLOW_UP_ASSIGNED'>): string {
  return `${p.actor} asked you to follow up on ${p.project} ${p.projectName} by ${formatDate(p.dueOn)}: ${quoted(p.excerpt)}`;
}
function dueMessage(p: N<'FOLLOW_UP_DUE'>): string {
  const when = p.dueOn === p.today ? 'is due today' : `was due ${formatDate(p.dueOn)}`;
  return `Your follow-up on ${p.project} ${p.projectName} ${when}: ${quoted(p.excerpt)}`;
}

const NOTIFICATION_WORDING: Wording<NotificationParamsByKind> = {
  PURCHASE_ORDER_PROBLEM: problemMessage,
  READY_TO_INVOICE: readyToInvoiceMessage,
  SALES_ORDER_SHIPPED: shippedMessage,
  MENTION: mentionMessage,
  INVOICE_SENT: sentToClientMessage,
  FOLLOW_UP_ASSIGNED: assignedMessage,
  FOLLOW_UP_DUE: dueMessage,
};

/** Every activity kind Baton records, and every notification kind it words. */
export const ACTIVITY_KINDS = Object.keys(ACTIVITY_WORDING) as ActivityKind[];
export const NOTIFICATION_MESSAGE_KINDS = Object.keys(NOTIFICATION_WORDING) as NotificationMessageKind[];

/** A stored row's parameters, as JSON gives them back. */
export type StoredParams = Record<string, unknown>;

/** Words a stored event; null when its kind is unknown or its parameters do not fit (the caller falls back to its text). */
function worded(words: Record<string, ((p: never, c: MessageContext) => string) | undefined>, kind: string, params: unknown, ctx: MessageContext): string | null {
  const word = Object.prototype.hasOwnProperty.call(words, kind) ? words[kind] : undefined;
  if (!word || params == null || typeof params !== 'object' || Array.isArray(params)) return null;
  try {
    const text = word(params as never, ctx);
    // Parameters of an older shape leave holes; the stored text reads better then.
    return /\bundefined\b|\bNaN\b|\[object Object\]/.test(text) ? null : text;
  } catch {
    return null;
  }
}

/** An activity event in today's words, from its kind and stored parameters. */
export function describeActivity(kind: string, params: unknown, ctx: MessageContext): string | null {
  return worded(ACTIVITY_WORDING, kind, params, ctx);
}

/** A notification in today's words, from its kind and stored parameters. */
export function describeNotification(kind: string, params: unknown, ctx: MessageContext): string | null {
  return worded(NOTIFICATION_WORDING, kind, params, ctx);
}

/** An activity event to record: its kind, its parameters and its text as worded now (kept beside them). */
export function activityEvent<K extends ActivityKind>(kind: K, params: P<K>, ctx: MessageContext): { kind: K; params: StoredParams; message: string } {
  return { kind, params: params as unknown as StoredParams, message: (ACTIVITY_WORDING[kind] as (p: P<K>, c: MessageContext) => string)(params, ctx) };
}

/** A notification's parameters and its text as worded now. */
export function notificationMessage<K extends NotificationMessageKind>(kind: K, params: N<K>, ctx: MessageContext): { params: StoredParams; message: string } {
  return { params: params as unknown as StoredParams, message: (NOTIFICATION_WORDING[kind] as (p: N<K>, c: MessageContext) => string)(params, ctx) };
}

/** The context of kinds that carry no amount (the currency is never read). */
export const NO_AMOUNTS: MessageContext = { currency: 'USD' };
