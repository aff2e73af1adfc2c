import { describe, expect, it } from 'vitest';
import type { Decision } from './errors.js';
import {
  checkFlagParts,
  checkNewPurchaseOrder,
  decideFlag,
  decideReceipt,
  decideStageChange,
  ORDER_RULES,
  orderStatusesAfter,
  purchaseOrderCan,
  summariseStages,
  type LinkedOrderFacts,
  type PurchaseOrderFacts,
} from './purchase-order-decisions.js';
import type { PurchaseOrderStage } from './purchase-orders.js';
import type { Role } from './roles.js';
import type { LineState } from './sales-orders.js';

const codes = (d: Decision<unknown>): string[] => (d.ok ? [] : d.errors.map((e) => e.code));

const soLine = (over: Partial<LineState> = {}): LineState => ({ id: 'sol', quantity: 500, cancelled: 0, invoiced: 0, scheduled: 0, received: 0, inventoried: false, unitPriceCents: 100, ...over });

function po(over: Partial<PurchaseOrderFacts> = {}): PurchaseOrderFacts {
  return {
    number: 'PO-1001',
    stage: 'CREATED',
    status: 'OK',
    version: 4,
    hasProject: true,
    lines: [{ id: 'pl', productId: 'p', quantity: 500, received: 0, salesOrderLineId: 'sol' }],
    ...over,
  };
}

const linked = (over: Partial<LinkedOrderFacts> = {}): LinkedOrderFacts => ({ status: 'OPEN', lines: [soLine()], otherStages: [], ...over });

describe('ORDER_RULES: what a PO entering a stage does to its sales order, as a table', () => {
  it('is the three rules of DOMAIN.md, in stage order', () => {
    expect(ORDER_RULES.map((r) => `${r.stage}→${r.to}`)).toEqual(['SUBMITTED→IN_PRODUCTION', 'SHIPPED→SHIPPED', 'READY_FOR_BILLING→READY_TO_BE_INVOICED']);
  });

  it('a jump applies the rule of every stage it passes, in order', () => {
    const facts = { purchaseOrders: { anySubmitted: true, allLiveShipped: true }, lines: [soLine({ received: 500 })] };
    expect(orderStatusesAfter('OPEN', ['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING'], facts)).toEqual(['IN_PRODUCTION', 'SHIPPED', 'READY_TO_BE_INVOICED']);
  });

  it('SHIPPED waits for every live PO; READY_FOR_BILLING needs something remaining', () => {
    expect(orderStatusesAfter('IN_PRODUCTION', ['SHIPPED'], { purchaseOrders: { anySubmitted: true, allLiveShipped: false }, lines: [soLine()] })).toEqual([]);
    expect(orderStatusesAfter('BACKORDERED', ['READY_FOR_BILLING'], { purchaseOrders: summariseStages(['READY_FOR_BILLING']), lines: [soLine({ invoiced: 500 })] })).toEqual([]);
  });

  it('summariseStages leaves cancelled POs out', () => {
    expect(summariseStages(['CANCELLED', 'SHIPPED'])).toEqual({ anySubmitted: true, allLiveShipped: true });
    expect(summariseStages(['CANCELLED'])).toEqual({ anySubmitted: false, allLiveShipped: false });
  });
});

describe('decideStageChange', () => {
  it.each([
    ['a stale version → CONFLICT before the reason', po({ stage: 'CLOSED' }), 'CREATED' as const, null, 3, 'CONFLICT'],
    ['backward without a reason → INVALID_INPUT', po({ stage: 'SHIPPED' }), 'SUBMITTED' as const, null, null, 'INVALID_INPUT'],
    ['a closed PO → INVALID_TRANSITION', po({ stage: 'CLOSED' }), 'BILLED' as const, 'x', null, 'INVALID_TRANSITION'],
    ['cancelling after something arrived → INVALID_TRANSITION', po({ stage: 'SUBMITTED', lines: [{ id: 'pl', productId: 'p', quantity: 5, received: 1, salesOrderLineId: null }] }), 'CANCELLED' as const, null, null, 'INVALID_TRANSITION'],
  ])('%s', (_label, facts, to, reason, expected, code) => {
    expect(codes(decideStageChange(facts, to, reason, expected, null))).toEqual([code]);
  });

  it('to READY_FOR_BILLING by hand receives the drop-ship balance and releases the order for invoicing', () => {
    const d = decideStageChange(po({ stage: 'SUBMITTED', lines: [{ id: 'pl', productId: 'p', quantity: 500, received: 300, salesOrderLineId: 'sol' }] }), 'READY_FOR_BILLING', null, 4, linked({ status: 'BACKORDERED', lines: [soLine({ received: 300, invoiced: 300 })] }));
    if (!d.ok) throw new Error(JSON.stringify(d.errors));
    expect([...d.value.receive]).toEqual([['pl', 200]]);
    expect(d.value.shipsNow).toBe(true);
    expect(d.value.orderStatuses).toEqual(['READY_TO_BE_INVOICED']);
    expect(d.value.events.map((e) => e.message)).toEqual(['PO-1001 moved from Submitted to Ready for billing', 'PO-1001: 200 units received']);
  });

  it('backward keeps what was received and leaves the order as it is', () => {
    const d = decideStageChange(po({ stage: 'SHIPPED' }), 'CONFIRMED', 'supplier recalled it', null, linked({ status: 'SHIPPED' }));
    expect(d.ok && { receive: d.value.receive.size, statuses: d.value.orderStatuses, message: d.value.events[0]?.message }).toEqual({
      receive: 0,
      statuses: [],
      message: 'PO-1001 moved from Shipped to Confirmed (supplier recalled it)',
    });
  });

  it('cancelling one PO lets the order count the others as all shipped', () => {
    const d = decideStageChange(po({ stage: 'SUBMITTED' }), 'CANCELLED', null, null, linked({ status: 'IN_PRODUCTION', otherStages: ['SHIPPED'] }));
    expect(d.ok && d.value.orderStatuses).toEqual(['SHIPPED']);
  });
});

describe('decideReceipt', () => {
  const stockPo = po({ stage: 'SUBMITTED', lines: [{ id: 'pl', productId: 'p', quantity: 10, received: 0, salesOrderLineId: null }] });
  it.each([
    ['a tracking number over 100 characters → INVALID_INPUT first', po({ stage: 'CLOSED' }), [{ purchaseOrderLineId: 'zz', quantity: 1 }], 't'.repeat(101), 'INVALID_INPUT'],
    ['an unknown line → NOT_FOUND', stockPo, [{ purchaseOrderLineId: 'zz', quantity: 1 }], null, 'NOT_FOUND'],
    ['nothing named → INVALID_INPUT', stockPo, [], null, 'INVALID_INPUT'],
    ['a created PO → INVALID_TRANSITION', po(), [{ purchaseOrderLineId: 'pl', quantity: 1 }], null, 'INVALID_TRANSITION'],
    ['more than outstanding → OVER_RECEIVE', stockPo, [{ purchaseOrderLineId: 'pl', quantity: 11 }], null, 'OVER_RECEIVE'],
  ] as const)('%s', (_label, facts, request, tracking, code) => {
    expect(codes(decideReceipt(facts, request, tracking, new Map(), null))).toEqual([code]);
  });

  it('on hand may not pass its limit', () => {
    expect(codes(decideReceipt(stockPo, [{ purchaseOrderLineId: 'pl', quantity: 5 }], null, new Map([['p', 999_999_999]]), null))).toEqual(['INVALID_INPUT']);
  });

  it('everything received moves an earlier PO to SHIPPED and its order with it', () => {
    const d = decideReceipt(po({ stage: 'CONFIRMED' }), [{ purchaseOrderLineId: 'pl', quantity: 500 }], null, new Map(), linked({ status: 'IN_PRODUCTION' }));
    expect(d.ok && { stage: d.value.stageAfter, statuses: d.value.orderStatuses, events: d.value.events.map((e) => e.message) }).toEqual({
      stage: 'SHIPPED',
      statuses: ['SHIPPED'],
      events: ['PO-1001: 500 units received', 'PO-1001 moved from Confirmed to Shipped (everything received)'],
    });
  });
});

describe('decideFlag', () => {
  it('the same status changes nothing; PROBLEM and FOLLOW_UP raise the hand-off; a stale version conflicts', () => {
    expect(decideFlag(po(), 'OK', null)).toMatchObject({ ok: true, value: { changed: false, notify: false, events: [] } });
    expect(decideFlag(po(), 'FOLLOW_UP', 4)).toMatchObject({ ok: true, value: { changed: true, notify: true, events: [{ message: 'PO-1001 flagged Follow up (was OK)' }] } });
    expect(decideFlag(po({ status: 'PROBLEM' }), 'OK', null)).toMatchObject({ ok: true, value: { changed: true, notify: false } });
    expect(codes(decideFlag(po(), 'PROBLEM', 3))).toEqual(['CONFLICT']);
  });

  it('a note needs the project; releasing to invoicing needs the sales order', () => {
    expect(checkFlagParts({ number: 'PO-1', hasProject: false, hasSalesOrder: false }, { note: true, readyToInvoice: false })[0]?.field).toEqual(['note']);
    expect(checkFlagParts({ number: 'PO-1', hasProject: true, hasSalesOrder: false }, { note: true, readyToInvoice: true })[0]?.field).toEqual(['readyToInvoice']);
    expect(checkFlagParts({ number: 'PO-1', hasProject: true, hasSalesOrder: true }, { note: true, readyToInvoice: true })).toEqual([]);
  });
});

describe('checkNewPurchaseOrder', () => {
  const dropShip = (over = {}) => ({ productId: 'p', quantity: 5, salesOrderLine: { inventoried: false, productId: 'p', salesOrderId: 'so1', projectId: 'prj1' }, ...over });
  const none = { salesOrderId: null, salesOrderProjectId: null, projectId: null };
  it.each([
    ['no lines', [], none, [['INVALID_INPUT', ['lines']]]],
    ['two sales orders', [dropShip(), dropShip({ salesOrderLine: { inventoried: false, productId: 'p', salesOrderId: 'so2', projectId: 'prj1' } })], none, [['INVALID_INPUT', ['lines']]]],
    ['a quantity of 0 and a negative cost', [{ productId: 'p', quantity: 0, unitCostCents: -1 }], none, [['INVALID_INPUT', ['lines', 0, 'quantity']], ['INVALID_INPUT', ['lines', 0, 'unitCostCents']]]],
    ['a stocked order line is not bought for the order', [dropShip({ salesOrderLine: { inventoried: true, productId: 'p', salesOrderId: 'so1', projectId: 'prj1' } })], none, [['INVALID_INPUT', ['lines', 0, 'salesOrderLineId']]]],
    ['another product than the order line’s', [dropShip({ productId: 'q' })], none, [['INVALID_INPUT', ['lines', 0, 'salesOrderLineId']]]],
    ['the sales order of another project', [dropShip()], { salesOrderId: null, salesOrderProjectId: null, projectId: 'prj2' }, [['INVALID_INPUT', ['salesOrderId']]]],
    ['a fine drop-ship PO', [dropShip()], { salesOrderId: 'so1', salesOrderProjectId: 'prj1', projectId: 'prj1' }, []],
  ] as const)('%s', (_label, lines, named, expected) => {
    expect(checkNewPurchaseOrder(lines, named).map((e) => [e.code, e.field])).toEqual(expected.map(([c, f]) => [c, f.map(String)]));
  });
});

describe('purchaseOrderCan', () => {
  const ROLES: Role[] = ['ADMIN', 'ORDER_REP', 'PRODUCTION_REP', 'INVOICING_REP', 'ACCOUNTANT', 'PURCHASING'];
  const stages: PurchaseOrderStage[] = ['CREATED', 'SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED', 'CANCELLED'];
  it.each(stages)('a PO at %s', (stage) => {
    const received = stage === 'SHIPPED' || stage === 'READY_FOR_BILLING' || stage === 'BILLED' || stage === 'CLOSED' ? 500 : 0;
    const facts = po({ stage, lines: [{ id: 'pl', productId: 'p', quantity: 500, received, salesOrderLineId: 'sol' }] });
    const final = stage === 'CLOSED' || stage === 'CANCELLED';
    for (const role of ROLES) {
      const can = purchaseOrderCan(facts, [role]);
      const buyer = role === 'ADMIN' || role === 'PRODUCTION_REP' || role === 'PURCHASING';
      const code = (p: { allowed: boolean; code: string | null }) => (p.allowed ? 'ok' : p.code);
      if (!buyer) {
        expect(Object.values(can).map(code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
        continue;
      }
      expect(code(can.setStage), `setStage ${role}`).toBe(final ? 'INVALID_TRANSITION' : 'ok');
      expect(code(can.setStatus)).toBe('ok');
      const receivable = ['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING'].includes(stage);
      expect(code(can.receive), `receive ${role}`).toBe(!receivable ? 'INVALID_TRANSITION' : received === 500 ? 'INVALID_INPUT' : 'ok');
      expect(code(can.cancel), `cancel ${role}`).toBe(['CREATED', 'SUBMITTED', 'CONFIRMED'].includes(stage) ? 'ok' : 'INVALID_TRANSITION');
      for (const p of Object.values(can)) if (!p.allowed) expect(p.reason).not.toMatch(/\b[A-Z]{2,}(_[A-Z]+)+\b|\b(CREATED|SUBMITTED|SHIPPED|CLOSED|CANCELLED)\b/);
    }
  });
});
