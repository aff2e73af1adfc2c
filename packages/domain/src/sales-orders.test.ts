import { describe, expect, it } from 'vitest';
import type { Decision } from './errors.js';
import {
  afterCancelled,
  afterInvoiced,
  afterVoided,
  checkOrderLines,
  isOpenSalesOrder,
  lineQuantities,
  nextStatuses,
  orderFigures,
  planCancel,
  planSalesOrderStatusChange,
  planSchedule,
  type LineState,
  type SalesOrderStatus,
  type ScheduleLine,
  type StatusFacts,
} from './sales-orders.js';
import type { Role } from './roles.js';
import { runningTax } from './money.js';
import { orderStatusesAfter } from './purchase-order-decisions.js';

// The automatic rules, read through the one table that holds them (ORDER_RULES): the status a PO
// entering a stage leaves the order in, or null when the rule does not apply.
const lastOf = (statuses: SalesOrderStatus[]): SalesOrderStatus | null => statuses[statuses.length - 1] ?? null;
const remainingLine = (remains: boolean) => [{ id: 'x', quantity: 1, cancelled: 0, invoiced: remains ? 0 : 1, scheduled: 0, received: 0, inventoried: false, unitPriceCents: 1 }];
const afterPurchaseOrderSubmitted = (status: SalesOrderStatus) =>
  lastOf(orderStatusesAfter(status, ['SUBMITTED'], { purchaseOrders: { anySubmitted: true, allLiveShipped: false }, lines: remainingLine(true) }));
const afterPurchaseOrderShipped = (status: SalesOrderStatus, every: boolean) =>
  lastOf(orderStatusesAfter(status, ['SHIPPED'], { purchaseOrders: { anySubmitted: true, allLiveShipped: every }, lines: remainingLine(true) }));
const afterPurchaseOrderReadyForBilling = (status: SalesOrderStatus, remains: boolean) =>
  lastOf(orderStatusesAfter(status, ['READY_FOR_BILLING'], { purchaseOrders: { anySubmitted: true, allLiveShipped: true }, lines: remainingLine(remains) }));

const codes = (d: Decision<unknown>): string[] => (d.ok ? [] : d.errors.map((e) => e.code));
const sorted = <T>(xs: readonly T[]): T[] => [...xs].sort();

const STATUSES: SalesOrderStatus[] = ['OPEN', 'CLIENT_APPROVED', 'IN_PRODUCTION', 'SHIPPED', 'SCHEDULED', 'READY_TO_BE_INVOICED', 'BACKORDERED', 'INVOICED', 'CANCELLED'];
const OPEN_STATUSES = STATUSES.filter((s) => s !== 'INVOICED' && s !== 'CANCELLED');

function line(over: Partial<LineState> = {}): LineState {
  return { id: 'l1', quantity: 10, cancelled: 0, invoiced: 0, scheduled: 0, received: 0, inventoried: false, unitPriceCents: 100, ...over };
}
const dropShip = (over: Partial<LineState> = {}) => line({ inventoried: false, ...over });
const stocked = (over: Partial<LineState> = {}) => line({ inventoried: true, ...over });

describe('isOpenSalesOrder', () => {
  it.each(STATUSES.map((s) => [s, s !== 'INVOICED' && s !== 'CANCELLED'] as const))('%s → %s', (s, open) => expect(isOpenSalesOrder(s)).toBe(open));
});

describe('lineQuantities', () => {
  describe('drop-ship lines: shipped = received, readyToInvoice = min(remaining, max(0, shipped − invoiced))', () => {
    it.each([
      // label, state, ordered, remaining, shipped, readyToInvoice, backordered
      ['nothing yet', { quantity: 10 }, 10, 10, 0, 0, 10],
      ['6 of 10 received', { quantity: 10, received: 6 }, 10, 10, 6, 6, 4],
      ['6 received, 4 invoiced', { quantity: 10, received: 6, invoiced: 4 }, 10, 6, 6, 2, 4],
      ['all received and invoiced', { quantity: 10, received: 10, invoiced: 10 }, 10, 0, 10, 0, 0],
      ['cancelled lowers ordered and remaining', { quantity: 10, cancelled: 3 }, 7, 7, 0, 0, 7],
      ['received more than what is left after a cancel: capped at remaining', { quantity: 10, cancelled: 3, received: 10 }, 7, 7, 10, 7, 0],
      ['invoiced ahead of shipping: nothing ready, never negative', { quantity: 10, received: 2, invoiced: 5 }, 10, 5, 2, 0, 5],
      ['cancelled and invoiced: nothing remains', { quantity: 10, cancelled: 2, invoiced: 8, received: 8 }, 8, 0, 8, 0, 0],
      ['scheduled plays no part for a drop-ship line', { quantity: 10, scheduled: 5 }, 10, 10, 0, 0, 10],
      ['partly invoiced, rest received', { quantity: 500, received: 500, invoiced: 300 }, 500, 200, 500, 200, 0],
      ['partly invoiced, rest backordered', { quantity: 500, received: 300, invoiced: 300 }, 500, 200, 300, 0, 200],
    ] as [string, Partial<LineState>, number, number, number, number, number][])(
      '%s',
      (_label, state, ordered, remaining, shipped, readyToInvoice, backordered) => {
        const l = dropShip(state);
        const q = lineQuantities(l);
        expect(q.ordered).toBe(ordered);
        expect(q.invoiced).toBe(l.invoiced);
        expect(q.remaining).toBe(remaining);
        expect(q.shipped).toBe(shipped);
        expect(q.readyToInvoice).toBe(readyToInvoice);
        expect(q.backordered).toBe(backordered);
        expect(q.backordered).toBe(q.remaining - q.readyToInvoice);
      },
    );
  });

  describe('inventoried lines: readyToInvoice = scheduled, shipped = what invoices released', () => {
    it.each([
      ['nothing scheduled', { quantity: 10 }, 10, 10, 0, 0, 0, 10],
      ['4 scheduled', { quantity: 10, scheduled: 4 }, 10, 10, 4, 0, 4, 6],
      ['3 invoiced, 4 more scheduled', { quantity: 10, invoiced: 3, scheduled: 4 }, 10, 7, 4, 3, 4, 3],
      ['cancelled, invoiced, rest scheduled', { quantity: 10, cancelled: 2, invoiced: 3, scheduled: 5 }, 8, 5, 5, 3, 5, 0],
      ['fully invoiced', { quantity: 10, invoiced: 10 }, 10, 0, 0, 10, 0, 0],
    ] as [string, Partial<LineState>, number, number, number, number, number, number][])(
      '%s',
      (_label, state, ordered, remaining, scheduled, shipped, readyToInvoice, backordered) => {
        const q = lineQuantities(stocked(state));
        expect(q).toEqual({ ordered, invoiced: state.invoiced ?? 0, remaining, scheduled, shipped, readyToInvoice, backordered });
      },
    );

    // "shipped = Σ received on the drop-ship purchase order lines bought for it, plus, for inventoried
    // products, what invoices released from stock."
    it('shipped adds drop-ship receipts bought for an inventoried line to what invoices released', () => {
      const q = lineQuantities(stocked({ quantity: 10, invoiced: 3, received: 2 }));
      expect(q.shipped).toBe(5);
      // readyToInvoice = min(remaining, scheduled + max(0, shipped − written off − invoiced)): the 2
      // received reached the client and are not billed yet.
      expect(q.readyToInvoice).toBe(2);
    });
  });
});

const docs = (invoicedCents: number) => ({ invoicedCents, taxableCents: 0, taxCents: 0 });

describe('orderFigures', () => {
  describe('remainingCents = what the lines come to (subtotal + its tax, half up) − what is invoiced, 0 when nothing remains', () => {
    it.each([
      // label, lines, tax bp, invoiced cents, remainingCents
      ['no tax', [dropShip({ quantity: 3, unitPriceCents: 1000 })], 0, 0, 3000],
      ['8.25 %: 3000 + 247.5 → 248', [dropShip({ quantity: 3, unitPriceCents: 1000 })], 825, 0, 3248],
      ['8.25 %: 1000 + 82.5 → 83', [dropShip({ quantity: 1, unitPriceCents: 1000 })], 825, 0, 1083],
      ['10 %: 15 + 1.5 → 2', [dropShip({ quantity: 15, unitPriceCents: 1 })], 1000, 0, 17],
      ['10 %: 14 + 1.4 → 1', [dropShip({ quantity: 14, unitPriceCents: 1 })], 1000, 0, 15],
      ['tax on the sum of lines, not per line: 5 + 5 at 10 % → 1, not 2', [dropShip({ id: 'a', quantity: 5, unitPriceCents: 1 }), dropShip({ id: 'b', quantity: 5, unitPriceCents: 1 })], 1000, 0, 11],
      ['only remaining quantities count', [dropShip({ quantity: 10, cancelled: 2, invoiced: 5, received: 5, unitPriceCents: 250 })], 0, 1250, 750],
      ['remaining after invoices with 8.25 %', [dropShip({ quantity: 500, invoiced: 300, received: 300, unitPriceCents: 199 })], 825, 64625, 43084],
      ['nothing remains: exactly 0', [dropShip({ quantity: 10, invoiced: 10, received: 10, unitPriceCents: 333 })], 825, 3605, 0],
      ['nothing remains after cancelling: exactly 0', [dropShip({ quantity: 10, cancelled: 4, invoiced: 6, received: 6, unitPriceCents: 333 })], 10_000, 3996, 0],
      ['all cancelled, nothing invoiced: 0', [stocked({ quantity: 7, cancelled: 7, unitPriceCents: 999 })], 825, 0, 0],
    ] as [string, LineState[], number, number, number][])('%s', (_label, lines, taxBp, invoicedCents, remainingCents) => {
      const f = orderFigures(lines, taxBp, docs(invoicedCents));
      expect(f.remainingCents).toBe(remainingCents);
      expect(f.invoicedCents).toBe(invoicedCents);
      expect(f.totalCents).toBe(invoicedCents + remainingCents);
      expect(f.somethingRemains).toBe(remainingCents > 0);
    });

    it('somethingRemains is true for a remaining line priced at 0 cents', () => {
      const f = orderFigures([dropShip({ quantity: 2, unitPriceCents: 0 })], 825);
      expect(f.remainingCents).toBe(0);
      expect(f.somethingRemains).toBe(true);
    });
  });

  describe('partly fulfilled and backordered', () => {
    it.each([
      ['nothing ready, nothing invoiced', [dropShip({ quantity: 10 })], false, false, false],
      ['drop-ship 3 of 10 received', [dropShip({ quantity: 10, received: 3 })], true, true, true],
      ['drop-ship everything received', [dropShip({ quantity: 10, received: 10 })], true, false, true],
      ['inventoried fully scheduled', [stocked({ quantity: 10, scheduled: 10 })], true, false, true],
      ['inventoried partly scheduled', [stocked({ quantity: 10, scheduled: 4 })], true, true, true],
      ['4 invoiced, rest waiting', [dropShip({ quantity: 10, received: 4, invoiced: 4 })], true, true, false],
      ['one line ready, another waiting', [dropShip({ id: 'a', quantity: 2, received: 2 }), dropShip({ id: 'b', quantity: 5 })], true, true, true],
      ['one line invoiced, the other cancelled', [dropShip({ id: 'a', quantity: 2, received: 2, invoiced: 2 }), dropShip({ id: 'b', quantity: 5, cancelled: 5 })], true, false, false],
      ['everything invoiced', [stocked({ quantity: 3, invoiced: 3 })], true, false, false],
      ['invoiced ahead of shipping: partly fulfilled, rest backordered', [dropShip({ quantity: 10, received: 0, invoiced: 2 })], true, true, false],
    ] as [string, LineState[], boolean, boolean, boolean][])('%s → partly %s, backordered %s, anything ready %s', (_label, lines, partly, backordered, ready) => {
      const f = orderFigures(lines, 0);
      expect(f.partlyFulfilled).toBe(partly);
      expect(f.backordered).toBe(backordered);
      expect(f.anythingReady).toBe(ready);
    });
  });
});

// ── a property: partial invoices never lose or invent more than rounding ──

/** Tiny deterministic PRNG (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** round(v × bp / 10000) half up, exact (independent of the code under test). */
function refTax(v: number, bp: number): number {
  const n = BigInt(v) * BigInt(bp);
  const q = n / 10000n;
  return Number((n % 10000n) * 2n >= 10000n ? q + 1n : q);
}

describe('orderFigures over random partial-invoicing sequences', () => {
  it('with running-total tax, the invoices add up to the order to the cent, and total = invoiced + remaining throughout', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const r = rng(seed);
      const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
      const taxBp = [0, 825, 1000, 1250, 5000, 10_000, int(0, 10_000)][int(0, 6)] ?? 0;
      const lines: LineState[] = Array.from({ length: int(1, 6) }, (_, i) => {
        const quantity = int(1, 500);
        const inventoried = r() < 0.5;
        return {
          id: `l${i}`,
          quantity,
          cancelled: r() < 0.3 ? int(0, quantity) : 0,
          invoiced: 0,
          scheduled: 0,
          received: 0,
          inventoried,
          taxable: r() < 0.8,
          unitPriceCents: int(0, 100_000),
        };
      });
      const ordered = (l: LineState) => l.quantity - l.cancelled;
      const fullSubtotal = lines.reduce((s, l) => s + ordered(l) * l.unitPriceCents, 0);
      const fullTaxable = lines.reduce((s, l) => s + (l.taxable === false ? 0 : ordered(l) * l.unitPriceCents), 0);
      const fullTotal = fullSubtotal + refTax(fullTaxable, taxBp);

      const start = orderFigures(lines, taxBp);
      expect(start.remainingCents, `seed ${seed}`).toBe(fullTotal);

      let documents = { invoicedCents: 0, taxableCents: 0, taxCents: 0 };
      for (let step = 0; step < 50 && lines.some((l) => l.invoiced < ordered(l)); step++) {
        // one partial invoice: a random part of a random subset of the lines; the last one takes the rest
        const last = step === 49;
        let subtotal = 0;
        let taxable = 0;
        let took = false;
        for (const l of lines) {
          const left = ordered(l) - l.invoiced;
          if (left === 0 || (!last && r() < 0.4)) continue;
          const take = last ? left : int(1, left);
          if (l.inventoried) l.released = (l.released ?? 0) + take;
          else l.received = Math.max(l.received, l.invoiced + take);
          l.invoiced += take;
          subtotal += take * l.unitPriceCents;
          if (l.taxable !== false) taxable += take * l.unitPriceCents;
          took = true;
        }
        if (!took) continue;
        const tax = runningTax(taxBp, documents, taxable);
        expect(tax, `seed ${seed} step ${step}: an invoice's tax is never below 0`).toBeGreaterThanOrEqual(0);
        documents = { invoicedCents: documents.invoicedCents + subtotal + tax, taxableCents: documents.taxableCents + taxable, taxCents: documents.taxCents + tax };

        const f = orderFigures(lines, taxBp, documents);
        expect(f.invoicedCents).toBe(documents.invoicedCents);
        expect(f.totalCents, `seed ${seed} step ${step}`).toBe(fullTotal);
        expect(f.remainingCents).toBe(f.somethingRemains ? fullTotal - documents.invoicedCents : 0);
      }

      expect(lines.every((l) => l.invoiced === l.quantity - l.cancelled)).toBe(true);
      const end = orderFigures(lines, taxBp, documents);
      expect(documents.invoicedCents, `seed ${seed}: the invoices add up to the order`).toBe(fullTotal);
      expect(end.remainingCents, `seed ${seed}`).toBe(0);
      expect(end.somethingRemains).toBe(false);
      expect(end.backordered).toBe(false);
    }
  });
});

// ── statuses by hand ──

/** DOMAIN.md, "By hand, on an open order": what each role may set, before removing the current status. */
function handStatuses(role: Role, f: StatusFacts): SalesOrderStatus[] {
  switch (role) {
    case 'ORDER_REP':
      return [
        ...(!f.anythingInvoiced && !f.anyPurchaseOrderSubmitted ? (['OPEN', 'CLIENT_APPROVED'] as const) : []),
        ...(!f.anythingInvoiced ? (['CANCELLED'] as const) : []),
      ];
    case 'PRODUCTION_REP':
      return f.somethingRemains ? ['READY_TO_BE_INVOICED'] : [];
    case 'PURCHASING':
      // "PURCHASING sets SCHEDULED (which schedules)": with nothing remaining there is nothing to schedule.
      return f.somethingRemains ? ['SCHEDULED'] : [];
    default:
      return [];
  }
}

describe('nextStatuses', () => {
  const ROLE_SETS: Role[][] = [['ORDER_REP'], ['PRODUCTION_REP'], ['PURCHASING'], ['INVOICING_REP'], ['ACCOUNTANT'], ['ADMIN'], ['ORDER_REP', 'PRODUCTION_REP'], ['INVOICING_REP', 'ACCOUNTANT'], []];
  const FACTS = [false, true].flatMap((anythingInvoiced) =>
    [false, true].flatMap((anyPurchaseOrderSubmitted) => [false, true].map((somethingRemains) => ({ anythingInvoiced, anyPurchaseOrderSubmitted, somethingRemains }))),
  );
  const cases = STATUSES.flatMap((status) => FACTS.flatMap((facts) => ROLE_SETS.map((roles) => [status, facts, roles] as const)));

  it.each(cases)('%s %j for %j', (status, facts, roles) => {
    const f: StatusFacts = { status, ...facts };
    const expected = new Set<SalesOrderStatus>();
    if (isOpenStatus(status)) {
      const effective: Role[] = roles.includes('ADMIN') ? ['ORDER_REP', 'PRODUCTION_REP', 'PURCHASING'] : [...roles];
      for (const r of effective) for (const s of handStatuses(r, f)) expected.add(s);
      expected.delete(status);
    }
    const result = nextStatuses(f, roles);
    expect(sorted(result)).toEqual(sorted([...expected]));
    expect(result).not.toContain(status);
    expect(result).not.toContain('BACKORDERED');
    expect(result).not.toContain('INVOICED');
    expect(new Set(result).size).toBe(result.length);
  });

  function isOpenStatus(s: SalesOrderStatus) {
    return s !== 'INVOICED' && s !== 'CANCELLED';
  }

  // a few literal rows, read straight off DOMAIN.md
  it.each([
    ['OPEN', false, false, true, ['ORDER_REP'], ['CLIENT_APPROVED', 'CANCELLED']],
    ['CLIENT_APPROVED', false, false, true, ['ORDER_REP'], ['OPEN', 'CANCELLED']],
    ['IN_PRODUCTION', false, true, true, ['ORDER_REP'], ['CANCELLED']],
    ['BACKORDERED', true, true, true, ['ORDER_REP'], []],
    ['IN_PRODUCTION', false, true, true, ['PRODUCTION_REP'], ['READY_TO_BE_INVOICED']],
    ['READY_TO_BE_INVOICED', false, true, true, ['PRODUCTION_REP'], []],
    ['BACKORDERED', true, true, true, ['PURCHASING'], ['SCHEDULED']],
    ['SCHEDULED', true, true, true, ['PURCHASING'], []],
    ['OPEN', false, false, true, ['ADMIN'], ['CLIENT_APPROVED', 'READY_TO_BE_INVOICED', 'SCHEDULED', 'CANCELLED']],
    ['BACKORDERED', true, true, true, ['ADMIN'], ['READY_TO_BE_INVOICED', 'SCHEDULED']],
    ['INVOICED', false, false, true, ['ADMIN'], []],
    ['CANCELLED', false, false, true, ['ADMIN'], []],
    ['OPEN', false, false, true, ['INVOICING_REP', 'ACCOUNTANT'], []],
  ] as [SalesOrderStatus, boolean, boolean, boolean, Role[], SalesOrderStatus[]][])(
    '%s (invoiced %s, PO submitted %s, remains %s) for %j → %j',
    (status, anythingInvoiced, anyPurchaseOrderSubmitted, somethingRemains, roles, expected) => {
      expect(sorted(nextStatuses({ status, anythingInvoiced, anyPurchaseOrderSubmitted, somethingRemains }, roles))).toEqual(sorted(expected));
    },
  );
});

describe('planSalesOrderStatusChange', () => {
  const fresh: StatusFacts = { status: 'OPEN', anythingInvoiced: false, anyPurchaseOrderSubmitted: false, somethingRemains: true };
  const ALL_ROLES: Role[] = ['ADMIN', 'ORDER_REP', 'PRODUCTION_REP', 'INVOICING_REP', 'ACCOUNTANT', 'PURCHASING'];

  // "BACKORDERED and INVOICED are never set by hand (INVALID_TRANSITION)."
  it.each((['BACKORDERED', 'INVOICED'] as const).flatMap((to) => OPEN_STATUSES.map((status) => [to, status] as const)))('%s by hand on a %s order → INVALID_TRANSITION', (to, status) => {
    expect(codes(planSalesOrderStatusChange({ ...fresh, status }, to, ALL_ROLES))).toEqual(['INVALID_TRANSITION']);
  });

  it.each([
    ['ORDER_REP', 'OPEN', 'CLIENT_APPROVED', fresh],
    ['ORDER_REP', 'CLIENT_APPROVED', 'OPEN', fresh],
    ['ORDER_REP', 'OPEN', 'CANCELLED', fresh],
    ['ORDER_REP', 'IN_PRODUCTION', 'CANCELLED', { ...fresh, anyPurchaseOrderSubmitted: true }],
    ['PRODUCTION_REP', 'IN_PRODUCTION', 'READY_TO_BE_INVOICED', { ...fresh, anyPurchaseOrderSubmitted: true }],
    ['PRODUCTION_REP', 'BACKORDERED', 'READY_TO_BE_INVOICED', { ...fresh, anythingInvoiced: true }],
    ['PURCHASING', 'BACKORDERED', 'SCHEDULED', { ...fresh, anythingInvoiced: true }],
    ['ADMIN', 'OPEN', 'SCHEDULED', fresh],
    ['ADMIN', 'OPEN', 'READY_TO_BE_INVOICED', fresh],
  ] as [Role, SalesOrderStatus, SalesOrderStatus, StatusFacts][])('%s: %s → %s allowed', (role, status, to, facts) => {
    expect(planSalesOrderStatusChange({ ...facts, status }, to, [role])).toEqual({ ok: true, value: to });
  });

  it.each([
    ['ORDER_REP sets SCHEDULED', 'ORDER_REP', 'OPEN', 'SCHEDULED', fresh],
    ['ORDER_REP sets READY_TO_BE_INVOICED', 'ORDER_REP', 'OPEN', 'READY_TO_BE_INVOICED', fresh],
    ['ORDER_REP sets CLIENT_APPROVED after a PO was submitted', 'ORDER_REP', 'IN_PRODUCTION', 'CLIENT_APPROVED', { ...fresh, anyPurchaseOrderSubmitted: true }],
    ['ORDER_REP sets OPEN after something was invoiced', 'ORDER_REP', 'BACKORDERED', 'OPEN', { ...fresh, anythingInvoiced: true }],
    ['ORDER_REP cancels after something was invoiced', 'ORDER_REP', 'BACKORDERED', 'CANCELLED', { ...fresh, anythingInvoiced: true }],
    ['ORDER_REP sets the current status', 'ORDER_REP', 'CLIENT_APPROVED', 'CLIENT_APPROVED', fresh],
    ['PRODUCTION_REP sets CANCELLED', 'PRODUCTION_REP', 'OPEN', 'CANCELLED', fresh],
    ['PRODUCTION_REP sets READY_TO_BE_INVOICED with nothing remaining', 'PRODUCTION_REP', 'BACKORDERED', 'READY_TO_BE_INVOICED', { ...fresh, anythingInvoiced: true, somethingRemains: false }],
    ['PRODUCTION_REP sets the current READY_TO_BE_INVOICED', 'PRODUCTION_REP', 'READY_TO_BE_INVOICED', 'READY_TO_BE_INVOICED', fresh],
    ['PURCHASING sets OPEN', 'PURCHASING', 'CLIENT_APPROVED', 'OPEN', fresh],
    ['PURCHASING sets READY_TO_BE_INVOICED', 'PURCHASING', 'OPEN', 'READY_TO_BE_INVOICED', fresh],
    ['INVOICING_REP sets anything', 'INVOICING_REP', 'OPEN', 'READY_TO_BE_INVOICED', fresh],
    ['ACCOUNTANT sets anything', 'ACCOUNTANT', 'OPEN', 'CANCELLED', fresh],
    ['ADMIN reopens an INVOICED order', 'ADMIN', 'INVOICED', 'OPEN', fresh],
    ['ADMIN changes a CANCELLED order', 'ADMIN', 'CANCELLED', 'CLIENT_APPROVED', fresh],
    ['ADMIN sets IN_PRODUCTION (a rule-only status)', 'ADMIN', 'OPEN', 'IN_PRODUCTION', fresh],
    ['ADMIN sets SHIPPED (a rule-only status)', 'ADMIN', 'IN_PRODUCTION', 'SHIPPED', fresh],
  ] as [string, Role, SalesOrderStatus, SalesOrderStatus, StatusFacts][])('%s → INVALID_TRANSITION', (_label, role, status, to, facts) => {
    expect(codes(planSalesOrderStatusChange({ ...facts, status }, to, [role]))).toEqual(['INVALID_TRANSITION']);
  });
});

describe('automatic rules', () => {
  // "A PO of the order reaches SUBMITTED, from OPEN or CLIENT_APPROVED → IN_PRODUCTION."
  it.each(STATUSES.map((s) => [s, s === 'OPEN' || s === 'CLIENT_APPROVED' ? 'IN_PRODUCTION' : null] as const))('afterPurchaseOrderSubmitted from %s → %s', (status, expected) => {
    expect(afterPurchaseOrderSubmitted(status)).toBe(expected);
  });

  // "Every live PO of the order is SHIPPED or later, from OPEN, CLIENT_APPROVED or IN_PRODUCTION → SHIPPED."
  it.each(
    STATUSES.flatMap((s) => [
      [s, true, ['OPEN', 'CLIENT_APPROVED', 'IN_PRODUCTION'].includes(s) ? 'SHIPPED' : null],
      [s, false, null],
    ]) as [SalesOrderStatus, boolean, SalesOrderStatus | null][],
  )('afterPurchaseOrderShipped from %s (every live PO shipped %s) → %s', (status, every, expected) => {
    const result = afterPurchaseOrderShipped(status, every);
    if (status === 'SHIPPED' && every) expect(result ?? status).toBe('SHIPPED');
    else expect(result).toBe(expected);
  });

  // "One PO of the order reaches READY_FOR_BILLING and something remains, from any open status → READY_TO_BE_INVOICED."
  it.each(STATUSES.flatMap((s) => [[s, true], [s, false]] as const))('afterPurchaseOrderReadyForBilling from %s (something remains %s)', (status, remains) => {
    const result = afterPurchaseOrderReadyForBilling(status, remains);
    if (remains && isOpenSalesOrder(status)) expect(result ?? status).toBe('READY_TO_BE_INVOICED');
    else expect(result).toBeNull();
    if (remains && isOpenSalesOrder(status) && status !== 'READY_TO_BE_INVOICED') expect(result).toBe('READY_TO_BE_INVOICED');
  });

  // "An invoice is created or edited: something remains → BACKORDERED; nothing remains → INVOICED and locked."
  it.each([
    [true, { status: 'BACKORDERED', locked: false }],
    [false, { status: 'INVOICED', locked: true }],
  ] as const)('afterInvoiced (something remains %s) → %j', (remains, expected) => {
    expect(afterInvoiced(remains)).toEqual(expected);
  });

  // "Cancelling quantity ... that leaves nothing remaining on an order with a live invoice → INVOICED and locked."
  const cancellable = STATUSES.filter((s) => s !== 'INVOICED' && s !== 'CANCELLED');
  it.each(
    cancellable.flatMap((s) => [
      [s, false, true, { status: 'INVOICED', locked: true }],
      [s, false, false, null],
      [s, true, true, null],
      [s, true, false, null],
    ]) as [SalesOrderStatus, boolean, boolean, { status: SalesOrderStatus; locked: boolean } | null][],
  )('afterCancelled from %s (remains %s, live invoice %s) → %j', (status, remains, live, expected) => {
    expect(afterCancelled(status, remains, live)).toEqual(expected);
  });

  // "Voiding an invoice unlocks the order and sets BACKORDERED if another live invoice exists, else
  // READY_TO_BE_INVOICED if something is ready to invoice, else what the purchase order rules give."
  it.each([
    [true, true, { anySubmitted: true, allLiveShipped: true }, 'BACKORDERED'],
    [true, false, { anySubmitted: false, allLiveShipped: false }, 'BACKORDERED'],
    [false, true, { anySubmitted: true, allLiveShipped: true }, 'READY_TO_BE_INVOICED'],
    [false, true, { anySubmitted: false, allLiveShipped: false }, 'READY_TO_BE_INVOICED'],
    [false, false, { anySubmitted: true, allLiveShipped: true }, 'SHIPPED'],
    [false, false, { anySubmitted: true, allLiveShipped: false }, 'IN_PRODUCTION'],
    [false, false, { anySubmitted: false, allLiveShipped: false }, 'OPEN'],
  ] as const)('afterVoided (other live invoice %s, anything ready %s, POs %j) → %s', (other, ready, pos, expected) => {
    expect(afterVoided(other, ready, pos)).toBe(expected);
  });
});

describe('planSchedule', () => {
  const sl = (id: string, productId: string, remaining: number, scheduled = 0, inventoried = true): ScheduleLine => ({ id, productId, inventoried, remaining, scheduled });

  it.each([
    ['enough stock: remaining − scheduled', [sl('a', 'p', 5)], { p: 10 }, { a: 5 }, { p: 5 }],
    ['tops up what is already scheduled', [sl('a', 'p', 5, 2)], { p: 10 }, { a: 3 }, { p: 7 }],
    ['short stock: what is free', [sl('a', 'p', 5)], { p: 3 }, { a: 3 }, { p: 0 }],
    ['line by line: the first line is served first', [sl('a', 'p', 4), sl('b', 'p', 4)], { p: 6 }, { a: 4, b: 2 }, { p: 0 }],
    ['different products draw on their own stock', [sl('a', 'p', 4), sl('b', 'q', 4)], { p: 1, q: 9 }, { a: 1, b: 4 }, { p: 0, q: 5 }],
    ['drop-ship lines are ignored', [sl('a', 'p', 4, 0, false), sl('b', 'p', 2)], { p: 10 }, { b: 2 }, { p: 8 }],
    ['fully scheduled line takes nothing', [sl('a', 'p', 4, 4)], { p: 10 }, {}, { p: 10 }],
    ['no stock: nothing', [sl('a', 'p', 4)], { p: 0 }, {}, { p: 0 }],
    ['negative free stock: nothing', [sl('a', 'p', 4)], { p: -2 }, {}, { p: -2 }],
    ['unknown product: nothing', [sl('a', 'p', 4)], {}, {}, {}],
    ['nothing remaining: nothing', [sl('a', 'p', 0)], { p: 5 }, {}, { p: 5 }],
  ] as [string, ScheduleLine[], Record<string, number>, Record<string, number>, Record<string, number>][])('%s', (_label, lines, free, allocations, freeAfter) => {
    const freeMap = new Map(Object.entries(free));
    const result = planSchedule(lines, freeMap);
    expect(Object.fromEntries(result)).toEqual(allocations);
    expect(Object.fromEntries(freeMap)).toEqual(freeAfter);
  });

  it('serves several orders in the order given through the shared free map', () => {
    const free = new Map([
      ['p', 10],
      ['q', 3],
    ]);
    const first = planSchedule([sl('a1', 'p', 6), sl('a2', 'q', 2)], free);
    const second = planSchedule([sl('b1', 'p', 5), sl('b2', 'q', 5)], free);
    const third = planSchedule([sl('c1', 'p', 1), sl('c2', 'q', 1)], free);
    expect(Object.fromEntries(first)).toEqual({ a1: 6, a2: 2 });
    expect(Object.fromEntries(second)).toEqual({ b1: 4, b2: 1 });
    expect(third.size).toBe(0);
    expect(Object.fromEntries(free)).toEqual({ p: 0, q: 0 });
  });

  it('order matters: the same orders in the other order share differently', () => {
    const free = new Map([['p', 10]]);
    const b = planSchedule([sl('b1', 'p', 5)], free);
    const a = planSchedule([sl('a1', 'p', 6)], free);
    expect(Object.fromEntries(b)).toEqual({ b1: 5 });
    expect(Object.fromEntries(a)).toEqual({ a1: 5 });
  });
});

describe('planCancel', () => {
  // remaining = 10 − 2 cancelled − 3 invoiced = 5, of which 3 scheduled
  const l = stocked({ quantity: 10, cancelled: 2, invoiced: 3, scheduled: 3 });

  it.each([
    [1, 3, 1],
    [2, 4, 2],
    [3, 5, 3],
    [4, 6, 3],
    [5, 7, 3],
  ])('cancel %s → cancelled %s, releasing %s scheduled first', (quantity, cancelled, releaseScheduled) => {
    expect(planCancel(l, quantity, 'client changed their mind')).toEqual({ ok: true, value: { cancelled, releaseScheduled } });
  });

  it('a reason of 500 characters is fine', () => {
    expect(planCancel(l, 1, 'x'.repeat(500)).ok).toBe(true);
  });

  it('a drop-ship line releases nothing', () => {
    expect(planCancel(dropShip({ quantity: 10, received: 4 }), 6, 'short')).toEqual({ ok: true, value: { cancelled: 6, releaseScheduled: 0 } });
  });

  it.each([0, -1, 6, 100, 1.5, Number.NaN])('cancel %s (remaining 5) → INVALID_INPUT on quantity', (quantity) => {
    const d = planCancel(l, quantity, 'why');
    expect(codes(d)).toEqual(['INVALID_INPUT']);
    expect(!d.ok && d.errors[0]?.field).toEqual(['quantity']);
  });

  it('nothing remaining: even 1 → INVALID_INPUT', () => {
    expect(codes(planCancel(dropShip({ quantity: 4, invoiced: 4, received: 4 }), 1, 'why'))).toEqual(['INVALID_INPUT']);
  });

  // The contract: cancelSalesOrderQuantity(lineId, quantity, reason: String!)
  it.each([undefined, null, '', '  ', 'x'.repeat(501)])('reason %j → INVALID_INPUT on reason', (reason) => {
    const d = planCancel(l, 1, reason);
    expect(codes(d)).toEqual(['INVALID_INPUT']);
    expect(!d.ok && d.errors[0]?.field).toEqual(['reason']);
  });
});

describe('checkOrderLines', () => {
  const good = { quantity: 3, unitPriceCents: 1999, description: 'Mug' };
  const fieldsOf = (errors: { code: string; field?: string[] }[]) => errors.map((e) => [e.code, (e.field ?? []).join('.')]);

  it.each([
    ['a valid order', [good], 0, []],
    ['a valid order with 8.25 % tax and a free line', [good, { ...good, unitPriceCents: 0 }], 825, []],
    ['no lines', [], 0, [['INVALID_INPUT', 'lines']]],
    ['quantity 0', [{ ...good, quantity: 0 }], 0, [['INVALID_INPUT', 'lines.0.quantity']]],
    ['negative quantity on the second line', [good, { ...good, quantity: -2 }], 0, [['INVALID_INPUT', 'lines.1.quantity']]],
    ['fractional quantity', [{ ...good, quantity: 1.5 }], 0, [['INVALID_INPUT', 'lines.0.quantity']]],
    ['negative price', [{ ...good, unitPriceCents: -1 }], 0, [['INVALID_INPUT', 'lines.0.unitPriceCents']]],
    ['fractional cents', [{ ...good, unitPriceCents: 10.5 }], 0, [['INVALID_INPUT', 'lines.0.unitPriceCents']]],
    ['blank description', [{ ...good, description: '   ' }], 0, [['INVALID_INPUT', 'lines.0.description']]],
    ['negative tax', [good], -1, [['INVALID_INPUT', 'taxRateBasisPoints']]],
    ['fractional tax', [good], 82.5, [['INVALID_INPUT', 'taxRateBasisPoints']]],
  ] as [string, { quantity: number; unitPriceCents: number; description: string }[], number, [string, string][]][])('%s', (_label, lines, tax, expected) => {
    expect(fieldsOf(checkOrderLines(lines, tax))).toEqual(expected);
  });
});
