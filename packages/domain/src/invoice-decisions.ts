import { activityEvent, NO_AMOUNTS } from './messages.js';
import { checkEmail, normalizeEmail } from './accounts.js';
import { decideDepositApplied } from './deposits.js';
import { allow, checkVersion, ErrorCode, firstFailing, refuse, userError, type Decision, type UserError } from './errors.js';
import { balanceOf, moveOntoInvoice, quantitiesOf, withDocument, type InvoiceFacts } from './invoice-facts.js';
import { InvoiceStatus, planExport, planSend, type InvoiceLineRequest } from './invoices.js';
import { LIMITS, MAX_QUANTITY } from './limits.js';
import { formatMoney, runningTax } from './money.js';
import { checkOrderWritable, checkSomethingReady, type EventDraft, type SalesOrderFacts } from './sales-order-decisions.js';
import {
  afterInvoiced,
  afterVoided,
  amountsOf,
  anythingReady,
  isCharge,
  orderFigures,
  orderLineQuantities,
  somethingRemains,
  stillToFollowOf,
  type LineState,
  type OrderDocuments,
  type OrderFigures,
  type SalesOrderStatus,
} from './sales-orders.js';
import { INVOICE_STATUS_PHRASE } from './words.js';

export type { InvoiceFacts } from './invoice-facts.js';

export interface InvoiceLineDraft {
  salesOrderLineId: string;
  position: number;
  description: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  taxable: boolean;
  /** Units that left stock for this line of the invoice. */
  released: number;
}

/**
 * An invoice as a decision makes it: its lines and amounts (running-total tax, the deposit it
 * applies), each order line after it (invoiced, scheduled, released), the change of on hand, and the
 * order as it stands right after — the figures the document keeps as its own (DOMAIN.md, "A document
 * shows its figures as of itself").
 */
export interface InvoiceDecision {
  lines: InvoiceLineDraft[];
  subtotalCents: number;
  taxableCents: number;
  taxCents: number;
  totalCents: number;
  depositAppliedCents: number;
  depositAppliedNamed: boolean;
  /** Change of `invoiced` per sales order line id (negative: units taken off). */
  deltas: Map<string, number>;
  /** Change of on hand per sales order line id (negative: goods leave stock). */
  stock: Map<string, number>;
  order: { lines: LineState[]; status: SalesOrderStatus; locked: boolean; figures: OrderFigures; documents: OrderDocuments };
  /** What was still to follow right after: remaining units per line, backordered first. */
  stillToFollow: { salesOrderLineId: string; description: string; remaining: number; backordered: number }[];
  events: EventDraft[];
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

function checkDepositInput(named: number | null | undefined): UserError[] {
  return named != null && (!Number.isSafeInteger(named) || named < 0)
    ? [userError(ErrorCode.INVALID_INPUT, 'A deposit applied is an amount of 0 or more.', ['depositAppliedCents'])]
    : [];
}

/**
 * Each requested change of a line's quantity on the invoice against what remains (OVER_INVOICE) and,
 * for stocked goods, what is ready — scheduled stock and units the client already holds (INSUFFICIENT_STOCK).
 */
function checkAgainstOrder(lines: readonly LineState[], request: readonly InvoiceLineRequest[], before: ReadonlyMap<string, number>): UserError[] {
  const q = orderLineQuantities(lines);
  const byId = new Map(lines.map((l, i) => [l.id, { l, q: q[i] }]));
  const over: UserError[] = [];
  const stock: UserError[] = [];
  request.forEach((r, i) => {
    const found = byId.get(r.salesOrderLineId);
    if (!found?.q) return;
    const { l, q: lq } = found;
    const had = before.get(l.id) ?? 0;
    const delta = r.quantity - had;
    if (delta > lq.remaining) {
      over.push(
        userError(
          ErrorCode.OVER_INVOICE,
          had > 0 ? `At most ${had + lq.remaining} can be on this invoice.` : lq.remaining > 0 ? `Only ${lq.remaining} remain to invoice on this line.` : 'Nothing remains to invoice on this line.',
          ['lines', i, 'quantity'],
        ),
      );
    } else if (l.inventoried && !isCharge(l.kind) && delta > lq.readyToInvoice) {
      stock.push(
        userError(
          ErrorCode.INSUFFICIENT_STOCK,
          had > 0 ? `Only ${lq.readyToInvoice} more are ready from stock on this line.` : `Only ${lq.readyToInvoice} are ready from stock on this line; schedule the order first.`,
          ['lines', i, 'quantity'],
        ),
      );
    }
  });
  return over.length ? over : stock;
}

function stillToFollow(lines: readonly LineState[]): InvoiceDecision['stillToFollow'] {
  return stillToFollowOf(lines);
}

interface Settling {
  order: SalesOrderFacts;
  /** The invoice's quantities after, per sales order line id. */
  quantities: ReadonlyMap<string, number>;
  /** Units each of its lines released so far (edits), per sales order line id. */
  releasedBefore: ReadonlyMap<string, number>;
  deltas: Map<string, number>;
  /** The order's documents other than this invoice. */
  others: OrderDocuments;
  /** Deposit: what the invoice applies already (edits), an amount named now, or one named before that stays. */
  alreadyApplied: number;
  named: number | null | undefined;
  keepNamed?: number | null;
  /** Its tax as it stands, when its lines do not change (only a line edit takes its tax again). */
  keepTax?: number;
  /** Paid on it already (edits): the deposit applied covers at most the rest of its total. */
  paid?: number;
}

/** Lines, amounts, deposit applied and the order after, for an invoice holding `quantities`. */
function settle(s: Settling): Decision<InvoiceDecision> {
  const { order } = s;
  const stock = new Map<string, number>();
  const releasedOn = new Map(s.releasedBefore);
  const lines = order.lines.map((l) => {
    const moved = moveOntoInvoice(l, s.deltas.get(l.id) ?? 0, s.releasedBefore.get(l.id) ?? 0);
    if (moved.stock !== 0) stock.set(l.id, moved.stock);
    releasedOn.set(l.id, moved.releasedOnInvoice);
    return moved.line;
  });
  const onInvoice = order.lines.filter((l) => (s.quantities.get(l.id) ?? 0) > 0);
  const drafts: InvoiceLineDraft[] = onInvoice.map((l, i) => {
    const quantity = s.quantities.get(l.id) ?? 0;
    return {
      salesOrderLineId: l.id,
      position: l.position ?? i + 1,
      description: l.description ?? '',
      quantity,
      unitPriceCents: l.unitPriceCents,
      totalCents: quantity * l.unitPriceCents,
      taxable: l.taxable ?? true,
      released: releasedOn.get(l.id) ?? 0,
    };
  });
  const { subtotalCents, taxableCents } = amountsOf(onInvoice, drafts.map((d) => d.quantity));
  const taxCents = s.keepTax ?? runningTax(order.taxRateBasisPoints, s.others, taxableCents);
  const totalCents = subtotalCents + taxCents;
  const remains = somethingRemains(lines);
  const goodsOnIt = onInvoice.some((l) => !isCharge(l.kind));
  // An invoice that bills only charges leaves the order's status as it was unless it completes the order.
  const after = goodsOnIt || !remains ? afterInvoiced(remains) : { status: order.status, locked: order.locked };
  const deposit = decideDepositApplied({
    deposits: order.deposits,
    alreadyApplied: s.alreadyApplied,
    invoiceSubtotalCents: subtotalCents,
    invoiceTotalCents: totalCents,
    orderSubtotalCents: orderFigures(order.lines, order.taxRateBasisPoints).subtotalCents,
    completes: !remains,
    // A named amount stays until renamed, lowered to the total if the total fell below it.
    named: s.named ?? (s.keepNamed != null ? Math.max(0, Math.min(s.keepNamed, totalCents - (s.paid ?? 0))) : null),
    invoicePaidCents: s.paid ?? 0,
    currency: order.currency,
  });
  if (!deposit.ok) return deposit;
  const documents = withDocument(s.others, { totalCents, taxableCents, taxCents });
  return allow({
    lines: drafts,
    subtotalCents,
    taxableCents,
    taxCents,
    totalCents,
    depositAppliedCents: deposit.value.appliedCents,
    depositAppliedNamed: deposit.value.named,
    deltas: s.deltas,
    stock,
    order: { lines, ...after, figures: orderFigures(lines, order.taxRateBasisPoints, documents), documents },
    stillToFollow: stillToFollow(lines),
    events: [],
  });
}

/**
 * A new standard invoice of a sales order (DOMAIN.md, "Invoices"): lines default to each line's
 * readyToInvoice (charges by their invoiceWith); given quantities must be ≤ remaining (OVER_INVOICE)
 * and, for stocked goods, ≤ ready (INSUFFICIENT_STOCK); all zero → INVALID_INPUT; a cancelled order
 * INVALID_TRANSITION, a locked one LOCKED. Its tax runs on the order's live documents; it applies its
 * share of the paid deposit. Something remains after → BACKORDERED, else INVOICED and locked.
 */
export function decideCreateInvoice(order: SalesOrderFacts, request?: readonly InvoiceLineRequest[] | null, depositAppliedCents?: number | null): Decision<InvoiceDecision> {
  const ready = orderLineQuantities(order.lines);
  const given = request ?? order.lines.map((l, i) => ({ salesOrderLineId: l.id, quantity: ready[i]?.readyToInvoice ?? 0 }));
  const errors = firstFailing(
    () => checkLineRequest(order.lines, given),
    () => (request && request.every((r) => r.quantity === 0) ? [userError(ErrorCode.INVALID_INPUT, 'Every quantity is 0: invoice at least one unit.', ['lines'])] : []),
    () => checkDepositInput(depositAppliedCents),
    () => checkOrderWritable(order),
    () => checkAgainstOrder(order.lines, given, new Map()),
    () => (request ? [] : given.some((r) => r.quantity > 0) ? [] : checkSomethingReady(order.lines)),
  );
  if (errors.length) return refuse(...errors);
  const quantities = new Map(given.filter((r) => r.quantity > 0).map((r) => [r.salesOrderLineId, r.quantity]));
  const decision = settle({ order, quantities, releasedBefore: new Map(), deltas: new Map(quantities), others: order.documents, alreadyApplied: 0, named: depositAppliedCents });
  if (!decision.ok) return decision;
  const units = [...quantities.values()].reduce((a, b) => a + b, 0);
  decision.value.events.push(activityEvent('invoice.created', { invoice: null, salesOrder: order.number, units, totalCents: decision.value.totalCents }, { currency: order.currency ?? 'USD' }));
  return decision;
}

export interface InvoiceEditInput {
  lines?: readonly InvoiceLineRequest[] | null;
  dueDate?: string | null;
  depositAppliedCents?: number | null;
  expectedVersion?: number | null;
}

/** Only an OPEN invoice changes (LOCKED otherwise); a credit memo never does (INVALID_TRANSITION). */
export function checkInvoiceEditable(invoice: Pick<InvoiceFacts, 'status' | 'kind'>): UserError[] {
  if (invoice.kind === 'CREDIT_MEMO') return [userError(ErrorCode.INVALID_TRANSITION, 'A credit memo never changes; make another one instead.')];
  return invoice.status === 'OPEN' ? [] : [userError(ErrorCode.LOCKED, `This invoice ${INVOICE_STATUS_PHRASE[invoice.status]}; it can no longer change.`)];
}

/**
 * Editing an invoice (DOMAIN.md, "Invoices"): the version the editor saw; a credit memo never
 * (INVALID_TRANSITION); a deposit only its due date (lines or a deposit applied → INVALID_INPUT);
 * lines named change (0 takes one off) with the same checks as creating, only while OPEN and the
 * order unlocked (LOCKED); at least one unit stays (void instead); the total never below what is
 * paid. Its tax is taken again on the running total; an unnamed deposit applied follows the edit.
 */
export function decideUpdateInvoice(invoice: InvoiceFacts, order: SalesOrderFacts, input: InvoiceEditInput): Decision<InvoiceDecision | { dueDate: string; events: EventDraft[] }> {
  const changes = input.lines ?? [];
  const current = quantitiesOf(invoice);
  const errors = firstFailing(
    () => checkVersion(invoice.version, input.expectedVersion, 'invoice'),
    () => (invoice.kind === 'CREDIT_MEMO' ? checkInvoiceEditable(invoice) : []),
    () =>
      invoice.kind === 'DEPOSIT' && (changes.length > 0 || input.depositAppliedCents != null)
        ? [userError(ErrorCode.INVALID_INPUT, 'A deposit invoice changes only its due date.', changes.length ? ['lines'] : ['depositAppliedCents'])]
        : [],
    () => checkLineRequest(order.lines, changes),
    () => checkDepositInput(input.depositAppliedCents),
    () => (input.dueDate != null && input.dueDate < invoice.invoiceDate ? [userError(ErrorCode.INVALID_INPUT, 'The due date cannot be before the invoice date.', ['dueDate'])] : []),
    () => checkInvoiceEditable(invoice),
    () => (changes.length || input.depositAppliedCents != null ? checkOrderWritableForEdit(order) : []),
    () => checkAgainstOrder(order.lines, changes, current),
  );
  if (errors.length) return refuse(...errors);
  const dueDate = input.dueDate ?? invoice.dueDate;
  if (changes.length === 0 && input.depositAppliedCents == null) return allow({ dueDate, events: [activityEvent('invoice.updated', { invoice: invoice.number, totalCents: null, dueDate }, { currency: order.currency ?? 'USD' })] });
  const quantities = new Map(current);
  const deltas = new Map<string, number>();
  for (const r of changes) {
    const delta = r.quantity - (current.get(r.salesOrderLineId) ?? 0);
    if (delta !== 0) deltas.set(r.salesOrderLineId, delta);
    if (r.quantity > 0) quantities.set(r.salesOrderLineId, r.quantity);
    else quantities.delete(r.salesOrderLineId);
  }
  if (quantities.size === 0) return refuse(userError(ErrorCode.INVALID_INPUT, 'An invoice keeps at least one unit; void it instead.', ['lines']));
  const decision = settle({
    order,
    quantities,
    releasedBefore: new Map(invoice.lines.map((l) => [l.salesOrderLineId, l.released])),
    deltas,
    others: withDocument(order.documents, invoice, -1),
    alreadyApplied: invoice.depositAppliedCents,
    named: input.depositAppliedCents,
    keepNamed: invoice.depositAppliedNamed ? invoice.depositAppliedCents : null,
    keepTax: deltas.size === 0 ? invoice.taxCents : undefined,
    paid: invoice.paidCents,
  });
  if (!decision.ok) return decision;
  if (decision.value.totalCents < invoice.paidCents)
    return refuse(userError(ErrorCode.INVALID_INPUT, `${formatMoney(invoice.paidCents, order.currency)} is already paid; the total cannot go below that.`, ['lines']));
  decision.value.events.push(activityEvent('invoice.updated', { invoice: invoice.number, totalCents: decision.value.totalCents, dueDate }, { currency: order.currency ?? 'USD' }));
  return decision;
}

function checkOrderWritableForEdit(order: SalesOrderFacts): UserError[] {
  return order.locked ? [userError(ErrorCode.LOCKED, 'The order is fully invoiced and locked; void the invoice to change it.')] : [];
}

export interface VoidDecision {
  reason: string;
  deltas: Map<string, number>;
  /** Each order line after (standard invoices); deposits touch no line. */
  lines: LineState[];
  /** Change of on hand per sales order line id: what the invoice released goes back. */
  stock: Map<string, number>;
  /** The order's status after (standard invoices; null: it keeps its status). */
  orderStatus: SalesOrderStatus | null;
  events: EventDraft[];
}

/**
 * Void: from any status but VOID (INVALID_TRANSITION); a credit memo never (INVALID_TRANSITION); a
 * standard invoice only with no payment and no credit memo, a deposit with nothing paid (LOCKED).
 */
export function checkVoidable(invoice: Pick<InvoiceFacts, 'status' | 'paidCents' | 'kind' | 'creditedCents'> & { lines: readonly { credited: number }[] }): UserError[] {
  if (invoice.kind === 'CREDIT_MEMO') return [userError(ErrorCode.INVALID_TRANSITION, 'A credit memo is never voided; it stands with its invoice.')];
  if (invoice.status === 'VOID') return [userError(ErrorCode.INVALID_TRANSITION, 'The invoice is already void.')];
  if (invoice.paidCents > 0) return [userError(ErrorCode.LOCKED, 'A payment is recorded on this invoice; it cannot be voided.')];
  // Units credited, not cents: a memo of 0-cent lines (a free setup) credits 0 cents and still took its units back.
  if (invoice.creditedCents !== 0 || invoice.lines.some((l) => l.credited > 0)) return [userError(ErrorCode.LOCKED, 'A credit memo was taken on this invoice; it cannot be voided.')];
  return [];
}

/**
 * Voiding a standard invoice releases its quantities and returns what it released to on hand; the
 * order unlocks and takes BACKORDERED if another live invoice exists, else READY_TO_BE_INVOICED if
 * something is ready, else what its purchase orders give. Its applied deposit is free again.
 */
export function decideVoidInvoice(invoice: InvoiceFacts, order: SalesOrderFacts, reason: string | null | undefined, otherLiveInvoices: number): Decision<VoidDecision> {
  const errors = firstFailing(
    () => (!reason?.trim() ? [userError(ErrorCode.INVALID_INPUT, 'Say why the invoice is voided.', ['reason'])] : []),
    () => ((reason ?? '').length > LIMITS.reasonMax ? [userError(ErrorCode.INVALID_INPUT, `A reason is at most ${LIMITS.reasonMax} characters.`, ['reason'])] : []),
    () => checkVoidable(invoice),
  );
  if (errors.length) return refuse(...errors);
  const why = (reason ?? '').trim();
  const events: EventDraft[] = [activityEvent('invoice.voided', { invoice: invoice.number, reason: why }, { currency: order.currency ?? 'USD' })];
  if (invoice.kind === 'DEPOSIT') return allow({ reason: why, deltas: new Map(), lines: [...order.lines], stock: new Map(), orderStatus: null, events });
  const deltas = new Map(invoice.lines.map((l) => [l.salesOrderLineId, -l.quantity]));
  const releasedBefore = new Map(invoice.lines.map((l) => [l.salesOrderLineId, l.released]));
  const stock = new Map<string, number>();
  const lines = order.lines.map((l) => {
    const moved = moveOntoInvoice(l, deltas.get(l.id) ?? 0, releasedBefore.get(l.id) ?? 0);
    if (moved.stock !== 0) stock.set(l.id, moved.stock);
    return moved.line;
  });
  const reopens = order.status !== 'CANCELLED';
  return allow({ reason: why, deltas, lines, stock, orderStatus: reopens ? afterVoided(otherLiveInvoices > 0, anythingReady(lines), order.purchaseOrders) : null, events });
}

const PAYABLE: ReadonlySet<InvoiceStatus> = new Set(['OPEN', 'SENT_TO_CLIENT', 'EXPORTED']);

/**
 * What an invoice may still receive: what it receives never exceeds its total (the invoice table's
 * check). Only a deposit refunded in part reaches this bound before its balance: a refund raises its
 * balance, and paying that again would take its payments above its total.
 */
function payableRoom(invoice: Pick<InvoiceFacts, 'totalCents' | 'paidCents'>): number {
  return invoice.totalCents - invoice.paidCents;
}

/** A payment goes on an OPEN, SENT_TO_CLIENT or EXPORTED invoice (INVALID_TRANSITION), never a credit memo, with a balance (INVALID_INPUT). */
export function checkPayable(invoice: Parameters<typeof balanceOf>[0] & { status: InvoiceStatus }): UserError[] {
  if (invoice.kind === 'CREDIT_MEMO') return [userError(ErrorCode.INVALID_TRANSITION, 'A credit memo takes no payments.')];
  if (!PAYABLE.has(invoice.status)) return [userError(ErrorCode.INVALID_TRANSITION, `This invoice ${INVOICE_STATUS_PHRASE[invoice.status]}; it takes no payments.`)];
  if (balanceOf(invoice) <= 0) return [userError(ErrorCode.INVALID_INPUT, 'Nothing is due on this invoice.', ['amountCents'])];
  if (payableRoom(invoice) <= 0) return [userError(ErrorCode.INVALID_INPUT, 'Its whole amount has been paid on it; what was refunded is not paid again on this invoice.', ['amountCents'])];
  return [];
}

/** A payment: > 0 and ≤ balance, on a payable invoice; balance 0 → PAID. */
export function decidePayment(
  invoice: Parameters<typeof balanceOf>[0] & { number: string; status: InvoiceStatus },
  amountCents: number,
  reference?: string | null,
  currency = 'USD',
): Decision<{ paidCents: number; status: InvoiceStatus; events: EventDraft[] }> {
  const balance = balanceOf(invoice);
  const errors = firstFailing(
    () => (reference != null && reference.length > LIMITS.referenceMax ? [userError(ErrorCode.INVALID_INPUT, `A reference is at most ${LIMITS.referenceMax} characters.`, ['reference'])] : []),
    () => (!Number.isSafeInteger(amountCents) || amountCents <= 0 ? [userError(ErrorCode.INVALID_INPUT, 'A payment is a positive amount.', ['amountCents'])] : []),
    () => (invoice.kind === 'CREDIT_MEMO' || !PAYABLE.has(invoice.status) ? checkPayable(invoice) : []),
    () => (amountCents > balance ? [userError(ErrorCode.INVALID_INPUT, `The balance due is ${formatMoney(Math.max(0, balance), currency)}; a payment cannot exceed it.`, ['amountCents'])] : []),
    () =>
      amountCents > payableRoom(invoice)
        ? [userError(ErrorCode.INVALID_INPUT, `At most ${formatMoney(Math.max(0, payableRoom(invoice)), currency)} more can be paid on this invoice: what it received never exceeds its total.`, ['amountCents'])]
        : [],
  );
  if (errors.length) return refuse(...errors);
  const paidCents = invoice.paidCents + amountCents;
  const after = balance - amountCents;
  const status: InvoiceStatus = after === 0 ? 'PAID' : invoice.status;
  return allow({
    paidCents,
    status,
    events: [
      activityEvent('invoice.payment_recorded', { invoice: invoice.number, amountCents, balanceCents: after, status: status !== invoice.status ? status : null }, { currency }),
    ],
  });
}

/** Leaving OPEN (sent or exported) with nothing due, a standard or deposit invoice is PAID at once. */
function leavingOpen(invoice: Parameters<typeof balanceOf>[0], next: InvoiceStatus): InvoiceStatus {
  return invoice.kind !== 'CREDIT_MEMO' && balanceOf(invoice) === 0 ? 'PAID' : next;
}

/**
 * The addresses a send names, as the send form checks them while they are typed: at least one, at
 * most LIMITS.sendToMax, each an e-mail address. (The API also takes none: the client's e-mail.)
 */
export function checkSendAddresses(to: readonly string[]): UserError[] {
  if (to.length === 0) return [userError(ErrorCode.INVALID_INPUT, 'Enter at least one address to send to.', ['to'])];
  if (to.length > LIMITS.sendToMax) return [userError(ErrorCode.INVALID_INPUT, `Send to at most ${LIMITS.sendToMax} addresses.`, ['to'])];
  return to.flatMap((address, i) => (checkEmail(address).length ? [userError(ErrorCode.INVALID_INPUT, `${address} is not an e-mail address.`, ['to', i])] : []));
}

/**
 * Sending (DOMAIN.md, "Invoices"): at most 20 valid addresses, or the client's e-mail; OPEN or
 * SENT_TO_CLIENT only; no address at all → INVALID_INPUT. Nothing due → PAID.
 */
export function decideSend(
  invoice: Parameters<typeof balanceOf>[0] & { number: string; status: InvoiceStatus },
  to: readonly string[] | null | undefined,
  client: { name: string; email: string | null },
): Decision<{ status: InvoiceStatus; recipients: string[]; events: EventDraft[] }> {
  const errors = firstFailing(
    () => (to?.length ? checkSendAddresses(to) : []),
    () => {
      const d = planSend(invoice.status);
      return d.ok ? [] : d.errors;
    },
  );
  if (errors.length) return refuse(...errors);
  const recipients = [...new Set((to?.length ? to : client.email ? [client.email] : []).map(normalizeEmail))];
  if (recipients.length === 0) return refuse(userError(ErrorCode.INVALID_INPUT, `${client.name} has no invoice e-mail; give the addresses to send to.`, ['to']));
  return allow({ status: leavingOpen(invoice, 'SENT_TO_CLIENT'), recipients, events: [activityEvent('invoice.sent', { invoice: invoice.number, to: recipients }, NO_AMOUNTS)] });
}

/** The export batch's own limits. */
export function checkExportBatch(ids: readonly string[]): UserError[] {
  if (ids.length === 0 || ids.length > LIMITS.exportBatchMax) return [userError(ErrorCode.INVALID_INPUT, `Export 1 to ${LIMITS.exportBatchMax} invoices at a time.`, ['ids'])];
  if (new Set(ids).size !== ids.length) return [userError(ErrorCode.INVALID_INPUT, 'Name each invoice once.', ['ids'])];
  return [];
}

/** Exporting hands OPEN or SENT_TO_CLIENT documents to accounting (nothing due → PAID); each other one is refused by its place in the list. */
export function decideExport(invoices: readonly (Parameters<typeof balanceOf>[0] & { number: string; status: InvoiceStatus })[]): Decision<{ statuses: InvoiceStatus[]; events: EventDraft[][] }> {
  const refused = invoices.flatMap((inv, i) => {
    const d = planExport(inv.status);
    return d.ok ? [] : d.errors.map((e) => ({ ...e, message: `${inv.number}: ${e.message}`, field: ['ids', String(i)] }));
  });
  if (refused.length) return refuse(...refused);
  return allow({
    statuses: invoices.map((inv) => leavingOpen(inv, 'EXPORTED')),
    events: invoices.map((inv) => [activityEvent('invoice.exported', { invoice: inv.number }, NO_AMOUNTS)]),
  });
}
