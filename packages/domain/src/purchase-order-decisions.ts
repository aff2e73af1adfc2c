import { activityEvent, NO_AMOUNTS } from './messages.js';
import { allow, checkVersion, ErrorCode, firstFailing, refuse, userError, type Decision, type UserError } from './errors.js';
import { LIMITS, MAX_ON_HAND, MAX_QUANTITY, MAX_UNIT_CENTS, grouped } from './limits.js';
import { can, type Permission } from './permissions.js';
import {
  hasBeenSubmitted,
  hasShipped,
  isLivePurchaseOrder,
  nextStages,
  planPurchaseOrderStatusChange,
  planReceipt,
  planStageChange,
  STAGE_ORDER,
  stageIndex,
  type PurchaseOrderStage,
  type PurchaseOrderStatus,
  type ReceiptRequest,
} from './purchase-orders.js';
import type { Role } from './roles.js';
import type { EventDraft } from './sales-order-decisions.js';
import { isOpenSalesOrder, somethingRemains, type LineState, type PurchaseOrderSummary, type SalesOrderStatus } from './sales-orders.js';
import { PURCHASE_ORDER_STAGE_PHRASE } from './words.js';

// ── what a purchase order's stages do to its sales order: a table, read top to bottom ──

/**
 * The automatic sales order rules (DOMAIN.md, "Sales orders"): a PO of the order entering `stage`
 * moves the order from one of `from` to `to`, when the condition holds. A jump of several stages
 * applies the rule of every stage it passes.
 */
export const ORDER_RULES: readonly { stage: PurchaseOrderStage; from: readonly SalesOrderStatus[] | 'any open'; to: SalesOrderStatus; when?: 'every live PO shipped' | 'something remains' }[] = [
  { stage: 'SUBMITTED', from: ['OPEN', 'CLIENT_APPROVED'], to: 'IN_PRODUCTION' },
  { stage: 'SHIPPED', from: ['OPEN', 'CLIENT_APPROVED', 'IN_PRODUCTION'], to: 'SHIPPED', when: 'every live PO shipped' },
  { stage: 'READY_FOR_BILLING', from: 'any open', to: 'READY_TO_BE_INVOICED', when: 'something remains' },
];

export interface OrderRuleFacts {
  /** The order's purchase orders with this change applied. */
  purchaseOrders: PurchaseOrderSummary;
  lines: readonly LineState[];
}

/** The statuses the order passes through as a PO enters `passed` stages (each a change from the one before). */
export function orderStatusesAfter(status: SalesOrderStatus, passed: readonly PurchaseOrderStage[], facts: OrderRuleFacts): SalesOrderStatus[] {
  const entered: SalesOrderStatus[] = [];
  let current = status;
  for (const stage of passed) {
    for (const rule of ORDER_RULES) {
      if (rule.stage !== stage || rule.to === current) continue;
      const from = rule.from === 'any open' ? isOpenSalesOrder(current) : rule.from.includes(current);
      const holds =
        rule.when === undefined ||
        (rule.when === 'every live PO shipped' && facts.purchaseOrders.allLiveShipped) ||
        (rule.when === 'something remains' && somethingRemains(facts.lines));
      if (from && holds) {
        current = rule.to;
        entered.push(current);
      }
    }
  }
  return entered;
}

/** The summary of an order's purchase orders from their stages (cancelled ones do not count). */
export function summariseStages(stages: readonly PurchaseOrderStage[]): PurchaseOrderSummary {
  const live = stages.filter(isLivePurchaseOrder);
  return { anySubmitted: live.some(hasBeenSubmitted), allLiveShipped: live.length > 0 && live.every(hasShipped) };
}

// ── facts ──

export interface PurchaseOrderLineFacts {
  id: string;
  productId: string;
  quantity: number;
  received: number;
  /** Bought for this sales order line (drop-ship), or null (stock). */
  salesOrderLineId: string | null;
}

export interface PurchaseOrderFacts {
  number: string;
  stage: PurchaseOrderStage;
  status: PurchaseOrderStatus;
  version: number;
  hasProject: boolean;
  lines: readonly PurchaseOrderLineFacts[];
}

/** Its sales order, as the rules need it (read under that order's lock). */
export interface LinkedOrderFacts {
  status: SalesOrderStatus;
  lines: readonly LineState[];
  /** The stages of the order's other purchase orders. */
  otherStages: readonly PurchaseOrderStage[];
}


// ── decisions ──

export interface StageDecision {
  to: PurchaseOrderStage;
  backward: boolean;
  /** Stages entered on the way (forward moves): their rules apply. */
  passed: PurchaseOrderStage[];
  /** Drop-ship quantities received by moving through SHIPPED or READY_FOR_BILLING by hand. */
  receive: Map<string, number>;
  /** The ship date becomes today when the PO passes SHIPPED without one. */
  shipsNow: boolean;
  /** Statuses its sales order enters, in order. */
  orderStatuses: SalesOrderStatus[];
  events: EventDraft[];
}

/**
 * A stage set by hand (DOMAIN.md, "Purchase orders"): the version, the reason (backward needs one),
 * the transition. Forward through SHIPPED or READY_FOR_BILLING receives what is outstanding on
 * drop-ship lines; the sales order follows ORDER_RULES (a cancelled PO counts as gone: the others may
 * now all have shipped). Backward keeps what was received and leaves the order as it is.
 */
export function decideStageChange(
  po: PurchaseOrderFacts,
  to: PurchaseOrderStage,
  reason: string | null | undefined,
  expectedVersion: number | null | undefined,
  order: LinkedOrderFacts | null,
): Decision<StageDecision> {
  const errors = firstFailing(
    () => checkVersion(po.version, expectedVersion, 'purchase order'),
    () => (reason != null && reason.length > LIMITS.reasonMax ? [userError(ErrorCode.INVALID_INPUT, `A reason is at most ${LIMITS.reasonMax} characters.`, ['reason'])] : []),
  );
  if (errors.length) return refuse(...errors);
  const plan = planStageChange({ stage: po.stage, anyReceived: po.lines.some((l) => l.received > 0) }, to, reason);
  if (!plan.ok) return plan;
  const { backward, passed, receiveDropShip } = plan.value;
  const events: EventDraft[] = [activityEvent('purchase_order.stage_changed', { purchaseOrder: po.number, from: po.stage, to, reason: reason?.trim() || null }, NO_AMOUNTS)];
  const receive = new Map(backward || !receiveDropShip ? [] : po.lines.filter((l) => l.salesOrderLineId && l.quantity > l.received).map((l) => [l.id, l.quantity - l.received]));
  const units = [...receive.values()].reduce((a, b) => a + b, 0);
  if (units > 0) events.push(activityEvent('purchase_order.received', { purchaseOrder: po.number, units }, NO_AMOUNTS));
  const orderStatuses =
    order && !backward
      ? orderStatusesAfter(order.status, to === 'CANCELLED' ? ['SHIPPED'] : passed, {
          purchaseOrders: summariseStages([...order.otherStages, to]),
          lines: receivedOnOrder(order.lines, po.lines, receive),
        })
      : [];
  return allow({ to, backward, passed, receive, shipsNow: passed.includes('SHIPPED'), orderStatuses, events });
}

/** The order's lines after drop-ship quantities were received for them. */
function receivedOnOrder(lines: readonly LineState[], poLines: readonly PurchaseOrderLineFacts[], quantities: ReadonlyMap<string, number>): LineState[] {
  const bySoLine = new Map<string, number>();
  for (const l of poLines) {
    const q = quantities.get(l.id);
    if (q && l.salesOrderLineId) bySoLine.set(l.salesOrderLineId, (bySoLine.get(l.salesOrderLineId) ?? 0) + q);
  }
  return lines.map((l) => (bySoLine.has(l.id) ? { ...l, received: l.received + (bySoLine.get(l.id) ?? 0) } : l));
}

export interface ReceiptDecision {
  quantities: Map<string, number>;
  /** SHIPPED when everything arrived and the PO was earlier; else null. */
  stageAfter: PurchaseOrderStage | null;
  orderStatuses: SalesOrderStatus[];
  events: EventDraft[];
}

/**
 * Receiving (DOMAIN.md, "Purchase orders"): the tracking number's length, the lines, the stage
 * (SUBMITTED to READY_FOR_BILLING), each quantity ≤ outstanding (OVER_RECEIVE), on hand within its
 * limit (`onHand` per product of the stock lines). Everything received moves an earlier PO to SHIPPED.
 */
export function decideReceipt(
  po: PurchaseOrderFacts,
  request: readonly ReceiptRequest[],
  trackingNumber: string | null | undefined,
  onHand: ReadonlyMap<string, number>,
  order: LinkedOrderFacts | null,
): Decision<ReceiptDecision> {
  if (trackingNumber != null && trackingNumber.length > LIMITS.trackingNumberMax)
    return refuse(userError(ErrorCode.INVALID_INPUT, `A tracking number is at most ${LIMITS.trackingNumberMax} characters.`, ['trackingNumber']));
  const plan = planReceipt(po.stage, po.lines, request);
  if (!plan.ok) return plan;
  const { quantities, stageAfter } = plan.value;
  const incoming = new Map<string, number>();
  for (const l of po.lines) {
    const q = quantities.get(l.id);
    if (q && !l.salesOrderLineId) incoming.set(l.productId, (incoming.get(l.productId) ?? 0) + q);
  }
  for (const [productId, q] of incoming) {
    if ((onHand.get(productId) ?? 0) + q > MAX_ON_HAND) return refuse(userError(ErrorCode.INVALID_INPUT, `On hand would exceed ${grouped(MAX_ON_HAND)}.`, ['lines']));
  }
  const units = [...quantities.values()].reduce((a, b) => a + b, 0);
  const events: EventDraft[] = [activityEvent('purchase_order.received', { purchaseOrder: po.number, units }, NO_AMOUNTS)];
  if (stageAfter) events.push(activityEvent('purchase_order.stage_changed', { purchaseOrder: po.number, from: po.stage, to: stageAfter, reason: null, received: true }, NO_AMOUNTS));
  const orderStatuses =
    order && stageAfter
      ? orderStatusesAfter(order.status, STAGE_ORDER.slice(stageIndex(po.stage) + 1, stageIndex(stageAfter) + 1), {
          purchaseOrders: summariseStages([...order.otherStages, stageAfter]),
          lines: receivedOnOrder(order.lines, po.lines, quantities),
        })
      : [];
  return allow({ quantities, stageAfter, orderStatuses, events });
}

/** Setting the attention flag: the version; the same status changes nothing; PROBLEM and FOLLOW_UP raise the hand-off. */
export function decideFlag(po: PurchaseOrderFacts, status: PurchaseOrderStatus, expectedVersion: number | null | undefined): Decision<{ changed: boolean; notify: boolean; events: EventDraft[] }> {
  const conflict = checkVersion(po.version, expectedVersion, 'purchase order');
  if (conflict.length) return refuse(...conflict);
  const change = planPurchaseOrderStatusChange(po.status, status);
  return allow({
    ...change,
    events: change.changed ? [activityEvent('purchase_order.status_changed', { purchaseOrder: po.number, from: po.status, to: status }, NO_AMOUNTS)] : [],
  });
}

// ── creating purchase orders ──

export interface NewPurchaseOrderLine {
  productId: string;
  quantity: number;
  unitCostCents?: number | null;
  /** The sales order line it buys for (drop-ship), as found. */
  salesOrderLine?: { inventoried: boolean; productId: string | null; salesOrderId: string; projectId: string } | null;
}

/**
 * A new purchase order's lines (referenced records already found): 1 to 500 lines, for one sales
 * order at most; whole quantities; costs ≥ 0; a sales order line is bought only on a drop-ship line
 * of its own product; a named sales order belongs to the named project.
 */
export function checkNewPurchaseOrder(lines: readonly NewPurchaseOrderLine[], named: { salesOrderId: string | null; salesOrderProjectId: string | null; projectId: string | null }): UserError[] {
  const errors: UserError[] = [];
  if (lines.length === 0 || lines.length > LIMITS.purchaseOrderLinesMax)
    errors.push(userError(ErrorCode.INVALID_INPUT, `A purchase order has 1 to ${LIMITS.purchaseOrderLinesMax} lines.`, ['lines']));
  const orders = new Set(lines.flatMap((l) => (l.salesOrderLine ? [l.salesOrderLine.salesOrderId] : [])));
  if (named.salesOrderId) orders.add(named.salesOrderId);
  if (orders.size > 1) errors.push(userError(ErrorCode.INVALID_INPUT, 'A purchase order buys for one sales order at most.', ['lines']));
  lines.forEach((l, i) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_QUANTITY)
      errors.push(userError(ErrorCode.INVALID_INPUT, 'A quantity is a whole number from 1 to 1,000,000,000.', ['lines', i, 'quantity']));
    if (l.unitCostCents != null && (!Number.isInteger(l.unitCostCents) || l.unitCostCents < 0 || l.unitCostCents > MAX_UNIT_CENTS))
      errors.push(userError(ErrorCode.INVALID_INPUT, 'A unit cost is 0 or more.', ['lines', i, 'unitCostCents']));
    if (l.salesOrderLine && (l.salesOrderLine.inventoried || l.salesOrderLine.productId !== l.productId))
      errors.push(userError(ErrorCode.INVALID_INPUT, 'Only a drop-ship line is bought for a sales order line, with that line’s product.', ['lines', i, 'salesOrderLineId']));
  });
  if (errors.length) return errors;
  const projectOfOrder = named.salesOrderProjectId ?? lines.find((l) => l.salesOrderLine)?.salesOrderLine?.projectId ?? null;
  if (named.projectId && projectOfOrder && projectOfOrder !== named.projectId)
    return [userError(ErrorCode.INVALID_INPUT, 'That sales order belongs to another project.', ['salesOrderId'])];
  return [];
}

/** Buying for a sales order: every product still to buy needs a preferred supplier. */
export function checkSuppliersChosen(needs: readonly { sku: string; supplierId: string | null }[]): UserError[] {
  return needs.filter((n) => !n.supplierId).map((n) => userError(ErrorCode.INVALID_INPUT, `${n.sku} has no preferred supplier; set one first.`, ['salesOrderId']));
}

/** Flagging with a note needs the PO's project; releasing to invoicing needs its sales order. */
export function checkFlagParts(po: { number: string; hasProject: boolean; hasSalesOrder: boolean }, parts: { note: boolean; readyToInvoice: boolean }): UserError[] {
  if (parts.note && !po.hasProject) return [userError(ErrorCode.INVALID_INPUT, `${po.number} belongs to no project, so a note has nowhere to go.`, ['note'])];
  if (parts.readyToInvoice && !po.hasSalesOrder)
    return [userError(ErrorCode.INVALID_INPUT, `${po.number} is a stock purchase order: there is no sales order to invoice.`, ['readyToInvoice'])];
  return [];
}

// ── what the viewer may do ──

const RECEIVABLE: ReadonlySet<PurchaseOrderStage> = new Set(['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING']);

/** Goods are received from Submitted to Ready for billing. */
export function receivingClosed(stage: PurchaseOrderStage): UserError {
  return userError(ErrorCode.INVALID_TRANSITION, `Goods are received from Submitted to Ready for billing; this purchase order ${PURCHASE_ORDER_STAGE_PHRASE[stage]}.`);
}

/** PurchaseOrder.can (the contract's PurchaseOrderCan). */
export function purchaseOrderCan(po: PurchaseOrderFacts, roles: readonly Role[]): Record<'setStage' | 'setStatus' | 'receive' | 'cancel', Permission> {
  const anyReceived = po.lines.some((l) => l.received > 0);
  const transition = (to: PurchaseOrderStage) => () => {
    const d = planStageChange({ stage: po.stage, anyReceived }, to, 'a reason');
    return d.ok ? [] : d.errors;
  };
  return {
    setStage: can(roles, 'managePurchaseOrders', 'move purchase orders through their stages', () =>
      nextStages({ stage: po.stage, anyReceived }, ['ADMIN']).length ? [] : [userError(ErrorCode.INVALID_TRANSITION, `This purchase order ${PURCHASE_ORDER_STAGE_PHRASE[po.stage]}; its stage no longer changes.`)],
    ),
    setStatus: can(roles, 'managePurchaseOrders', 'flag purchase orders'),
    receive: can(
      roles,
      'managePurchaseOrders',
      'receive goods',
      () => (RECEIVABLE.has(po.stage) ? [] : [receivingClosed(po.stage)]),
      () => (po.lines.some((l) => l.quantity > l.received) ? [] : [userError(ErrorCode.INVALID_INPUT, 'Everything on this purchase order has been received.', ['lines'])]),
    ),
    cancel: can(roles, 'managePurchaseOrders', 'cancel purchase orders', transition('CANCELLED')),
  };
}
