import { activityEvent, NO_AMOUNTS, type StoredParams } from './messages.js';
import { keptUnits } from './invoice-facts.js';
import { allow, checkVersion, ErrorCode, firstFailing, refuse, userError, type Decision, type UserError } from './errors.js';
import { LIMITS } from './limits.js';
import { checkDepositOrderOpen, checkDepositRoom, checkNoDepositHeld } from './deposits.js';
import { can, type Permission } from './permissions.js';
import type { Role } from './roles.js';
import {
  afterCancelled,
  checkCancelInput,
  isOpenSalesOrder,
  isCharge,
  lineQuantities,
  orderFigures,
  orderLineQuantities,
  planCancel,
  planSalesOrderStatusChange,
  planSchedule,
  somethingRemains,
  statusFactsOf,
  stillToBuy,
  defaultChargeTiming,
  type ChargeTiming,
  type LineKind,
  type LineState,
  type OrderDocuments,
  type OrderFigures,
  type PurchaseOrderSummary,
  type SalesOrderStatus,
} from './sales-orders.js';
import { listing, lower, SALES_ORDER_STATUS_LABEL, unitsOf } from './words.js';

/**
 * What the sales order rules read about one order, loaded under its lock by the API (or from the
 * request's loaders for `can`). Everything a decision needs; nothing it has to fetch.
 */
export interface SalesOrderFacts {
  number: string;
  /** Rises with every edit; a caller's stale `expectedVersion` is a CONFLICT. */
  version: number;
  status: SalesOrderStatus;
  locked: boolean;
  taxRateBasisPoints: number;
  lines: readonly LineState[];
  /** Its live standard invoices and their credit memos, summed (OPEN ones included). */
  documents: OrderDocuments;
  /** How many live standard invoices it has. */
  liveInvoices: number;
  /** Its deposits: Σ totals of the live ones, paid on them less refunded, and applied to its live standard invoices. */
  deposits: DepositFacts;
  purchaseOrders: PurchaseOrderSummary;
  /** The organization's currency, for amounts in messages (default USD). */
  currency?: string;
}

export interface DepositFacts {
  liveTotalCents: number;
  paidCents: number;
  appliedCents: number;
  /** Live deposit invoices with nothing paid (cancelling the order voids them). */
  unpaidIds: readonly string[];
}

export const NO_DEPOSITS: DepositFacts = Object.freeze({ liveTotalCents: 0, paidCents: 0, appliedCents: 0, unpaidIds: [] });

export const figuresOf = (order: Pick<SalesOrderFacts, 'lines' | 'taxRateBasisPoints' | 'documents'>): OrderFigures => orderFigures(order.lines, order.taxRateBasisPoints, order.documents);

// ── the hand-offs a status raises ──

/** Which hand-off an order raises when it enters a status (DOMAIN.md, "Sales orders"; "Notes, mentions, notifications"). */
export const STATUS_HAND_OFFS: Partial<Record<SalesOrderStatus, 'READY_TO_INVOICE' | 'SALES_ORDER_SHIPPED'>> = {
  READY_TO_BE_INVOICED: 'READY_TO_INVOICE',
  SHIPPED: 'SALES_ORDER_SHIPPED',
};

/** An activity event a decision asks to record (the API adds project, record and actor). */
export interface EventDraft {
  kind: string;
  message: string;
  /** What the message is worded from at display time (messages.ts); absent only on events of old. */
  params?: StoredParams;
}

export function statusChangedEvent(number: string, from: SalesOrderStatus, to: SalesOrderStatus, why = ''): EventDraft {
  return activityEvent('sales_order.status_changed', { salesOrder: number, from, to, reason: why || null }, NO_AMOUNTS);
}

// ── state checks shared by the mutations and `can` ──

/** Invoicing and cancelling need an order that is not cancelled (INVALID_TRANSITION) and not locked (LOCKED). */
export function checkOrderWritable(order: Pick<SalesOrderFacts, 'number' | 'status' | 'locked'>): UserError[] {
  if (order.status === 'CANCELLED') return [userError(ErrorCode.INVALID_TRANSITION, `${order.number} is cancelled.`)];
  if (order.locked) return [userError(ErrorCode.LOCKED, `${order.number} is fully invoiced and locked; void an invoice to change it.`)];
  return [];
}

/** Cancelling needs an open order (INVALID_TRANSITION), not locked (LOCKED). */
export function checkCancellable(order: Pick<SalesOrderFacts, 'number' | 'status' | 'locked'>): UserError[] {
  if (!isOpenSalesOrder(order.status) && !order.locked) return [userError(ErrorCode.INVALID_TRANSITION, `${order.number} is ${lower(SALES_ORDER_STATUS_LABEL[order.status])}.`)];
  return checkOrderWritable(order);
}

const describe = (l: LineState): string => l.description ?? 'a line';

/** "Nothing is ready to invoice yet: waiting for 200 × Classic tee." — INVALID_INPUT when no line has anything ready. */
export function checkSomethingReady(lines: readonly LineState[]): UserError[] {
  const q = orderLineQuantities(lines);
  if (q.some((x) => x.readyToInvoice > 0)) return [];
  const waiting = lines.flatMap((l, i) => {
    const b = q[i]?.backordered ?? 0;
    return b > 0 ? [unitsOf(b, describe(l))] : [];
  });
  return [
    userError(
      ErrorCode.INVALID_INPUT,
      waiting.length ? `Nothing is ready to invoice yet: waiting for ${listing(waiting.slice(0, 3))}${waiting.length > 3 ? ' and more' : ''}.` : 'Nothing is left to invoice on this order.',
      ['lines'],
    ),
  ];
}

export function checkSomethingRemains(lines: readonly LineState[]): UserError[] {
  return somethingRemains(lines) ? [] : [userError(ErrorCode.INVALID_INPUT, 'Nothing remains on this order to cancel.', ['lineId'])];
}

/** Scheduling: some inventoried line still wants stock, and some of its product is free (INSUFFICIENT_STOCK). */
export function checkSchedulable(order: Pick<SalesOrderFacts, 'number' | 'status' | 'lines'>, free: (productId: string) => number): UserError[] {
  if (!isOpenSalesOrder(order.status)) return [userError(ErrorCode.INVALID_TRANSITION, `${order.number} is ${lower(SALES_ORDER_STATUS_LABEL[order.status])}; only open orders are scheduled.`)];
  const stocked = order.lines.filter((l) => !isCharge(l.kind) && l.inventoried && l.productId);
  if (stocked.length === 0) return [userError(ErrorCode.INSUFFICIENT_STOCK, 'This order has no stocked lines to schedule.')];
  const wanting = stocked.filter((l) => lineQuantities(l).remaining - l.scheduled > 0);
  if (wanting.length === 0) return [userError(ErrorCode.INSUFFICIENT_STOCK, 'Every stocked line is already scheduled or has nothing left.')];
  if (!wanting.some((l) => free(l.productId ?? '') > 0)) return [userError(ErrorCode.INSUFFICIENT_STOCK, 'No stock is free for this order’s remaining lines.')];
  return [];
}

/** Buying: something is left to buy on its drop-ship lines (INVALID_INPUT). `onPurchaseOrders` per line id. */
export function checkSomethingToBuy(order: Pick<SalesOrderFacts, 'number' | 'status' | 'lines'>, onPurchaseOrders: (lineId: string) => number): UserError[] {
  if (order.status === 'CANCELLED') return [userError(ErrorCode.INVALID_TRANSITION, `${order.number} is cancelled; nothing is bought for it.`, ['salesOrderId'])];
  const dropShip = order.lines.filter((l) => !l.inventoried && l.productId);
  if (dropShip.length === 0) return [userError(ErrorCode.INVALID_INPUT, `${order.number} has no drop-ship lines to buy; stocked goods are scheduled from stock.`, ['salesOrderId'])];
  const left = dropShip.some((l) => stillToBuy(l, onPurchaseOrders(l.id)) > 0);
  return left ? [] : [userError(ErrorCode.INVALID_INPUT, `Every drop-ship line of ${order.number} is already on a purchase order.`, ['salesOrderId'])];
}

// ── decisions ──

export interface StatusDecision {
  to: SalesOrderStatus;
  /** SCHEDULED: stock allocated per line id. (The status change itself is recorded with its hand-off where it is applied.) */
  allocations: Map<string, number>;
  /** CANCELLED: lines whose scheduled stock goes back. */
  releaseScheduled: string[];
  /** CANCELLED: its unpaid deposit invoices, voided. */
  voidDeposits: string[];
  events: EventDraft[];
}

/**
 * A status set by hand (DOMAIN.md, "Sales orders", "By hand"): the reason's length, the transition
 * the viewer's roles allow now, the lock; SCHEDULED schedules (INSUFFICIENT_STOCK when nothing could be).
 * `free` is each product's free stock (on hand − Σ scheduled), needed for SCHEDULED only.
 */
export function decideSalesOrderStatus(
  order: SalesOrderFacts,
  to: SalesOrderStatus,
  roles: readonly Role[],
  reason: string | null | undefined,
  free: Map<string, number> = new Map(),
  expectedVersion?: number | null,
): Decision<StatusDecision> {
  const conflict = checkVersion(order.version, expectedVersion, 'sales order');
  if (conflict.length) return refuse(...conflict);
  if (reason != null && reason.length > LIMITS.reasonMax) return refuse(userError(ErrorCode.INVALID_INPUT, `A reason is at most ${LIMITS.reasonMax} characters.`, ['reason']));
  const transition = planSalesOrderStatusChange(statusFactsOf(order.status, order.lines, order.purchaseOrders.anySubmitted), to, roles);
  if (!transition.ok) return transition;
  if (order.locked) return refuse(userError(ErrorCode.LOCKED, `${order.number} is fully invoiced and locked.`));
  if (to === 'SCHEDULED') {
    const allocations = allocate(order, free);
    if (allocations.size === 0) return refuse(userError(ErrorCode.INSUFFICIENT_STOCK, 'No stock is free for this order’s remaining lines.', ['status']));
    return allow({ to, allocations, releaseScheduled: [], voidDeposits: [], events: [scheduledEvent(order.number, allocations)] });
  }
  if (to === 'CANCELLED') {
    const held = checkNoDepositHeld(order, order.currency);
    if (held.length) return refuse(...held);
  }
  const releaseScheduled = to === 'CANCELLED' ? order.lines.filter((l) => l.scheduled > 0).map((l) => l.id) : [];
  return allow({ to, allocations: new Map(), releaseScheduled, voidDeposits: to === 'CANCELLED' ? [...order.deposits.unpaidIds] : [], events: [] });
}

function scheduledEvent(number: string, allocations: Map<string, number>): EventDraft {
  const units = [...allocations.values()].reduce((a, b) => a + b, 0);
  return activityEvent('sales_order.scheduled', { salesOrder: number, units }, NO_AMOUNTS);
}

/**
 * Units credited for re-invoicing that the client kept need no stock: invoicing takes them first and
 * moves none, so scheduling covers only the rest of what remains (else the allocation outlives the
 * units it was for, scheduled above remaining).
 */
function allocate(order: SalesOrderFacts, free: Map<string, number>): Map<string, number> {
  return planSchedule(
    order.lines
      .filter((l) => l.productId)
      .map((l) => ({ id: l.id, productId: l.productId ?? '', inventoried: l.inventoried, remaining: lineQuantities(l).remaining - keptUnits(l), scheduled: l.scheduled })),
    free,
  );
}

export interface ScheduleDecision {
  /** Per order (in the order given): stock allocated per line id; empty when it got nothing. */
  allocations: Map<string, number>[];
  /** Per order: SCHEDULED when it got something, else its status unchanged. */
  statuses: SalesOrderStatus[];
  events: EventDraft[][];
}

/** The batch's own limits, checked before anything is read. */
export function checkScheduleBatch(ids: readonly string[]): UserError[] {
  if (ids.length === 0 || ids.length > LIMITS.scheduleBatchMax)
    return [userError(ErrorCode.INVALID_INPUT, `Schedule 1 to ${LIMITS.scheduleBatchMax} orders at a time.`, ['ids'])];
  if (new Set(ids).size !== ids.length) return [userError(ErrorCode.INVALID_INPUT, 'Name each order once.', ['ids'])];
  return [];
}

/**
 * Scheduling several orders, served in the order given through one shared free-stock map (DOMAIN.md,
 * "Sales orders"): closed orders are refused; an order that gets nothing keeps its status; a single
 * order that gets nothing is INSUFFICIENT_STOCK. `field(i)` names the input of order i.
 */
export function decideSchedule(orders: readonly SalesOrderFacts[], free: Map<string, number>, single: boolean, field: (i: number) => string[]): Decision<ScheduleDecision> {
  const closed = orders.flatMap((o, i) =>
    isOpenSalesOrder(o.status) ? [] : [userError(ErrorCode.INVALID_TRANSITION, `${o.number} is ${lower(SALES_ORDER_STATUS_LABEL[o.status])}; only open orders are scheduled.`, field(i))],
  );
  if (closed.length) return refuse(...closed);
  const allocations = orders.map((o) => allocate(o, free));
  if (single && allocations.every((a) => a.size === 0)) return refuse(userError(ErrorCode.INSUFFICIENT_STOCK, 'No stock is free for this order’s remaining lines.', field(0)));
  return allow({
    allocations,
    statuses: orders.map((o, i) => ((allocations[i]?.size ?? 0) > 0 ? 'SCHEDULED' : o.status)),
    events: orders.map((o, i) => {
      const a = allocations[i] ?? new Map<string, number>();
      return a.size > 0 ? [scheduledEvent(o.number, a)] : [];
    }),
  });
}

export interface CancelDecision {
  lineId: string;
  cancelled: number;
  releaseScheduled: number;
  /** When nothing remains on an order with a live invoice: INVOICED and locked. */
  after: { status: SalesOrderStatus; locked: boolean } | null;
  events: EventDraft[];
}

/**
 * Cancelling quantity of one line (DOMAIN.md, "Sales orders"): a reason and a whole number first,
 * then an open, unlocked order, then 1 to remaining; scheduled stock is released first.
 */
export function decideCancelQuantity(order: SalesOrderFacts, lineId: string, quantity: number, reason: string | null | undefined): Decision<CancelDecision> {
  const line = order.lines.find((l) => l.id === lineId);
  if (!line) return refuse(userError(ErrorCode.NOT_FOUND, 'No such sales order line.', ['lineId']));
  const errors = firstFailing(
    () => checkCancelInput(quantity, reason),
    () => checkCancellable(order),
  );
  if (errors.length) return refuse(...errors);
  const plan = planCancel(line, quantity, reason);
  if (!plan.ok) return plan;
  const after = order.lines.map((l) => (l.id === lineId ? { ...l, cancelled: plan.value.cancelled, scheduled: l.scheduled - plan.value.releaseScheduled } : l));
  const closes = afterCancelled(order.status, somethingRemains(after), order.liveInvoices > 0);
  return allow({
    lineId,
    ...plan.value,
    after: closes,
    events: [
      activityEvent('sales_order.quantity_cancelled', { salesOrder: order.number, line: line.position ?? null, quantity, reason: (reason ?? '').trim() }, NO_AMOUNTS),
    ],
  });
}

// ── charge lines ──

export interface ChargeLineInput {
  kind: LineKind;
  description: string;
  quantity?: number | null;
  unitPriceCents: number;
  taxable?: boolean | null;
  invoiceWith?: ChargeTiming | null;
}

/** A charge line's values: freight, setup or a service (GOODS → INVALID_INPUT), a description, a quantity ≥ 1, a price ≥ 0. */
export function checkChargeLine(c: ChargeLineInput, at: readonly (string | number)[] = []): UserError[] {
  const field = (...f: (string | number)[]) => [...at, ...f].map(String);
  const errors: UserError[] = [];
  if (!isCharge(c.kind)) errors.push(userError(ErrorCode.INVALID_INPUT, 'A charge is freight, setup or a service; goods are order lines of a product.', field('kind')));
  if (!c.description.trim() || c.description.length > LIMITS.descriptionMax)
    errors.push(userError(ErrorCode.INVALID_INPUT, `A description is 1 to ${LIMITS.descriptionMax} characters.`, field('description')));
  const quantity = c.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > LIMITS.quantityMax)
    errors.push(userError(ErrorCode.INVALID_INPUT, 'A quantity is a whole number from 1 to 1,000,000,000.', field('quantity')));
  if (!Number.isInteger(c.unitPriceCents) || c.unitPriceCents < 0 || c.unitPriceCents > LIMITS.unitCentsMax)
    errors.push(userError(ErrorCode.INVALID_INPUT, 'A price is 0 or more, at most 1,000,000,000.00.', field('unitPriceCents')));
  return errors;
}

/** The line a charge input makes, its defaults filled in (setup and services with the first invoice, freight with the last). */
export function chargeLineOf(c: ChargeLineInput): { kind: LineKind; description: string; quantity: number; unitPriceCents: number; taxable: boolean; invoiceWith: ChargeTiming } {
  return { kind: c.kind, description: c.description.trim(), quantity: c.quantity ?? 1, unitPriceCents: c.unitPriceCents, taxable: c.taxable ?? true, invoiceWith: c.invoiceWith ?? defaultChargeTiming(c.kind) };
}

/** Charges are added to an open (INVALID_TRANSITION), unlocked (LOCKED) order. */
export function checkChargesOpen(order: Pick<SalesOrderFacts, 'number' | 'status' | 'locked'>): UserError[] {
  const closed = [userError(ErrorCode.INVALID_TRANSITION, `${order.number} is ${lower(SALES_ORDER_STATUS_LABEL[order.status])}; charges are added to open orders.`)];
  if (order.status === 'CANCELLED') return closed;
  if (order.locked) return [userError(ErrorCode.LOCKED, `${order.number} is fully invoiced and locked; void an invoice to change it.`)];
  return isOpenSalesOrder(order.status) ? [] : closed;
}

/** addChargeLine (DOMAIN.md, "Words"): the input, then an open, unlocked order. */
export function decideAddChargeLine(order: SalesOrderFacts, input: ChargeLineInput): Decision<{ line: ReturnType<typeof chargeLineOf>; events: EventDraft[] }> {
  const errors = firstFailing(
    () => checkChargeLine(input, ['input']),
    () => checkChargesOpen(order),
  );
  if (errors.length) return refuse(...errors);
  const line = chargeLineOf(input);
  return allow({ line, events: [activityEvent('sales_order.charge_added', { salesOrder: order.number, description: line.description, quantity: line.quantity, unitPriceCents: line.unitPriceCents }, { currency: order.currency ?? 'USD' })] });
}

// ── what the viewer may do ──

export interface SalesOrderPermissionFacts {
  /** Free stock of a product (on hand − Σ scheduled on every line). */
  free: (productId: string) => number;
  /** Units of a drop-ship line already on live purchase order lines. */
  onPurchaseOrders: (lineId: string) => number;
}

/** SalesOrder.can (the contract's SalesOrderCan, less what later issues add). */
export function salesOrderCan(
  order: Pick<SalesOrderFacts, 'number' | 'status' | 'locked' | 'lines' | 'taxRateBasisPoints' | 'documents' | 'deposits'>,
  roles: readonly Role[],
  facts: SalesOrderPermissionFacts,
): Record<'createInvoice' | 'requestDeposit' | 'addChargeLine' | 'cancelQuantity' | 'schedule' | 'createPurchaseOrders', Permission> {
  return {
    requestDeposit: can(roles, 'deposits', 'request deposits', () => checkDepositOrderOpen(order), () => checkDepositRoom(order)),
    addChargeLine: can(roles, 'chargeLines', 'add charges to orders', () => checkChargesOpen(order)),
    createInvoice: can(roles, 'manageInvoices', 'create invoices', () => checkOrderWritable(order), () => checkSomethingReady(order.lines)),
    cancelQuantity: can(roles, 'cancelQuantity', 'cancel quantities', () => checkCancellable(order), () => checkSomethingRemains(order.lines)),
    schedule: can(roles, 'schedule', 'schedule orders from stock', () => checkSchedulable(order, facts.free)),
    createPurchaseOrders: can(roles, 'managePurchaseOrders', 'create purchase orders', () => checkSomethingToBuy(order, facts.onPurchaseOrders)),
  };
}
