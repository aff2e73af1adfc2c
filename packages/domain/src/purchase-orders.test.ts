import { describe, expect, it } from 'vitest';
import type { Decision } from './errors.js';
import {
  hasBeenSubmitted,
  hasShipped,
  isLivePurchaseOrder,
  isOpenPurchaseOrder,
  nextStages,
  planPurchaseOrderStatusChange,
  planReceipt,
  planStageChange,
  type PurchaseOrderStage,
  type ReceivableLine,
} from './purchase-orders.js';
import type { Role } from './roles.js';

const codes = (d: Decision<unknown>): string[] => (d.ok ? [] : d.errors.map((e) => e.code));
const sorted = <T>(xs: readonly T[]): T[] => [...xs].sort();

// DOMAIN.md, "Purchase orders": CREATED → SUBMITTED → CONFIRMED → SHIPPED → READY_FOR_BILLING → BILLED → CLOSED.
const FORWARD: PurchaseOrderStage[] = ['CREATED', 'SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED'];
const ALL_STAGES: PurchaseOrderStage[] = [...FORWARD, 'CANCELLED'];
const BEFORE_SHIPPED: PurchaseOrderStage[] = ['CREATED', 'SUBMITTED', 'CONFIRMED'];

describe('nextStages', () => {
  // Who uses it: "purchase orders: create, stage, status, receive | PRODUCTION_REP, PURCHASING" (ADMIN may do all).
  const movers: Role[][] = [['PRODUCTION_REP'], ['PURCHASING'], ['ADMIN'], ['ORDER_REP', 'PURCHASING'], ['ACCOUNTANT', 'PRODUCTION_REP']];
  const others: Role[][] = [['ORDER_REP'], ['INVOICING_REP'], ['ACCOUNTANT'], ['ORDER_REP', 'INVOICING_REP', 'ACCOUNTANT'], []];

  // Every non-final stage may move to every other stage of the forward order (backward ones with a reason),
  // plus CANCELLED only before SHIPPED with nothing received.
  const table: [PurchaseOrderStage, boolean, PurchaseOrderStage[]][] = [
    ['CREATED', false, ['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED', 'CANCELLED']],
    ['CREATED', true, ['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED']],
    ['SUBMITTED', false, ['CREATED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED', 'CANCELLED']],
    ['SUBMITTED', true, ['CREATED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED']],
    ['CONFIRMED', false, ['CREATED', 'SUBMITTED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED', 'CANCELLED']],
    ['CONFIRMED', true, ['CREATED', 'SUBMITTED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED']],
    ['SHIPPED', false, ['CREATED', 'SUBMITTED', 'CONFIRMED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED']],
    ['SHIPPED', true, ['CREATED', 'SUBMITTED', 'CONFIRMED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED']],
    ['READY_FOR_BILLING', false, ['CREATED', 'SUBMITTED', 'CONFIRMED', 'SHIPPED', 'BILLED', 'CLOSED']],
    ['READY_FOR_BILLING', true, ['CREATED', 'SUBMITTED', 'CONFIRMED', 'SHIPPED', 'BILLED', 'CLOSED']],
    ['BILLED', false, ['CREATED', 'SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'CLOSED']],
    ['BILLED', true, ['CREATED', 'SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'CLOSED']],
    ['CLOSED', false, []],
    ['CLOSED', true, []],
    ['CANCELLED', false, []],
    ['CANCELLED', true, []],
  ];

  const withMovers = table.flatMap(([stage, anyReceived, expected]) => movers.map((roles) => [stage, anyReceived, roles, expected] as const));
  it.each(withMovers)('%s (anyReceived %s) for %j → %j', (stage, anyReceived, roles, expected) => {
    const result = nextStages({ stage, anyReceived }, roles);
    expect(sorted(result)).toEqual(sorted(expected));
    expect(result).not.toContain(stage);
  });

  const withOthers = ALL_STAGES.flatMap((stage) => [false, true].flatMap((anyReceived) => others.map((roles) => [stage, anyReceived, roles] as const)));
  it.each(withOthers)('%s (anyReceived %s) for %j → nothing', (stage, anyReceived, roles) => {
    expect(nextStages({ stage, anyReceived }, roles)).toEqual([]);
  });
});

describe('planStageChange', () => {
  describe('forward by any number of steps applies every stage passed', () => {
    it.each([
      ['CREATED', 'SUBMITTED', ['SUBMITTED'], false],
      ['SUBMITTED', 'CONFIRMED', ['CONFIRMED'], false],
      ['CONFIRMED', 'SHIPPED', ['SHIPPED'], true],
      ['SHIPPED', 'READY_FOR_BILLING', ['READY_FOR_BILLING'], true],
      ['READY_FOR_BILLING', 'BILLED', ['BILLED'], false],
      ['BILLED', 'CLOSED', ['CLOSED'], false],
      ['CREATED', 'CONFIRMED', ['SUBMITTED', 'CONFIRMED'], false],
      ['CREATED', 'SHIPPED', ['SUBMITTED', 'CONFIRMED', 'SHIPPED'], true],
      ['CONFIRMED', 'READY_FOR_BILLING', ['SHIPPED', 'READY_FOR_BILLING'], true],
      ['SUBMITTED', 'BILLED', ['CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED'], true],
      ['SHIPPED', 'BILLED', ['READY_FOR_BILLING', 'BILLED'], true],
      ['SHIPPED', 'CLOSED', ['READY_FOR_BILLING', 'BILLED', 'CLOSED'], true],
      ['READY_FOR_BILLING', 'CLOSED', ['BILLED', 'CLOSED'], false],
      ['CREATED', 'CLOSED', ['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED'], true],
    ] as [PurchaseOrderStage, PurchaseOrderStage, PurchaseOrderStage[], boolean][])(
      '%s → %s passes %j (receive drop-ship: %s)',
      (from, to, passed, receiveDropShip) => {
        for (const anyReceived of [false, true]) {
          const d = planStageChange({ stage: from, anyReceived }, to);
          expect(d).toEqual({ ok: true, value: { from, to, backward: false, passed, receiveDropShip } });
        }
      },
    );
  });

  describe('backward needs a reason', () => {
    const backwardPairs = FORWARD.slice(0, -1).flatMap((from, i) => FORWARD.slice(0, i).map((to) => [from, to] as const));
    // every backward pair between non-final stages
    it.each(backwardPairs.flatMap(([from, to]) => [undefined, null, '', '   '].map((reason) => [from, to, reason] as const)))(
      '%s → %s with reason %j → INVALID_INPUT on reason',
      (from, to, reason) => {
        const d = planStageChange({ stage: from, anyReceived: false }, to, reason);
        expect(d.ok).toBe(false);
        if (!d.ok) {
          expect(d.errors.map((e) => e.code)).toEqual(['INVALID_INPUT']);
          expect(d.errors[0]?.field).toEqual(['reason']);
        }
      },
    );

    it.each(backwardPairs)('%s → %s with a reason is allowed, applies no stage rules', (from, to) => {
      for (const anyReceived of [false, true]) {
        const d = planStageChange({ stage: from, anyReceived }, to, 'supplier re-opened it');
        expect(d).toEqual({ ok: true, value: { from, to, backward: true, passed: [], receiveDropShip: false } });
      }
    });
  });

  describe('same stage and final stages', () => {
    it.each(ALL_STAGES.flatMap((s) => [[s, undefined], [s, 'because']] as const))('%s → %s (reason %j) → INVALID_TRANSITION', (stage, reason) => {
      expect(codes(planStageChange({ stage, anyReceived: false }, stage, reason))).toEqual(['INVALID_TRANSITION']);
    });

    // CLOSED and CANCELLED are final: no move at all, even with a reason.
    it.each((['CLOSED', 'CANCELLED'] as const).flatMap((from) => ALL_STAGES.filter((to) => to !== from).map((to) => [from, to] as const)))(
      '%s → %s with a reason → INVALID_TRANSITION',
      (from, to) => {
        expect(codes(planStageChange({ stage: from, anyReceived: false }, to, 'please'))).toEqual(['INVALID_TRANSITION']);
      },
    );

    // Order of checks: input values (INVALID_INPUT) come before the transition (INVALID_TRANSITION).
    it('CLOSED → BILLED without a reason answers the missing reason first', () => {
      const d = planStageChange({ stage: 'CLOSED', anyReceived: false }, 'BILLED');
      expect(codes(d)).toEqual(['INVALID_INPUT']);
    });
  });

  describe('CANCELLED only before SHIPPED with nothing received', () => {
    it.each(BEFORE_SHIPPED)('%s with nothing received → CANCELLED', (from) => {
      const d = planStageChange({ stage: from, anyReceived: false }, 'CANCELLED');
      expect(d.ok).toBe(true);
      if (d.ok) {
        expect(d.value.to).toBe('CANCELLED');
        expect(d.value.passed).toEqual([]);
        expect(d.value.receiveDropShip).toBe(false);
      }
    });

    it.each(BEFORE_SHIPPED)('%s with something received → INVALID_TRANSITION', (from) => {
      expect(codes(planStageChange({ stage: from, anyReceived: true }, 'CANCELLED', 'x'))).toEqual(['INVALID_TRANSITION']);
    });

    it.each((['SHIPPED', 'READY_FOR_BILLING', 'BILLED'] as const).flatMap((s) => [[s, false], [s, true]] as const))(
      '%s (anyReceived %s) → CANCELLED is INVALID_TRANSITION',
      (from, anyReceived) => {
        expect(codes(planStageChange({ stage: from, anyReceived }, 'CANCELLED', 'x'))).toEqual(['INVALID_TRANSITION']);
      },
    );
  });
});

describe('planPurchaseOrderStatusChange', () => {
  // "Changing it to PROBLEM or FOLLOW_UP notifies ...; setting the status it already has changes nothing."
  it.each([
    ['OK', 'OK', false, false],
    ['PROBLEM', 'PROBLEM', false, false],
    ['FOLLOW_UP', 'FOLLOW_UP', false, false],
    ['OK', 'PROBLEM', true, true],
    ['OK', 'FOLLOW_UP', true, true],
    ['PROBLEM', 'FOLLOW_UP', true, true],
    ['FOLLOW_UP', 'PROBLEM', true, true],
    ['PROBLEM', 'OK', true, false],
    ['FOLLOW_UP', 'OK', true, false],
  ] as const)('%s → %s: changed %s, notify %s', (current, next, changed, notify) => {
    expect(planPurchaseOrderStatusChange(current, next)).toEqual({ changed, notify });
  });
});

describe('planReceipt', () => {
  // a: 10 ordered, 4 received (6 outstanding); b: 5 ordered, none received.
  const lines: ReceivableLine[] = [
    { id: 'a', quantity: 10, received: 4 },
    { id: 'b', quantity: 5, received: 0 },
  ];
  const RECEIVABLE: PurchaseOrderStage[] = ['SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING'];
  const NOT_RECEIVABLE: PurchaseOrderStage[] = ['CREATED', 'BILLED', 'CLOSED', 'CANCELLED'];

  it.each(NOT_RECEIVABLE)('at %s → INVALID_TRANSITION', (stage) => {
    expect(codes(planReceipt(stage, lines, [{ purchaseOrderLineId: 'a', quantity: 1 }]))).toEqual(['INVALID_TRANSITION']);
  });

  it.each(NOT_RECEIVABLE)('at %s an over-receipt still answers INVALID_TRANSITION (transition before quantities)', (stage) => {
    expect(codes(planReceipt(stage, lines, [{ purchaseOrderLineId: 'a', quantity: 7 }]))).toEqual(['INVALID_TRANSITION']);
  });

  describe('partial receipts', () => {
    it.each(RECEIVABLE)('at %s: quantities, not complete, no stage change', (stage) => {
      const d = planReceipt(stage, lines, [
        { purchaseOrderLineId: 'a', quantity: 6 },
        { purchaseOrderLineId: 'b', quantity: 4 },
      ]);
      expect(d.ok).toBe(true);
      if (d.ok) {
        expect(Object.fromEntries(d.value.quantities)).toEqual({ a: 6, b: 4 });
        expect(d.value.complete).toBe(false);
        expect(d.value.stageAfter).toBeNull();
      }
    });
  });

  // "When every line is fully received the stage moves to SHIPPED if it was earlier."
  it.each([
    ['SUBMITTED', 'SHIPPED'],
    ['CONFIRMED', 'SHIPPED'],
    ['SHIPPED', null],
    ['READY_FOR_BILLING', null],
  ] as const)('everything received at %s → complete, stage after %s', (stage, stageAfter) => {
    const d = planReceipt(stage, lines, [
      { purchaseOrderLineId: 'a', quantity: 6 },
      { purchaseOrderLineId: 'b', quantity: 5 },
    ]);
    expect(d.ok).toBe(true);
    if (d.ok) {
      expect(Object.fromEntries(d.value.quantities)).toEqual({ a: 6, b: 5 });
      expect(d.value.complete).toBe(true);
      expect(d.value.stageAfter).toBe(stageAfter);
    }
  });

  it('complete counts lines already fully received and not named', () => {
    const d = planReceipt('CONFIRMED', [{ id: 'a', quantity: 10, received: 4 }, { id: 'b', quantity: 5, received: 5 }], [{ purchaseOrderLineId: 'a', quantity: 6 }]);
    expect(d.ok && d.value.complete).toBe(true);
    expect(d.ok && d.value.stageAfter).toBe('SHIPPED');
  });

  it('a line left unnamed with something outstanding keeps it incomplete', () => {
    const d = planReceipt('SUBMITTED', lines, [{ purchaseOrderLineId: 'a', quantity: 6 }]);
    expect(d.ok && d.value.complete).toBe(false);
    expect(d.ok && d.value.stageAfter).toBeNull();
  });

  describe('OVER_RECEIVE', () => {
    it.each([
      ['one line above outstanding', [{ purchaseOrderLineId: 'a', quantity: 7 }]],
      ['the other line above outstanding', [{ purchaseOrderLineId: 'b', quantity: 6 }]],
      ['two entries for one line that together exceed outstanding', [{ purchaseOrderLineId: 'a', quantity: 3 }, { purchaseOrderLineId: 'a', quantity: 4 }]],
      ['three small entries for one line adding up above', [{ purchaseOrderLineId: 'b', quantity: 2 }, { purchaseOrderLineId: 'b', quantity: 2 }, { purchaseOrderLineId: 'b', quantity: 2 }]],
    ])('%s → OVER_RECEIVE', (_label, request) => {
      for (const stage of RECEIVABLE) {
        const d = planReceipt(stage, lines, request);
        expect(d.ok).toBe(false);
        if (!d.ok) {
          expect(d.errors.length).toBeGreaterThan(0);
          expect(new Set(d.errors.map((e) => e.code))).toEqual(new Set(['OVER_RECEIVE']));
        }
      }
    });

    it('a fully received line takes nothing more', () => {
      expect(codes(planReceipt('SHIPPED', [{ id: 'a', quantity: 3, received: 3 }], [{ purchaseOrderLineId: 'a', quantity: 1 }]))).toEqual(['OVER_RECEIVE']);
    });

    it('two entries that together equal outstanding are added together', () => {
      const d = planReceipt('SUBMITTED', lines, [
        { purchaseOrderLineId: 'a', quantity: 3 },
        { purchaseOrderLineId: 'a', quantity: 3 },
      ]);
      expect(d.ok).toBe(true);
      if (d.ok) {
        expect(Object.fromEntries(d.value.quantities)).toEqual({ a: 6 });
        expect(d.value.complete).toBe(false);
      }
    });
  });

  describe('INVALID_INPUT', () => {
    it.each([0, -1, -10, 1.5, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 1e15, Number.MAX_SAFE_INTEGER])('quantity %s → INVALID_INPUT on that line', (quantity) => {
      const d = planReceipt('SUBMITTED', lines, [
        { purchaseOrderLineId: 'b', quantity: 1 },
        { purchaseOrderLineId: 'a', quantity },
      ]);
      expect(d.ok).toBe(false);
      if (!d.ok) {
        expect(d.errors.map((e) => e.code)).toEqual(['INVALID_INPUT']);
        expect(d.errors[0]?.field).toEqual(['lines', '1', 'quantity']);
      }
    });

    it('an empty request → INVALID_INPUT', () => {
      expect(codes(planReceipt('SUBMITTED', lines, []))).toEqual(['INVALID_INPUT']);
    });

    it('a bad quantity at a stage that cannot receive answers INVALID_INPUT first', () => {
      expect(codes(planReceipt('CREATED', lines, [{ purchaseOrderLineId: 'a', quantity: 0 }]))).toEqual(['INVALID_INPUT']);
    });
  });

  describe('NOT_FOUND', () => {
    it('a line of another purchase order → NOT_FOUND on that entry', () => {
      const d = planReceipt('SUBMITTED', lines, [
        { purchaseOrderLineId: 'a', quantity: 1 },
        { purchaseOrderLineId: 'zz', quantity: 1 },
      ]);
      expect(d.ok).toBe(false);
      if (!d.ok) {
        expect(d.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
        expect(d.errors[0]?.field).toEqual(['lines', '1', 'purchaseOrderLineId']);
      }
    });

    it('NOT_FOUND answers before bad quantities, the stage and over-receipts', () => {
      const d = planReceipt('CLOSED', lines, [
        { purchaseOrderLineId: 'a', quantity: 999 },
        { purchaseOrderLineId: 'b', quantity: -1 },
        { purchaseOrderLineId: 'zz', quantity: 1 },
      ]);
      expect(codes(d)).toEqual(['NOT_FOUND']);
    });
  });
});

describe('stage helpers', () => {
  it.each([
    ['CREATED', false, true, true, false],
    ['SUBMITTED', false, true, true, true],
    ['CONFIRMED', false, true, true, true],
    ['SHIPPED', true, true, true, true],
    ['READY_FOR_BILLING', true, true, true, true],
    ['BILLED', true, true, true, true],
    ['CLOSED', true, false, true, true],
    ['CANCELLED', false, false, false, false],
  ] as const)('%s: shipped %s, open %s, live %s, submitted %s', (stage, shipped, open, live, submitted) => {
    expect(hasShipped(stage)).toBe(shipped);
    expect(isOpenPurchaseOrder(stage)).toBe(open);
    expect(isLivePurchaseOrder(stage)).toBe(live);
    expect(hasBeenSubmitted(stage)).toBe(submitted);
  });
});
