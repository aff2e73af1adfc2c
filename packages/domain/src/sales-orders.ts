import { allow, ErrorCode, refuse, userError, type Decision, type UserError } from './errors.js';
import { LIMITS, MAX_ORDER_CENTS, MAX_QUANTITY, MAX_TAX_BASIS_POINTS, MAX_UNIT_CENTS } from './limits.js';
import { totals } from './money.js';
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

/** What a sales order line stores; everything else about it is derived. */
export interface LineState {
  id: string;
  quantity: number;
  cancelled: number;
  /** On live invoices (OPEN ones included). */
  invoiced: number;
  /** Stock allocated and not yet invoiced (inventoried lines). */
  scheduled: number;
  /** Received on the drop-ship PO lines bought for it. */
  received: number;
  inventoried: boolean;
  unitPriceCents: number;
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

/** DOMAIN.md, "Quantities on a sales order line". */
export function lineQuantities(l: LineState): LineQuantities {
  const ordered = l.quantity - l.cancelled;
  const remaining = ordered - l.invoiced;
  // Drop-ship receipts, plus for stocked goods what invoices released (= invoiced).
  const shipped = l.received + (l.inventoried ? l.invoiced : 0);
  const readyToInvoice = l.inventoried ? l.scheduled : Math.min(remaining, Math.max(0, l.received - l.invoiced));
  return { ordered, invoiced: l.invoiced, remaining, scheduled: l.inventoried ? l.scheduled : 0, shipped, readyToInvoice, backordered: remaining - readyToInvoice };
}

export interface OrderFigures {
  /** Σ line totals, (quantity − cancelled) × unit price, before tax. */
  subtotalCents: number;
  /** round(subtotal × rate), half up. */
  taxCents: number;
  /** What an invoice of the ready quantities would total now, tax included. */
  readyToInvoiceCents: number;
  /** Value of the remaining quantities plus their tax: the balance still to invoice. */
  remainingCents: number;
  invoicedCents: number;
  totalCents: number;
  somethingRemains: boolean;
  anythingReady: boolean;
  partlyFulfilled: boolean;
  backordered: boolean;
}

/** DOMAIN.md, "Money": remainingCents is 0 exactly when nothing remains. */
export function orderFigures(lines: readonly LineState[], taxRateBasisPoints: number, liveInvoiceTotalsCents: number): OrderFigures {
  const q = lines.map((l) => ({ l, q: lineQuantities(l) }));
  const remaining = totals(
    q.map(({ l, q }) => ({ quantity: q.remaining, unitPriceCents: l.unitPriceCents })),
    taxRateBasisPoints,
  );
  const ordered = totals(
    q.map(({ l, q }) => ({ quantity: q.ordered, unitPriceCents: l.unitPriceCents })),
    taxRateBasisPoints,
  );
  const ready = totals(
    q.map(({ l, q }) => ({ quantity: q.readyToInvoice, unitPriceCents: l.unitPriceCents })),
    taxRateBasisPoints,
  );
  const partlyFulfilled = q.some(({ q }) => q.readyToInvoice > 0 || q.invoiced > 0);
  return {
    subtotalCents: ordered.subtotalCents,
    taxCents: ordered.taxCents,
    readyToInvoiceCents: ready.totalCents,
    remainingCents: remaining.totalCents,
    invoicedCents: liveInvoiceTotalsCents,
    totalCents: liveInvoiceTotalsCents + remaining.totalCents,
    somethingRemains: q.some(({ q }) => q.remaining > 0),
    anythingReady: q.some(({ q }) => q.readyToInvoice > 0),
    partlyFulfilled,
    backordered: partlyFulfilled && q.some(({ q }) => q.backordered > 0),
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
  return lines.some((l) => lineQuantities(l).remaining > 0);
}

/** Some line has something ready to invoice. */
export function anythingReady(lines: readonly LineState[]): boolean {
  return lines.some((l) => lineQuantities(l).readyToInvoice > 0);
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

/** Cancelling quantity against the line: 1 to remaining; the scheduled allocation is released first. */
export function planCancel(line: LineState, quantity: number, reason: string | null | undefined): Decision<{ cancelled: number; releaseScheduled: number }> {
  const input = checkCancelInput(quantity, reason);
  if (input.length) return refuse(...input);
  const { remaining } = lineQuantities(line);
  if (quantity > remaining) {
    return refuse(userError(ErrorCode.INVALID_INPUT, remaining > 0 ? `Cancel between 1 and ${remaining}.` : 'Nothing remains on this line to cancel.', ['quantity']));
  }
  return allow({ cancelled: line.cancelled + quantity, releaseScheduled: Math.min(line.scheduled, quantity) });
}

export interface NewLine {
  quantity: number;
  unitPriceCents: number;
  description: string;
}


/** Checks the lines of a new sales order. */
export function checkOrderLines(lines: readonly NewLine[], taxRateBasisPoints: number): UserError[] {
  const errors: UserError[] = [];
  if (lines.length === 0) errors.push(userError(ErrorCode.INVALID_INPUT, 'An order needs at least one line.', ['lines']));
  if (lines.length > LIMITS.orderLinesMax) errors.push(userError(ErrorCode.INVALID_INPUT, `An order has at most ${LIMITS.orderLinesMax} lines.`, ['lines']));
  if (!Number.isInteger(taxRateBasisPoints) || taxRateBasisPoints < 0 || taxRateBasisPoints > MAX_TAX_BASIS_POINTS)
    errors.push(userError(ErrorCode.INVALID_INPUT, 'The tax rate is 0 to 10000 basis points (0–100 %).', ['taxRateBasisPoints']));
  lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_QUANTITY)
      errors.push(userError(ErrorCode.INVALID_INPUT, 'A quantity is a whole number from 1 to 1,000,000,000.', ['lines', i, 'quantity']));
    if (!Number.isInteger(l.unitPriceCents) || l.unitPriceCents < 0 || l.unitPriceCents > MAX_UNIT_CENTS)
      errors.push(userError(ErrorCode.INVALID_INPUT, 'A unit price is 0 or more cents, at most 1,000,000,000.00.', ['lines', i, 'unitPriceCents']));
    if (!l.description.trim() || l.description.length > LIMITS.descriptionMax)
      errors.push(userError(ErrorCode.INVALID_INPUT, `A description is 1 to ${LIMITS.descriptionMax} characters.`, ['lines', i, 'description']));
  });
  const value = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
  if (errors.length === 0 && value > MAX_ORDER_CENTS)
    errors.push(userError(ErrorCode.INVALID_INPUT, 'The order is worth more than 10 trillion; check the quantities and prices.', ['lines']));
  return errors;
}
