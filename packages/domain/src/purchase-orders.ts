import { allow, ErrorCode, refuse, userError, type Decision, type UserError } from './errors.js';
import { MAX_QUANTITY } from './limits.js';
import { may, type Role } from './roles.js';
import { PURCHASE_ORDER_STAGE_LABEL, PURCHASE_ORDER_STAGE_PHRASE } from './words.js';

export const PurchaseOrderStage = {
  CREATED: 'CREATED',
  SUBMITTED: 'SUBMITTED',
  CONFIRMED: 'CONFIRMED',
  SHIPPED: 'SHIPPED',
  READY_FOR_BILLING: 'READY_FOR_BILLING',
  BILLED: 'BILLED',
  CLOSED: 'CLOSED',
  CANCELLED: 'CANCELLED',
} as const;
export type PurchaseOrderStage = (typeof PurchaseOrderStage)[keyof typeof PurchaseOrderStage];

export const PurchaseOrderStatus = { OK: 'OK', PROBLEM: 'PROBLEM', FOLLOW_UP: 'FOLLOW_UP' } as const;
export type PurchaseOrderStatus = (typeof PurchaseOrderStatus)[keyof typeof PurchaseOrderStatus];

/** The stages in their forward order (CANCELLED stands apart). */
export const STAGE_ORDER: readonly PurchaseOrderStage[] = [
  'CREATED',
  'SUBMITTED',
  'CONFIRMED',
  'SHIPPED',
  'READY_FOR_BILLING',
  'BILLED',
  'CLOSED',
];

const FINAL: ReadonlySet<PurchaseOrderStage> = new Set(['CLOSED', 'CANCELLED']);
const RECEIVABLE: ReadonlySet<PurchaseOrderStage> = new Set(['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING']);

export const stageIndex = (s: PurchaseOrderStage): number => STAGE_ORDER.indexOf(s);
export const isOpenPurchaseOrder = (s: PurchaseOrderStage): boolean => !FINAL.has(s);
export const isLivePurchaseOrder = (s: PurchaseOrderStage): boolean => s !== 'CANCELLED';
/** SHIPPED or any later stage of the forward order. */
export const hasShipped = (s: PurchaseOrderStage): boolean => s !== 'CANCELLED' && stageIndex(s) >= stageIndex('SHIPPED');
export const hasBeenSubmitted = (s: PurchaseOrderStage): boolean => s !== 'CANCELLED' && stageIndex(s) >= stageIndex('SUBMITTED');

export interface StageFacts {
  stage: PurchaseOrderStage;
  /** Anything received on any line. */
  anyReceived: boolean;
}

/** Stages the viewer may move the PO to now (backward ones need a reason), never the current one. */
export function nextStages(po: StageFacts, roles: readonly Role[]): PurchaseOrderStage[] {
  if (!may(roles, 'managePurchaseOrders') || FINAL.has(po.stage)) return [];
  const result: PurchaseOrderStage[] = STAGE_ORDER.filter((s) => s !== po.stage);
  if (canCancel(po)) result.push('CANCELLED');
  return result;
}

function canCancel(po: StageFacts): boolean {
  return !FINAL.has(po.stage) && stageIndex(po.stage) < stageIndex('SHIPPED') && !po.anyReceived;
}

export interface StageChange {
  from: PurchaseOrderStage;
  to: PurchaseOrderStage;
  backward: boolean;
  /** Stages entered on the way, `to` included (forward moves only): their rules apply. */
  passed: PurchaseOrderStage[];
  /** Forward by hand through SHIPPED or READY_FOR_BILLING: receive what is outstanding on drop-ship lines. */
  receiveDropShip: boolean;
}

/** Checks a stage change by hand (DOMAIN.md, "Purchase orders"). Roles are checked by the caller. */
export function planStageChange(po: StageFacts, to: PurchaseOrderStage, reason?: string | null): Decision<StageChange> {
  const from = po.stage;
  const backward = to !== 'CANCELLED' && stageIndex(to) < stageIndex(from);
  if (backward && !reason?.trim()) {
    return refuse(userError(ErrorCode.INVALID_INPUT, `Moving it back from ${PURCHASE_ORDER_STAGE_LABEL[from]} to ${PURCHASE_ORDER_STAGE_LABEL[to]} needs a reason.`, ['reason']));
  }
  if (FINAL.has(from)) return refuse(userError(ErrorCode.INVALID_TRANSITION, `This purchase order ${PURCHASE_ORDER_STAGE_PHRASE[from]}; its stage no longer changes.`, ['stage']));
  if (to === from) return refuse(userError(ErrorCode.INVALID_TRANSITION, `The purchase order is already at “${PURCHASE_ORDER_STAGE_LABEL[from]}”.`, ['stage']));
  if (to === 'CANCELLED' && !canCancel(po)) {
    return refuse(
      userError(ErrorCode.INVALID_TRANSITION, 'Only a purchase order that has not shipped and has nothing received can be cancelled.', ['stage']),
    );
  }
  const passed = backward || to === 'CANCELLED' ? [] : STAGE_ORDER.slice(stageIndex(from) + 1, stageIndex(to) + 1);
  return allow({
    from,
    to,
    backward,
    passed,
    receiveDropShip: passed.includes('SHIPPED') || passed.includes('READY_FOR_BILLING'),
  });
}

/** Setting the status it already has changes nothing; PROBLEM and FOLLOW_UP raise the hand-off. */
export function planPurchaseOrderStatusChange(current: PurchaseOrderStatus, next: PurchaseOrderStatus): { changed: boolean; notify: boolean } {
  if (current === next) return { changed: false, notify: false };
  return { changed: true, notify: next === 'PROBLEM' || next === 'FOLLOW_UP' };
}

export interface ReceivableLine {
  id: string;
  quantity: number;
  received: number;
}

export interface ReceiptRequest {
  purchaseOrderLineId: string;
  quantity: number;
}

export interface ReceiptPlan {
  /** Quantity received now per line id (duplicates in the request added together). */
  quantities: Map<string, number>;
  /** Every line is fully received afterwards. */
  complete: boolean;
  /** The stage to move to because everything arrived (SHIPPED when it was earlier), else null. */
  stageAfter: PurchaseOrderStage | null;
}


/** Checks a receipt against the PO's stage and outstanding quantities. */
export function planReceipt(stage: PurchaseOrderStage, lines: readonly ReceivableLine[], request: readonly ReceiptRequest[]): Decision<ReceiptPlan> {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const notFound = request.flatMap((r, i) =>
    byId.has(r.purchaseOrderLineId) ? [] : [userError(ErrorCode.NOT_FOUND, 'That line is not on this purchase order.', ['lines', i, 'purchaseOrderLineId'])],
  );
  if (notFound.length) return refuse(...notFound);
  const invalid: UserError[] = [];
  if (request.length === 0) invalid.push(userError(ErrorCode.INVALID_INPUT, 'Name at least one line to receive.', ['lines']));
  request.forEach((r, i) => {
    if (!Number.isInteger(r.quantity) || r.quantity < 1 || r.quantity > MAX_QUANTITY)
      invalid.push(userError(ErrorCode.INVALID_INPUT, 'A received quantity is a whole number of at least 1.', ['lines', i, 'quantity']));
  });
  if (invalid.length) return refuse(...invalid);
  if (!RECEIVABLE.has(stage)) {
    return refuse(userError(ErrorCode.INVALID_TRANSITION, `Goods are received from Submitted to Ready for billing; this purchase order ${PURCHASE_ORDER_STAGE_PHRASE[stage]}.`));
  }
  const quantities = new Map<string, number>();
  for (const r of request) quantities.set(r.purchaseOrderLineId, (quantities.get(r.purchaseOrderLineId) ?? 0) + r.quantity);
  const over: UserError[] = [];
  request.forEach((r, i) => {
    const line = byId.get(r.purchaseOrderLineId)!;
    const outstanding = line.quantity - line.received;
    if (quantities.get(line.id)! > outstanding)
      over.push(userError(ErrorCode.OVER_RECEIVE, `Only ${outstanding} outstanding on this line.`, ['lines', i, 'quantity']));
  });
  if (over.length) return refuse(...over);
  const complete = lines.every((l) => l.received + (quantities.get(l.id) ?? 0) >= l.quantity);
  const stageAfter = complete && stageIndex(stage) < stageIndex('SHIPPED') ? 'SHIPPED' : null;
  return allow({ quantities, complete, stageAfter });
}
