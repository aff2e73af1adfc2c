import { checkEmail, normalizeEmail } from './accounts.js';
import { allow, checkVersion, ErrorCode, firstFailing, refuse, userError, type Decision, type UserError } from './errors.js';
import { InvoiceStatus, planExport, planSend, type InvoiceLineRequest } from './invoices.js';
import { LIMITS, MAX_QUANTITY } from './limits.js';
import { formatMoney, totals } from './money.js';
import { can, type Permission } from './permissions.js';
import type { Role } from './roles.js';
import { checkOrderWritable, checkSomethingReady, type EventDraft, type SalesOrderFacts } from './sales-order-decisions.js';
import { afterInvoiced, afterVoided, anythingReady, lineQuantities, orderFigures, somethingRemains, type LineState, type OrderFigures, type SalesOrderStatus } from './sales-orders.js';
import { count, INVOICE_STATUS_LABEL, INVOICE_STATUS_PHRASE } from './words.js';

/** What the invoice rules read about one invoice. */
export interface InvoiceFacts {
  number: string;
  status: InvoiceStatus;
  invoiceDate: string;
  dueDate: string;
  totalCents: number;
  paidCents: number;
  version: number;
  /** Its quantities per sales order line id. */
  quantities: ReadonlyMap<string, number>;
}

export interface InvoiceLineDraft {
  salesOrderLineId: string;
  position: number;
  description: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
}

/**
 * An invoice as a decision makes it: its lines and amounts, what changes on the order's lines,
 * the goods that leave (or return to) stock, and the order as it stands right after — the figures
 * the document keeps as its own (DOMAIN.md, "A document shows its figures as of itself").
 */
export interface InvoiceDecision {
  lines: InvoiceLineDraft[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  /** Change of `invoiced` per sales order line id (negative: units taken off). */
  deltas: Map<string, number>;
  order: { lines: LineState[]; status: SalesOrderStatus; locked: boolean; figures: OrderFigures };
  /** What was still to follow right after: remaining units per line, backordered first. */
  stillToFollow: { salesOrderLineId: string; description: string; remaining: number; backordered: number }[];
  events: EventDraft[];
}

/** The order's lines after `deltas` move onto (or off) invoices: stocked goods leave scheduled as they are released. */
export function applyInvoiceDeltas(lines: readonly LineState[], deltas: ReadonlyMap<string, number>): LineState[] {
  return lines.map((l) => {
    const d = deltas.get(l.id) ?? 0;
    if (d === 0) return l;
    return { ...l, invoiced: l.invoiced + d, scheduled: l.inventoried && d > 0 ? l.scheduled - d : l.scheduled };
  });
}

/** NOT_FOUND lines first, then the values alone (each line once, whole numbers ≥ 0). */
function checkLineRequest(lines: readonly LineState[], request: readonly InvoiceLineRequest[]): UserError[] {
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

/** Each requested change of a line's quantity on the invoice against what remains and, for stocked goods, what is scheduled. */
function checkAgainstOrder(lines: readonly LineState[], request: readonly InvoiceLineRequest[], before: ReadonlyMap<string, number>): UserError[] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const over: UserError[] = [];
  const stock: UserError[] = [];
  request.forEach((r, i) => {
    const line = byId.get(r.salesOrderLineId);
    if (!line) return;
    const q = lineQuantities(line);
    const had = before.get(line.id) ?? 0;
    const delta = r.quantity - had;
    if (delta > q.remaining) {
      over.push(
        userError(
          ErrorCode.OVER_INVOICE,
          had > 0 ? `At most ${had + q.remaining} can be on this invoice.` : q.remaining > 0 ? `Only ${q.remaining} remain to invoice on this line.` : 'Nothing remains to invoice on this line.',
          ['lines', i, 'quantity'],
        ),
      );
    } else if (line.inventoried && delta > q.scheduled) {
      stock.push(
        userError(
          ErrorCode.INSUFFICIENT_STOCK,
          had > 0 ? `Only ${q.scheduled} more are scheduled from stock on this line.` : `Only ${q.scheduled} are scheduled from stock on this line; schedule the order first.`,
          ['lines', i, 'quantity'],
        ),
      );
    }
  });
  return over.length ? over : stock;
}

function draftLines(lines: readonly LineState[], quantities: ReadonlyMap<string, number>, taxRateBasisPoints: number) {
  const drafts: InvoiceLineDraft[] = lines.flatMap((l, i) => {
    const q = quantities.get(l.id) ?? 0;
    return q > 0
      ? [{ salesOrderLineId: l.id, position: l.position ?? i + 1, description: l.description ?? '', quantity: q, unitPriceCents: l.unitPriceCents, totalCents: q * l.unitPriceCents }]
      : [];
  });
  return { drafts, ...totals(drafts, taxRateBasisPoints) };
}

function stillToFollow(lines: readonly LineState[]): InvoiceDecision['stillToFollow'] {
  return lines
    .map((l) => ({ l, q: lineQuantities(l) }))
    .filter(({ q }) => q.remaining > 0)
    .sort((a, b) => b.q.backordered - a.q.backordered)
    .map(({ l, q }) => ({ salesOrderLineId: l.id, description: l.description ?? '', remaining: q.remaining, backordered: q.backordered }));
}

function settle(order: SalesOrderFacts, quantities: ReadonlyMap<string, number>, deltas: Map<string, number>, invoicedCentsOthers: number, events: EventDraft[]): InvoiceDecision {
  const lines = applyInvoiceDeltas(order.lines, deltas);
  const { drafts, subtotalCents, taxCents, totalCents } = draftLines(order.lines, quantities, order.taxRateBasisPoints);
  const after = afterInvoiced(somethingRemains(lines));
  return {
    lines: drafts,
    subtotalCents,
    taxCents,
    totalCents,
    deltas,
    order: { lines, ...after, figures: orderFigures(lines, order.taxRateBasisPoints, invoicedCentsOthers + totalCents) },
    stillToFollow: stillToFollow(lines),
    events,
  };
}

/**
 * A new invoice of a sales order (DOMAIN.md, "Invoices"): lines default to each line's
 * readyToInvoice; given quantities must be ≤ remaining (OVER_INVOICE) and, for stocked goods,
 * ≤ scheduled (INSUFFICIENT_STOCK); all zero → INVALID_INPUT; a cancelled order INVALID_TRANSITION,
 * a locked one LOCKED. Something remains after → BACKORDERED, else INVOICED and locked.
 */
export function decideCreateInvoice(order: SalesOrderFacts, request?: readonly InvoiceLineRequest[] | null): Decision<InvoiceDecision> {
  const given = request ?? order.lines.map((l) => ({ salesOrderLineId: l.id, quantity: lineQuantities(l).readyToInvoice }));
  const errors = firstFailing(
    () => checkLineRequest(order.lines, given),
    () => (request && request.every((r) => r.quantity === 0) ? [userError(ErrorCode.INVALID_INPUT, 'Every quantity is 0: invoice at least one unit.', ['lines'])] : []),
    () => checkOrderWritable(order),
    () => checkAgainstOrder(order.lines, given, new Map()),
    () => (request ? [] : given.some((r) => r.quantity > 0) ? [] : checkSomethingReady(order.lines)),
  );
  if (errors.length) return refuse(...errors);
  const quantities = new Map(given.filter((r) => r.quantity > 0).map((r) => [r.salesOrderLineId, r.quantity]));
  const units = [...quantities.values()].reduce((a, b) => a + b, 0);
  const decision = settle(order, quantities, new Map(quantities), order.invoicedCents, []);
  decision.events.push({ kind: 'invoice.created', message: `Invoice created for ${order.number}: ${count(units, 'unit')}, total ${formatMoney(decision.totalCents, order.currency)}` });
  return allow(decision);
}

export interface InvoiceEditInput {
  lines?: readonly InvoiceLineRequest[] | null;
  dueDate?: string | null;
  expectedVersion?: number | null;
}

/**
 * Editing an invoice (DOMAIN.md, "Invoices"): the version the editor saw; lines named change (0 takes
 * one off) with the same checks as creating, only while the invoice is OPEN and the order unlocked
 * (LOCKED); at least one unit stays (void instead); the total never below what is paid.
 */
export function decideUpdateInvoice(invoice: InvoiceFacts, order: SalesOrderFacts, input: InvoiceEditInput): Decision<InvoiceDecision | { dueDate: string; events: EventDraft[] }> {
  const changes = input.lines ?? [];
  const errors = firstFailing(
    () => checkVersion(invoice.version, input.expectedVersion, 'invoice'),
    () => checkLineRequest(order.lines, changes),
    () => (input.dueDate != null && input.dueDate < invoice.invoiceDate ? [userError(ErrorCode.INVALID_INPUT, 'The due date cannot be before the invoice date.', ['dueDate'])] : []),
    () => checkInvoiceEditable(invoice),
    () => (changes.length ? checkOrderWritableForEdit(order) : []),
    () => checkAgainstOrder(order.lines, changes, invoice.quantities),
  );
  if (errors.length) return refuse(...errors);
  const dueDate = input.dueDate ?? invoice.dueDate;
  if (changes.length === 0) return allow({ dueDate, events: [{ kind: 'invoice.updated', message: `${invoice.number} edited: due ${dueDate}` }] });
  const quantities = new Map(invoice.quantities);
  const deltas = new Map<string, number>();
  for (const r of changes) {
    const delta = r.quantity - (invoice.quantities.get(r.salesOrderLineId) ?? 0);
    if (delta !== 0) deltas.set(r.salesOrderLineId, delta);
    if (r.quantity > 0) quantities.set(r.salesOrderLineId, r.quantity);
    else quantities.delete(r.salesOrderLineId);
  }
  if (quantities.size === 0) return refuse(userError(ErrorCode.INVALID_INPUT, 'An invoice keeps at least one unit; void it instead.', ['lines']));
  const decision = settle(order, quantities, deltas, order.invoicedCents - invoice.totalCents, []);
  if (decision.totalCents < invoice.paidCents)
    return refuse(userError(ErrorCode.INVALID_INPUT, `${formatMoney(invoice.paidCents, order.currency)} is already paid; the total cannot go below that.`, ['lines']));
  decision.events.push({ kind: 'invoice.updated', message: `${invoice.number} edited: total ${formatMoney(decision.totalCents, order.currency)}, due ${dueDate}` });
  return allow(decision);
}

/** Only an OPEN invoice changes (LOCKED otherwise). */
export function checkInvoiceEditable(invoice: Pick<InvoiceFacts, 'status'>): UserError[] {
  return invoice.status === 'OPEN' ? [] : [userError(ErrorCode.LOCKED, `This invoice ${INVOICE_STATUS_PHRASE[invoice.status]}; it can no longer change.`)];
}

function checkOrderWritableForEdit(order: SalesOrderFacts): UserError[] {
  return order.locked ? [userError(ErrorCode.LOCKED, 'The order is fully invoiced and locked; void the invoice to change it.')] : [];
}

export interface VoidDecision {
  reason: string;
  deltas: Map<string, number>;
  /** The order unlocks; its status after (null: it keeps a closed status). */
  orderStatus: SalesOrderStatus | null;
  events: EventDraft[];
}

/** Void: a reason, from any status but VOID (INVALID_TRANSITION), only with no payment recorded (LOCKED). */
export function checkVoidable(invoice: Pick<InvoiceFacts, 'status' | 'paidCents'>): UserError[] {
  if (invoice.status === 'VOID') return [userError(ErrorCode.INVALID_TRANSITION, 'The invoice is already void.')];
  if (invoice.paidCents > 0) return [userError(ErrorCode.LOCKED, 'A payment is recorded on this invoice; it cannot be voided.')];
  return [];
}

/**
 * Voiding releases the invoice's quantities and returns stocked goods; the order unlocks and takes
 * BACKORDERED if another live invoice exists, else READY_TO_BE_INVOICED if something is ready, else
 * what its purchase orders give.
 */
export function decideVoidInvoice(invoice: InvoiceFacts, order: SalesOrderFacts, reason: string | null | undefined, otherLiveInvoices: number): Decision<VoidDecision> {
  const errors = firstFailing(
    () => (!reason?.trim() ? [userError(ErrorCode.INVALID_INPUT, 'Say why the invoice is voided.', ['reason'])] : []),
    () => ((reason ?? '').length > LIMITS.reasonMax ? [userError(ErrorCode.INVALID_INPUT, `A reason is at most ${LIMITS.reasonMax} characters.`, ['reason'])] : []),
    () => checkVoidable(invoice),
  );
  if (errors.length) return refuse(...errors);
  const deltas = new Map([...invoice.quantities].map(([id, q]) => [id, -q]));
  const lines = applyInvoiceDeltas(order.lines, deltas);
  const reopens = order.status !== 'CANCELLED';
  const why = (reason ?? '').trim();
  return allow({
    reason: why,
    deltas,
    orderStatus: reopens ? afterVoided(otherLiveInvoices > 0, anythingReady(lines), order.purchaseOrders) : null,
    events: [{ kind: 'invoice.voided', message: `${invoice.number} voided (${why})` }],
  });
}

const PAYABLE: ReadonlySet<InvoiceStatus> = new Set(['OPEN', 'SENT_TO_CLIENT', 'EXPORTED']);

export const balanceOf = (invoice: Pick<InvoiceFacts, 'totalCents' | 'paidCents'>): number => invoice.totalCents - invoice.paidCents;

/** A payment goes on an OPEN, SENT_TO_CLIENT or EXPORTED invoice (INVALID_TRANSITION) with a balance (INVALID_INPUT). */
export function checkPayable(invoice: Pick<InvoiceFacts, 'status' | 'totalCents' | 'paidCents'>): UserError[] {
  if (!PAYABLE.has(invoice.status)) return [userError(ErrorCode.INVALID_TRANSITION, `This invoice ${INVOICE_STATUS_PHRASE[invoice.status]}; it takes no payments.`)];
  if (balanceOf(invoice) <= 0) return [userError(ErrorCode.INVALID_INPUT, 'Nothing is due on this invoice.', ['amountCents'])];
  return [];
}

/** A payment: > 0 and ≤ balance, on a payable invoice; balance 0 → PAID. */
export function decidePayment(
  invoice: Pick<InvoiceFacts, 'number' | 'status' | 'totalCents' | 'paidCents'>,
  amountCents: number,
  reference?: string | null,
  currency = 'USD',
): Decision<{ paidCents: number; status: InvoiceStatus; events: EventDraft[] }> {
  const errors = firstFailing(
    () => (reference != null && reference.length > LIMITS.referenceMax ? [userError(ErrorCode.INVALID_INPUT, `A reference is at most ${LIMITS.referenceMax} characters.`, ['reference'])] : []),
    () => (!Number.isSafeInteger(amountCents) || amountCents <= 0 ? [userError(ErrorCode.INVALID_INPUT, 'A payment is a positive amount.', ['amountCents'])] : []),
    () => (PAYABLE.has(invoice.status) ? [] : checkPayable(invoice)),
    () =>
      amountCents > balanceOf(invoice)
        ? [userError(ErrorCode.INVALID_INPUT, `The balance due is ${formatMoney(balanceOf(invoice), currency)}; a payment cannot exceed it.`, ['amountCents'])]
        : [],
  );
  if (errors.length) return refuse(...errors);
  const paidCents = invoice.paidCents + amountCents;
  const status: InvoiceStatus = paidCents === invoice.totalCents ? 'PAID' : invoice.status;
  const balance = invoice.totalCents - paidCents;
  return allow({
    paidCents,
    status,
    events: [
      {
        kind: 'invoice.payment_recorded',
        message: `${invoice.number}: payment of ${formatMoney(amountCents, currency)}, balance ${formatMoney(balance, currency)}${status !== invoice.status ? `, now ${INVOICE_STATUS_LABEL[status].toLowerCase()}` : ''}`,
      },
    ],
  });
}

/**
 * Sending (DOMAIN.md, "Invoices"): at most 20 valid addresses, or the client's e-mail; OPEN or
 * SENT_TO_CLIENT only; no address at all → INVALID_INPUT.
 */
export function decideSend(invoice: Pick<InvoiceFacts, 'number' | 'status'>, to: readonly string[] | null | undefined, client: { name: string; email: string | null }): Decision<{ status: InvoiceStatus; recipients: string[]; events: EventDraft[] }> {
  const errors = firstFailing(
    () => (to && to.length > LIMITS.sendToMax ? [userError(ErrorCode.INVALID_INPUT, `Send to at most ${LIMITS.sendToMax} addresses.`, ['to'])] : []),
    () => (to ?? []).flatMap((address, i) => (checkEmail(address).length ? [userError(ErrorCode.INVALID_INPUT, `${address} is not an e-mail address.`, ['to', i])] : [])),
    () => {
      const d = planSend(invoice.status);
      return d.ok ? [] : d.errors;
    },
  );
  if (errors.length) return refuse(...errors);
  const recipients = [...new Set((to?.length ? to : client.email ? [client.email] : []).map(normalizeEmail))];
  if (recipients.length === 0) return refuse(userError(ErrorCode.INVALID_INPUT, `${client.name} has no invoice e-mail; give the addresses to send to.`, ['to']));
  return allow({ status: 'SENT_TO_CLIENT', recipients, events: [{ kind: 'invoice.sent', message: `${invoice.number} sent to ${recipients.join(', ')}` }] });
}

/** The export batch's own limits. */
export function checkExportBatch(ids: readonly string[]): UserError[] {
  if (ids.length === 0 || ids.length > LIMITS.exportBatchMax) return [userError(ErrorCode.INVALID_INPUT, `Export 1 to ${LIMITS.exportBatchMax} invoices at a time.`, ['ids'])];
  if (new Set(ids).size !== ids.length) return [userError(ErrorCode.INVALID_INPUT, 'Name each invoice once.', ['ids'])];
  return [];
}

/** Exporting hands OPEN or SENT_TO_CLIENT invoices to accounting; each other one is refused by its place in the list. */
export function decideExport(invoices: readonly Pick<InvoiceFacts, 'number' | 'status'>[]): Decision<{ events: EventDraft[][] }> {
  const refused = invoices.flatMap((inv, i) => {
    const d = planExport(inv.status);
    return d.ok ? [] : d.errors.map((e) => ({ ...e, message: `${inv.number}: ${e.message}`, field: ['ids', String(i)] }));
  });
  if (refused.length) return refuse(...refused);
  return allow({ events: invoices.map((inv) => [{ kind: 'invoice.exported', message: `${inv.number} exported to accounting` }]) });
}

/** Invoice.can (the contract's InvoiceCan, less what later issues add). */
export function invoiceCan(invoice: Pick<InvoiceFacts, 'status' | 'totalCents' | 'paidCents'>, roles: readonly Role[]): Record<'edit' | 'send' | 'export' | 'recordPayment' | 'void', Permission> {
  const transition = (d: Decision<unknown>) => () => (d.ok ? [] : d.errors);
  return {
    edit: can(roles, 'manageInvoices', 'edit invoices', () => checkInvoiceEditable(invoice)),
    send: can(roles, 'manageInvoices', 'send invoices', transition(planSend(invoice.status))),
    export: can(roles, 'exportInvoices', 'export invoices', transition(planExport(invoice.status))),
    recordPayment: can(roles, 'recordPayments', 'record payments', () => checkPayable(invoice)),
    void: can(roles, 'manageInvoices', 'void invoices', () => checkVoidable(invoice)),
  };
}

