import { addDays } from './dates.js';
import { allow, ErrorCode, refuse, userError, type Decision, type UserError } from './errors.js';
import { MAX_QUANTITY, REASON_MAX } from './limits.js';
import { lineQuantities, type LineState } from './sales-orders.js';
import { INVOICE_STATUS_LABEL, lower } from './words.js';

export const InvoiceStatus = { OPEN: 'OPEN', SENT_TO_CLIENT: 'SENT_TO_CLIENT', EXPORTED: 'EXPORTED', PAID: 'PAID', VOID: 'VOID' } as const;
export type InvoiceStatus = (typeof InvoiceStatus)[keyof typeof InvoiceStatus];

export const isLiveInvoice = (s: InvoiceStatus): boolean => s !== 'VOID';

export interface InvoiceLineRequest {
  salesOrderLineId: string;
  quantity: number;
}

function checkRequest(lines: readonly LineState[], request: readonly InvoiceLineRequest[]): UserError[] {
  const ids = new Set(lines.map((l) => l.id));
  const notFound = request.flatMap((r, i) =>
    ids.has(r.salesOrderLineId) ? [] : [userError(ErrorCode.NOT_FOUND, 'That line is not on this sales order.', ['lines', i, 'salesOrderLineId'])],
  );
  if (notFound.length) return notFound;
  const seen = new Set<string>();
  return request.flatMap((r, i) => {
    if (seen.has(r.salesOrderLineId)) return [userError(ErrorCode.INVALID_INPUT, 'Name each line once.', ['lines', i, 'salesOrderLineId'])];
    seen.add(r.salesOrderLineId);
    return Number.isInteger(r.quantity) && r.quantity >= 0 && r.quantity <= MAX_QUANTITY
      ? []
      : [userError(ErrorCode.INVALID_INPUT, 'A quantity is a whole number, 0 or more (0 leaves the line off).', ['lines', i, 'quantity'])];
  });
}

/** Quantities per sales order line id, lines with 0 left out. */
export type InvoicePlan = Map<string, number>;

/**
 * A new invoice of a sales order (DOMAIN.md, "Invoices"): lines default to each line's
 * readyToInvoice; given quantities must be ≤ remaining (OVER_INVOICE) and, for inventoried lines,
 * ≤ scheduled (INSUFFICIENT_STOCK); nothing at all → INVALID_INPUT.
 */
export function planInvoice(order: { locked: boolean }, lines: readonly LineState[], request?: readonly InvoiceLineRequest[] | null): Decision<InvoicePlan> {
  const given = request ?? lines.map((l) => ({ salesOrderLineId: l.id, quantity: lineQuantities(l).readyToInvoice }));
  const invalid = checkRequest(lines, given);
  if (invalid.length) return refuse(...invalid);
  // Quantities the user typed, all zero, are an input problem whatever the order's state.
  if (request && request.every((r) => r.quantity === 0))
    return refuse(userError(ErrorCode.INVALID_INPUT, 'Every quantity is 0: invoice at least one unit.', ['lines']));
  if (order.locked) return refuse(userError(ErrorCode.LOCKED, 'This order is fully invoiced and locked; void an invoice to change it.'));
  const byId = new Map(lines.map((l) => [l.id, l]));
  const over: UserError[] = [];
  const stock: UserError[] = [];
  given.forEach((r, i) => {
    const line = byId.get(r.salesOrderLineId)!;
    const q = lineQuantities(line);
    if (r.quantity > q.remaining) over.push(userError(ErrorCode.OVER_INVOICE, `Only ${q.remaining} remain to invoice on this line.`, ['lines', i, 'quantity']));
    else if (line.inventoried && r.quantity > q.scheduled)
      stock.push(userError(ErrorCode.INSUFFICIENT_STOCK, `Only ${q.scheduled} are scheduled from stock on this line; schedule the order first.`, ['lines', i, 'quantity']));
  });
  if (over.length) return refuse(...over);
  if (stock.length) return refuse(...stock);
  const plan: InvoicePlan = new Map(given.filter((r) => r.quantity > 0).map((r) => [r.salesOrderLineId, r.quantity]));
  if (plan.size === 0) {
    return refuse(
      userError(ErrorCode.INVALID_INPUT, request ? 'Every quantity is 0: invoice at least one unit.' : 'Nothing is ready to invoice on this order.', ['lines']),
    );
  }
  return allow(plan);
}

/**
 * Changes the quantities of an OPEN invoice (lines named; 0 takes a line off). `current` holds the
 * invoice's quantities per sales order line id; the order lines' `invoiced` include them.
 */
export function planInvoiceEdit(
  invoice: { status: InvoiceStatus; orderLocked: boolean },
  current: ReadonlyMap<string, number>,
  lines: readonly LineState[],
  changes: readonly InvoiceLineRequest[],
): Decision<{ quantities: InvoicePlan; deltas: Map<string, number> }> {
  const invalid = checkRequest(lines, changes);
  if (invalid.length) return refuse(...invalid);
  if (invoice.status !== 'OPEN') return refuse(userError(ErrorCode.LOCKED, `A ${invoice.status} invoice can no longer change.`));
  if (invoice.orderLocked) return refuse(userError(ErrorCode.LOCKED, 'The order is fully invoiced and locked; void the invoice to change it.'));
  const byId = new Map(lines.map((l) => [l.id, l]));
  const quantities: InvoicePlan = new Map(current);
  const deltas = new Map<string, number>();
  const over: UserError[] = [];
  const stock: UserError[] = [];
  changes.forEach((r, i) => {
    const line = byId.get(r.salesOrderLineId)!;
    const q = lineQuantities(line);
    const before = current.get(line.id) ?? 0;
    const delta = r.quantity - before;
    if (delta > q.remaining) over.push(userError(ErrorCode.OVER_INVOICE, `At most ${before + q.remaining} can be on this invoice.`, ['lines', i, 'quantity']));
    else if (line.inventoried && delta > q.scheduled)
      stock.push(userError(ErrorCode.INSUFFICIENT_STOCK, `Only ${q.scheduled} more are scheduled from stock on this line.`, ['lines', i, 'quantity']));
    if (delta !== 0) deltas.set(line.id, delta);
    if (r.quantity > 0) quantities.set(line.id, r.quantity);
    else quantities.delete(line.id);
  });
  if (over.length) return refuse(...over);
  if (stock.length) return refuse(...stock);
  if (quantities.size === 0) return refuse(userError(ErrorCode.INVALID_INPUT, 'An invoice keeps at least one unit; void it instead.', ['lines']));
  return allow({ quantities, deltas });
}

export function dueDate(invoiceDate: string, paymentTermsDays: number): string {
  return addDays(invoiceDate, paymentTermsDays);
}

const PAYABLE: ReadonlySet<InvoiceStatus> = new Set(['OPEN', 'SENT_TO_CLIENT', 'EXPORTED']);

/** A payment: > 0 and ≤ balance, on an OPEN, SENT_TO_CLIENT or EXPORTED invoice; balance 0 → PAID. */
export function planPayment(invoice: { status: InvoiceStatus; totalCents: number; paidCents: number }, amountCents: number): Decision<{ paidCents: number; status: InvoiceStatus }> {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0)
    return refuse(userError(ErrorCode.INVALID_INPUT, 'A payment is a positive amount of cents.', ['amountCents']));
  if (!PAYABLE.has(invoice.status)) return refuse(userError(ErrorCode.INVALID_TRANSITION, `A ${invoice.status} invoice takes no payments.`));
  const balance = invoice.totalCents - invoice.paidCents;
  if (amountCents > balance) return refuse(userError(ErrorCode.INVALID_INPUT, `The balance is ${balance} cents; a payment cannot exceed it.`, ['amountCents']));
  const paidCents = invoice.paidCents + amountCents;
  return allow({ paidCents, status: paidCents === invoice.totalCents ? 'PAID' : invoice.status });
}

/** Void: from any status but VOID, with a reason, only while no payment is recorded. */

export function planVoid(invoice: { status: InvoiceStatus; paidCents: number }, reason: string | null | undefined): Decision<true> {
  if (!reason?.trim()) return refuse(userError(ErrorCode.INVALID_INPUT, 'Say why the invoice is voided.', ['reason']));
  if (reason.length > REASON_MAX) return refuse(userError(ErrorCode.INVALID_INPUT, `A reason is at most ${REASON_MAX} characters.`, ['reason']));
  if (invoice.status === 'VOID') return refuse(userError(ErrorCode.INVALID_TRANSITION, 'The invoice is already void.'));
  if (invoice.paidCents > 0) return refuse(userError(ErrorCode.LOCKED, 'A payment is recorded on this invoice; it cannot be voided.'));
  return allow(true);
}

/** sendInvoice: OPEN or SENT_TO_CLIENT (a re-send) → SENT_TO_CLIENT. */
export function planSend(status: InvoiceStatus): Decision<InvoiceStatus> {
  return status === 'OPEN' || status === 'SENT_TO_CLIENT'
    ? allow('SENT_TO_CLIENT')
    : refuse(userError(ErrorCode.INVALID_TRANSITION, `A ${lower(INVOICE_STATUS_LABEL[status])} invoice is not sent again.`));
}

/** Export hands OPEN or SENT_TO_CLIENT invoices to accounting. */
export function planExport(status: InvoiceStatus): Decision<InvoiceStatus> {
  return status === 'OPEN' || status === 'SENT_TO_CLIENT'
    ? allow('EXPORTED')
    : refuse(userError(ErrorCode.INVALID_TRANSITION, `A ${lower(INVOICE_STATUS_LABEL[status])} invoice cannot be exported.`));
}
