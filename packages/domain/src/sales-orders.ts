import { allow, ErrorCode, refuse, userError, type Decision, type UserError } from './errors.js';
import { LIMITS, MAX_ORDER_CENTS, MAX_QUANTITY, MAX_TAX_BASIS_POINTS, MAX_UNIT_CENTS } from './limits.js';
import { roundTax, runningTax } from './money.js';
import { Role } from './roles.js';
import { lower, SALES_ORDER_STATUS_LABEL } from './words.js';

export const SalesOrderStatus = {
  OPEN: 'OPEN',
  CLIENT_APPROVED: 'CLIENT_APPROVED',
  IN_PRODUCTION: 'IN_PRODUCTION',
  SHIPPED: 'SHIPPED',
  SCHEDULED: 'SCHEDULED',
  READY_TO_BE_INVOICED: 'READY_TO_BE_INVOICED',
  BACKORDERED: 'BACKORDERED',
  INVOICED: 'INVOICED',
  CANCELLED: 'CANCELLED',
} as const;
export type SalesOrderStatus = (typeof SalesOrderStatus)[keyof typeof SalesOrderStatus];

export const isOpenSalesOrder = (s: SalesOrderStatus): boolean => s !== 'INVOICED' && s !== 'CANCELLED';

/** What a sales order line is: goods (a product) or a charge (DOMAIN.md, "Words"). */
export const LineKind = { GOODS: 'GOODS', FREIGHT: 'FREIGHT', SETUP: 'SETUP', SERVICE: 'SERVICE' } as const;
export type LineKind = (typeof LineKind)[keyof typeof LineKind];

/** Which invoice a charge line goes on by default. */
export const ChargeTiming = { FIRST_INVOICE: 'FIRST_INVOICE', LAST_INVOICE: 'LAST_INVOICE' } as const;
export type ChargeTiming = (typeof ChargeTiming)[keyof typeof ChargeTiming];

export const isCharge = (kind: LineKind | undefined): boolean => kind !== undefined && kind !== 'GOODS';

/** What a sales order line stores; everything else about it is derived. */
export interface LineState {
  id: string;
  quantity: number;
  cancelled: number;
  /** On live standard invoices (OPEN ones included), less the units credit memos took back. */
  invoiced: number;
  /** Stock allocated and not yet invoiced (inventoried goods). */
  scheduled: number;
  /** Received on the drop-ship PO lines bought for it. */
  received: number;
  inventoried: boolean;
  unitPriceCents: number;
  /** Goods (default) or a charge. */
  kind?: LineKind;
  /** Taxed (default true). */
  taxable?: boolean;
  /** Charges: which invoice they go on by default. */
  invoiceWith?: ChargeTiming | null;
  /** Inventoried goods: units invoices released from stock, less what voids and credit memos returned (default: invoiced). */
  released?: number;
  /** Units credit memos took back without re-invoicing and without restocking: the client keeps them, never billed. */
  writtenOff?: number;
  /** What people read: the line's description (for reasons and events). */
  description?: string;
  productId?: string | null;
  position?: number;
}

export interface LineQuantities {
  ordered: number;
  invoiced: number;
  remaining: number;
  scheduled: number;
  shipped: number;
  readyToInvoice: number;
  backordered: number;
}

/**
 * DOMAIN.md, "Quantities on a sales order line", for a goods line. A charge line's readiness
 * depends on the order's goods: use orderLineQuantities.
 */
function goodsQuantities(l: LineState): LineQuantities {
  const ordered = l.quantity - l.cancelled;
  const remaining = ordered - l.invoiced;
  const released = l.inventoried ? (l.released ?? l.invoiced) : 0;
  const shipped = l.received + released;
  const scheduled = l.inventoried ? l.scheduled : 0;
  // Scheduled stock, plus units the client holds and is not billed for (credited for re-invoicing).
  const readyToInvoice = Math.min(remaining, scheduled + Math.max(0, shipped - (l.writtenOff ?? 0) - l.invoiced));
  return { ordered, invoiced: l.invoiced, remaining, scheduled, shipped, readyToInvoice, backordered: remaining - readyToInvoice };
}

/** A charge line: never bought, scheduled or shipped, never backordered; ready by its invoiceWith. */
function chargeQuantities(l: LineState, goodsBackordered: boolean): LineQuantities {
  const ordered = l.quantity - l.cancelled;
  const remaining = ordered - l.invoiced;
  const timing = l.invoiceWith ?? defaultChargeTiming(l.kind ?? 'FREIGHT');
  const readyToInvoice = timing === 'FIRST_INVOICE' || !goodsBackordered ? remaining : 0;
  return { ordered, invoiced: l.invoiced, remaining, scheduled: 0, shipped: 0, readyToInvoice, backordered: 0 };
}

/** Setup and services go on the first invoice, freight on the one that completes the goods. */
export function defaultChargeTiming(kind: LineKind): ChargeTiming {
  return kind === 'FREIGHT' ? 'LAST_INVOICE' : 'FIRST_INVOICE';
}

/** The quantities of one goods line (a charge line needs its order: orderLineQuantities). */
export function lineQuantities(l: LineState): LineQuantities {
  return isCharge(l.kind) ? chargeQuantities(l, true) : goodsQuantities(l);
}

/** Every line's quantities, in the order given: goods first decide whether charges to invoice last are ready. */
export function orderLineQuantities(lines: readonly LineState[]): LineQuantities[] {
  const goods = new Map(lines.filter((l) => !isCharge(l.kind)).map((l) => [l.id, goodsQuantities(l)]));
  const goodsBackordered = [...goods.values()].some((q) => q.backordered > 0);
  return lines.map((l) => goods.get(l.id) ?? chargeQuantities(l, goodsBackordered));
}

/** What still follows on an order: each line with units remaining, backordered ones first (a document prints it as of itself). */
export interface StillToFollowItem {
  salesOrderLineId: string;
  description: string;
  remaining: number;
  backordered: number;
}

export function stillToFollowOf(lines: readonly LineState[]): StillToFollowItem[] {
  const q = orderLineQuantities(lines);
  return lines
    .map((l, i) => ({ l, q: q[i] }))
    .flatMap(({ l, q }) => (q && q.remaining > 0 ? [{ salesOrderLineId: l.id, description: l.description ?? '', remaining: q.remaining, backordered: q.backordered }] : []))
    .sort((a, b) => b.backordered - a.backordered);
}

const isTaxable = (l: LineState): boolean => l.taxable ?? true;

/**
 * The order's live documents as the money rules read them (DOMAIN.md, "Money"): its live standard
 * invoices and their credit memos (negative), each summed.
 */
export interface OrderDocuments {
  /** Σ totals: the order's invoicedCents. */
  invoicedCents: number;
  /** Σ taxable subtotals (net of credit memos). */
  taxableCents: number;
  /** Σ tax (net of credit memos). */
  taxCents: number;
}

export const NO_DOCUMENTS: OrderDocuments = Object.freeze({ invoicedCents: 0, taxableCents: 0, taxCents: 0 });

export interface OrderFigures {
  /** Σ line totals, (quantity − cancelled) × unit price, before tax. */
  subtotalCents: number;
  /** round(taxable part of the subtotal × rate), half up. */
  taxCents: number;
  /** What an invoice of the ready quantities would total now, tax included (running-total tax). */
  readyToInvoiceCents: number;
  /** What the lines come to less what is invoiced, while something remains; exactly 0 when nothing does. */
  remainingCents: number;
  invoicedCents: number;
  totalCents: number;
  somethingRemains: boolean;
  /** Some goods line has something ready (the status rules' "something is ready"). */
  anythingReady: boolean;
  partlyFulfilled: boolean;
  backordered: boolean;
}

/** Subtotal and taxable part of quantities × the lines' prices. */
export function amountsOf(lines: readonly LineState[], quantities: readonly number[]): { subtotalCents: number; taxableCents: number } {
  let subtotal = 0n;
  let taxable = 0n;
  lines.forEach((l, i) => {
    const v = BigInt(quantities[i] ?? 0) * BigInt(l.unitPriceCents);
    subtotal += v;
    if (isTaxable(l)) taxable += v;
  });
  return { subtotalCents: Number(subtotal), taxableCents: Number(taxable) };
}

/** DOMAIN.md, "Money". `documents`: the order's live standard invoices and their credit memos. */
export function orderFigures(lines: readonly LineState[], taxRateBasisPoints: number, documents: OrderDocuments = NO_DOCUMENTS): OrderFigures {
  const q = orderLineQuantities(lines);
  const ordered = amountsOf(lines, q.map((x) => x.ordered));
  const taxCents = roundTax(ordered.taxableCents, taxRateBasisPoints);
  const somethingRemains = q.some((x) => x.remaining > 0);
  const remainingCents = somethingRemains ? Math.max(0, ordered.subtotalCents + taxCents - documents.invoicedCents) : 0;
  const ready = amountsOf(lines, q.map((x) => x.readyToInvoice));
  const readyTax = runningTax(taxRateBasisPoints, documents, ready.taxableCents);
  const goods = lines.map((l, i) => ({ l, q: q[i] })).filter(({ l }) => !isCharge(l.kind)).map(({ q }) => q as LineQuantities);
  const partlyFulfilled = goods.some((x) => x.readyToInvoice > 0 || x.invoiced > 0);
  return {
    subtotalCents: ordered.subtotalCents,
    taxCents,
    readyToInvoiceCents: ready.subtotalCents + readyTax,
    remainingCents,
    invoicedCents: documents.invoicedCents,
    totalCents: documents.invoicedCents + remainingCents,
    somethingRemains,
    anythingReady: goods.some((x) => x.readyToInvoice > 0),
    partlyFulfilled,
    backordered: partlyFulfilled && goods.some((x) => x.backordered > 0),
  };
}

export interface StatusFacts {
  status: SalesOrderStatus;
  anythingInvoiced: boolean;
  anyPurchaseOrderSubmitted: boolean;
  somethingRemains: boolean;
}

/** Some line still has quantity to invoice. */
export function somethingRemains(lines: readonly LineState[]): boolean {
  return lines.some((l) => l.quantity - l.cancelled - l.invoiced > 0);
}

/** Some goods line has something ready to invoice (the status rules' "something is ready"). */
export function anythingReady(lines: readonly LineState[]): boolean {
  return orderFigures(lines, 0).anythingReady;
}

/** The facts the status rules read, from the order's lines and whether a PO of it was submitted. */
export function statusFactsOf(status: SalesOrderStatus, lines: readonly LineState[], anyPurchaseOrderSubmitted: boolean): StatusFacts {
  return {
    status,
    anythingInvoiced: lines.some((l) => l.invoiced > 0),
    anyPurchaseOrderSubmitted,
    somethingRemains: somethingRemains(lines),
  };
}

/** What a drop-ship line still needs bought: ordered (quantity − cancelled) not yet on a live PO line. */
export function stillToBuy(line: { quantity: number; cancelled: number }, onLivePurchaseOrders: number): number {
  return Math.max(0, line.quantity - line.cancelled - onLivePurchaseOrders);
}

/** What each role may set by hand, and when (DOMAIN.md, "Sales orders", "By hand"). */
function allowedByRole(role: Role, f: StatusFacts): SalesOrderStatus[] {
  switch (role) {
    case Role.ORDER_REP: {
      const early = !f.anythingInvoiced && !f.anyPurchaseOrderSubmitted ? (['OPEN', 'CLIENT_APPROVED'] as const) : [];
      return [...early, ...(!f.anythingInvoiced ? (['CANCELLED'] as const) : [])];
    }
    case Role.PRODUCTION_REP:
      return f.somethingRemains ? ['READY_TO_BE_INVOICED'] : [];
    case Role.PURCHASING:
      return f.somethingRemains ? ['SCHEDULED'] : [];
    case Role.ADMIN:
      return (['ORDER_REP', 'PRODUCTION_REP', 'PURCHASING'] as const).flatMap((r) => allowedByRole(r, f));
    default:
      return [];
  }
}

const ORDER: readonly SalesOrderStatus[] = Object.values(SalesOrderStatus);

/** Exactly what the viewer may set now, never the current status; nothing on a closed order. */
export function nextStatuses(f: StatusFacts, roles: readonly Role[]): SalesOrderStatus[] {
  if (!isOpenSalesOrder(f.status)) return [];
  const allowed = new Set(roles.flatMap((r) => allowedByRole(r, f)));
  allowed.delete(f.status);
  return ORDER.filter((s) => allowed.has(s));
}

/** A status set by hand; FORBIDDEN (no role that sets statuses at all) is the caller's check. */
export function planSalesOrderStatusChange(f: StatusFacts, to: SalesOrderStatus, roles: readonly Role[]): Decision<SalesOrderStatus> {
  if (to === 'BACKORDERED' || to === 'INVOICED') {
    return refuse(userError(ErrorCode.INVALID_TRANSITION, `“${SALES_ORDER_STATUS_LABEL[to]}” is set by invoicing, never by hand.`, ['status']));
  }
  if (!nextStatuses(f, roles).includes(to)) {
    return refuse(
      userError(
        ErrorCode.INVALID_TRANSITION,
        `You cannot set this ${lower(SALES_ORDER_STATUS_LABEL[f.status])} order to “${SALES_ORDER_STATUS_LABEL[to]}” now.`,
        ['status'],
      ),
    );
  }
  return allow(to);
}

// ── automatic rules: each returns the new status, or null when the rule does not apply ──

/** An invoice was created or edited. */
export function afterInvoiced(somethingRemains: boolean): { status: SalesOrderStatus; locked: boolean } {
  return somethingRemains ? { status: 'BACKORDERED', locked: false } : { status: 'INVOICED', locked: true };
}

/** Quantity was cancelled: nothing left on an order with a live invoice closes it. */
export function afterCancelled(status: SalesOrderStatus, somethingRemains: boolean, hasLiveInvoice: boolean): { status: SalesOrderStatus; locked: boolean } | null {
  return !somethingRemains && hasLiveInvoice && status !== 'INVOICED' ? { status: 'INVOICED', locked: true } : null;
}

export interface PurchaseOrderSummary {
  anySubmitted: boolean;
  /** At least one live PO, and every live PO is SHIPPED or later. */
  allLiveShipped: boolean;
}

/** An invoice was voided: the order reopens at the status its state gives. */
export function afterVoided(otherLiveInvoice: boolean, anythingReady: boolean, pos: PurchaseOrderSummary): SalesOrderStatus {
  if (otherLiveInvoice) return 'BACKORDERED';
  if (anythingReady) return 'READY_TO_BE_INVOICED';
  if (pos.allLiveShipped) return 'SHIPPED';
  if (pos.anySubmitted) return 'IN_PRODUCTION';
  return 'OPEN';
}

// ── scheduling and cancelling ──

export interface ScheduleLine {
  id: string;
  productId: string;
  inventoried: boolean;
  remaining: number;
  scheduled: number;
}

/**
 * Allocates, line by line, min(remaining − scheduled, free stock). `free` (product id → on hand −
 * Σ scheduled) is updated in place, so several orders can be served in the order given.
 */
export function planSchedule(lines: readonly ScheduleLine[], free: Map<string, number>): Map<string, number> {
  const allocations = new Map<string, number>();
  for (const l of lines) {
    if (!l.inventoried) continue;
    const want = l.remaining - l.scheduled;
    const available = free.get(l.productId) ?? 0;
    const take = Math.max(0, Math.min(want, available));
    if (take > 0) {
      allocations.set(l.id, take);
      free.set(l.productId, available - take);
    }
  }
  return allocations;
}

/** Cancelling quantity, the input alone: a reason, and a whole number of at least 1. */
export function checkCancelInput(quantity: number, reason: string | null | undefined): UserError[] {
  if (!reason?.trim()) return [userError(ErrorCode.INVALID_INPUT, 'Say why the quantity is cancelled.', ['reason'])];
  if (reason.length > LIMITS.reasonMax) return [userError(ErrorCode.INVALID_INPUT, `A reason is at most ${LIMITS.reasonMax} characters.`, ['reason'])];
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) return [userError(ErrorCode.INVALID_INPUT, 'Cancel a whole number of at least 1.', ['quantity'])];
  return [];
}

/**
 * The quantity alone against what remains on the line: 1 to remaining. The cancel form checks it as
 * the rep types (with checkCancelInput), the decision again on save.
 */
export function checkCancelQuantity(quantity: number, remaining: number): UserError[] {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) return [userError(ErrorCode.INVALID_INPUT, 'Cancel a whole number of at least 1.', ['quantity'])];
  if (quantity > remaining) return [userError(ErrorCode.INVALID_INPUT, remaining > 0 ? `Cancel between 1 and ${remaining}.` : 'Nothing remains on this line to cancel.', ['quantity'])];
  return [];
}

/** Cancelling quantity against the line: 1 to remaining; the scheduled allocation is released first. */
export function planCancel(line: LineState, quantity: number, reason: string | null | undefined): Decision<{ cancelled: number; releaseScheduled: number }> {
  const input = checkCancelInput(quantity, reason);
  if (input.length) return refuse(...input);
  const bound = checkCancelQuantity(quantity, lineQuantities(line).remaining);
  if (bound.length) return refuse(...bound);
  return allow({ cancelled: line.cancelled + quantity, releaseScheduled: Math.min(line.scheduled, quantity) });
}

export interface NewLine {
  quantity: number;
  unitPriceCents: number;
  description: string;
}


/**
 * Checks the lines of a new sales order; `chargesValue` is what its charge lines add (each charge is
 * checked by checkChargeLine), for the order's ceiling.
 */
export function checkOrderLines(lines: readonly NewLine[], taxRateBasisPoints: number, chargesValue = 0): UserError[] {
  const errors: UserError[] = [];
  if (lines.length === 0) errors.push(userError(ErrorCode.INVALID_INPUT, 'An order needs at least one line.', ['lines']));
  if (lines.length > LIMITS.orderLinesMax) errors.push(userError(ErrorCode.INVALID_INPUT, `An order has at most ${LIMITS.orderLinesMax} lines.`, ['lines']));
  if (!Number.isInteger(taxRateBasisPoints) || taxRateBasisPoints < 0 || taxRateBasisPoints > MAX_TAX_BASIS_POINTS)
    errors.push(userError(ErrorCode.INVALID_INPUT, 'The tax rate is 0 to 100 %.', ['taxRateBasisPoints']));
  lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_QUANTITY)
      errors.push(userError(ErrorCode.INVALID_INPUT, 'A quantity is a whole number from 1 to 1,000,000,000.', ['lines', i, 'quantity']));
    if (!Number.isInteger(l.unitPriceCents) || l.unitPriceCents < 0 || l.unitPriceCents > MAX_UNIT_CENTS)
      errors.push(userError(ErrorCode.INVALID_INPUT, 'A unit price is 0 or more, at most 1,000,000,000.00.', ['lines', i, 'unitPriceCents']));
    if (!l.description.trim() || l.description.length > LIMITS.descriptionMax)
      errors.push(userError(ErrorCode.INVALID_INPUT, `A description is 1 to ${LIMITS.descriptionMax} characters.`, ['lines', i, 'description']));
  });
  const value = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, chargesValue);
  if (errors.length === 0 && value > MAX_ORDER_CENTS)
    errors.push(userError(ErrorCode.INVALID_INPUT, 'The order is worth more than 10 trillion; check the quantities and prices.', ['lines']));
  return errors;
}
