import { describe, expect, it } from 'vitest';
import type { Decision } from './errors.js';
import type { Role } from './roles.js';
import {
  checkSomethingReady,
  decideCancelQuantity,
  decideSalesOrderStatus,
  decideSchedule,
  salesOrderCan,
  STATUS_HAND_OFFS,
  NO_DEPOSITS,
  type SalesOrderFacts,
} from './sales-order-decisions.js';
import { NO_DOCUMENTS, type LineState, type SalesOrderStatus } from './sales-orders.js';

const codes = (d: Decision<unknown>): string[] => (d.ok ? [] : d.errors.map((e) => e.code));

function line(id: string, over: Partial<LineState> = {}): LineState {
  return { id, quantity: 10, cancelled: 0, invoiced: 0, scheduled: 0, received: 0, inventoried: false, unitPriceCents: 100, description: `Item ${id}`, productId: `p-${id}`, position: 1, ...over };
}

function order(over: Partial<SalesOrderFacts> = {}): SalesOrderFacts {
  return {
    number: 'SO-1001',
    version: 3,
    status: 'OPEN',
    locked: false,
    taxRateBasisPoints: 825,
    lines: [line('a')],
    documents: NO_DOCUMENTS,
    liveInvoices: 0,
    purchaseOrders: { anySubmitted: false, allLiveShipped: false },
    deposits: NO_DEPOSITS,
    ...over,
  };
}

const ALL: Role[] = ['ADMIN', 'ORDER_REP', 'PRODUCTION_REP', 'INVOICING_REP', 'ACCOUNTANT', 'PURCHASING'];
const noFacts = { free: () => 0, onPurchaseOrders: () => 0 };

describe('salesOrderCan: the role first, then the order state, then "nothing to do" — the mutations’ own checks', () => {
  type Row = [label: string, facts: Partial<SalesOrderFacts>, action: keyof ReturnType<typeof salesOrderCan>, extra: Partial<typeof noFacts>, byRole: Partial<Record<Role, string>>];
  const shipped300of500 = [line('a', { quantity: 500, received: 300 })];
  const backordered = [line('a', { quantity: 500, received: 300, invoiced: 300 })];
  const invoicedAll = [line('a', { quantity: 500, received: 500, invoiced: 500 })];
  const stocked = [line('s', { inventoried: true, quantity: 100, scheduled: 60 })];
  const stockedNothing = [line('s', { inventoried: true, quantity: 100 })];
  const rows: Row[] = [
    ['300 of 500 shipped: invoicing may invoice', { status: 'READY_TO_BE_INVOICED', lines: shipped300of500 }, 'createInvoice', {}, { ADMIN: 'ok', INVOICING_REP: 'ok', ACCOUNTANT: 'ok', ORDER_REP: 'FORBIDDEN', PRODUCTION_REP: 'FORBIDDEN', PURCHASING: 'FORBIDDEN' }],
    ['nothing shipped: nothing ready', { status: 'IN_PRODUCTION' }, 'createInvoice', {}, { INVOICING_REP: 'INVALID_INPUT', ORDER_REP: 'FORBIDDEN' }],
    ['backordered: nothing ready until goods arrive', { status: 'BACKORDERED', lines: backordered }, 'createInvoice', {}, { ACCOUNTANT: 'INVALID_INPUT' }],
    ['fully invoiced and locked', { status: 'INVOICED', locked: true, lines: invoicedAll }, 'createInvoice', {}, { INVOICING_REP: 'LOCKED', ORDER_REP: 'FORBIDDEN' }],
    ['cancelled order', { status: 'CANCELLED', lines: shipped300of500 }, 'createInvoice', {}, { INVOICING_REP: 'INVALID_TRANSITION' }],
    ['scheduled stock is ready', { status: 'SCHEDULED', lines: stocked }, 'createInvoice', {}, { INVOICING_REP: 'ok' }],
    ['cancel: order reps on an open order', { status: 'OPEN' }, 'cancelQuantity', {}, { ORDER_REP: 'ok', ADMIN: 'ok', INVOICING_REP: 'FORBIDDEN', PURCHASING: 'FORBIDDEN' }],
    ['cancel: locked → LOCKED', { status: 'INVOICED', locked: true, lines: invoicedAll }, 'cancelQuantity', {}, { ORDER_REP: 'LOCKED' }],
    ['cancel: cancelled order → INVALID_TRANSITION', { status: 'CANCELLED' }, 'cancelQuantity', {}, { ORDER_REP: 'INVALID_TRANSITION' }],
    ['cancel: nothing remains (all cancelled) → INVALID_INPUT', { status: 'BACKORDERED', lines: [line('a', { cancelled: 10 })] }, 'cancelQuantity', {}, { ORDER_REP: 'INVALID_INPUT' }],
    ['schedule: stock free', { status: 'OPEN', lines: stockedNothing }, 'schedule', { free: () => 5 }, { PURCHASING: 'ok', ADMIN: 'ok', ORDER_REP: 'FORBIDDEN' }],
    ['schedule: no stock free', { status: 'OPEN', lines: stockedNothing }, 'schedule', {}, { PURCHASING: 'INSUFFICIENT_STOCK' }],
    ['schedule: everything already scheduled', { status: 'SCHEDULED', lines: [line('s', { inventoried: true, quantity: 10, scheduled: 10 })] }, 'schedule', { free: () => 5 }, { PURCHASING: 'INSUFFICIENT_STOCK' }],
    ['schedule: a drop-ship order has nothing to schedule', { status: 'OPEN' }, 'schedule', { free: () => 5 }, { PURCHASING: 'INSUFFICIENT_STOCK' }],
    ['schedule: closed order', { status: 'INVOICED', locked: true, lines: invoicedAll }, 'schedule', { free: () => 5 }, { PURCHASING: 'INVALID_TRANSITION' }],
    ['buy: drop-ship line not on a PO', { status: 'OPEN' }, 'createPurchaseOrders', {}, { PRODUCTION_REP: 'ok', PURCHASING: 'ok', ORDER_REP: 'FORBIDDEN' }],
    ['buy: everything on POs', { status: 'OPEN' }, 'createPurchaseOrders', { onPurchaseOrders: () => 10 }, { PRODUCTION_REP: 'INVALID_INPUT' }],
    ['buy: stocked lines are never bought for the order', { status: 'OPEN', lines: stockedNothing }, 'createPurchaseOrders', {}, { PRODUCTION_REP: 'INVALID_INPUT' }],
    ['buy: nothing is bought for a cancelled order', { status: 'CANCELLED' }, 'createPurchaseOrders', {}, { PRODUCTION_REP: 'INVALID_TRANSITION', ORDER_REP: 'FORBIDDEN' }],
  ];
  it.each(rows)('%s', (_label, facts, action, extra, byRole) => {
    for (const [role, want] of Object.entries(byRole)) {
      const p = salesOrderCan(order(facts), [role as Role], { ...noFacts, ...extra })[action];
      expect(p.allowed ? 'ok' : p.code, `${action} as ${role}`).toBe(want);
      if (p.allowed) expect(p.reason).toBeNull();
      else expect(p.reason).toMatch(/^[A-Z][^_]*[.]$/);
    }
  });

  it('reasons are in the users’ words: which roles may, and what waits for goods', () => {
    const forbidden = salesOrderCan(order(), ['PRODUCTION_REP'], noFacts).createInvoice;
    expect(forbidden).toEqual({ allowed: false, code: 'FORBIDDEN', reason: 'Only invoicing reps and accountants create invoices.' });
    const waiting = salesOrderCan(order({ lines: [line('a', { quantity: 500, received: 300, invoiced: 300, description: 'Classic tee' })] }), ['INVOICING_REP'], noFacts).createInvoice;
    expect(waiting.reason).toBe('Nothing is ready to invoice yet: waiting for 200 × Classic tee.');
  });

  it('ADMIN holds every role', () => {
    const all = salesOrderCan(order({ lines: [line('a', { received: 5 })] }), ['ADMIN'], { free: () => 0, onPurchaseOrders: () => 0 });
    expect(all.createInvoice.allowed && all.cancelQuantity.allowed && all.createPurchaseOrders.allowed).toBe(true);
  });
});

describe('checkSomethingReady', () => {
  it('lists at most three waiting lines', () => {
    const lines = ['a', 'b', 'c', 'd'].map((id) => line(id, { quantity: 2 }));
    expect(checkSomethingReady(lines)[0]?.message).toBe('Nothing is ready to invoice yet: waiting for 2 × Item a, 2 × Item b and 2 × Item c and more.');
  });
  it('says so when nothing is left at all', () => {
    expect(checkSomethingReady([line('a', { cancelled: 10 })])[0]?.message).toBe('Nothing is left to invoice on this order.');
  });
});

describe('decideSalesOrderStatus', () => {
  it.each([
    ['a stale version → CONFLICT before anything else', order({ status: 'INVOICED', locked: true }), 'OPEN', ['ORDER_REP'], 'x'.repeat(501), 2, 'CONFLICT'],
    ['a reason over 500 characters → INVALID_INPUT', order(), 'CANCELLED', ['ORDER_REP'], 'x'.repeat(501), null, 'INVALID_INPUT'],
    ['BACKORDERED is never set by hand', order(), 'BACKORDERED', ['ADMIN'], null, null, 'INVALID_TRANSITION'],
    ['INVOICED is never set by hand', order(), 'INVOICED', ['ADMIN'], null, null, 'INVALID_TRANSITION'],
    ['a status the role does not set', order(), 'SCHEDULED', ['ORDER_REP'], null, null, 'INVALID_TRANSITION'],
    ['a closed order offers nothing (INVALID_TRANSITION before LOCKED)', order({ status: 'INVOICED', locked: true }), 'READY_TO_BE_INVOICED', ['PRODUCTION_REP'], null, null, 'INVALID_TRANSITION'],
    ['SCHEDULED with no free stock → INSUFFICIENT_STOCK', order({ lines: [line('s', { inventoried: true })] }), 'SCHEDULED', ['PURCHASING'], null, null, 'INSUFFICIENT_STOCK'],
  ] as [string, SalesOrderFacts, SalesOrderStatus, Role[], string | null, number | null, string][])('%s', (_label, facts, to, roles, reason, expected, code) => {
    expect(codes(decideSalesOrderStatus(facts, to, roles, reason, new Map(), expected))).toEqual([code]);
  });

  it('the version the caller saw, when current, lets the change through', () => {
    expect(decideSalesOrderStatus(order(), 'CLIENT_APPROVED', ['ORDER_REP'], null, new Map(), 3).ok).toBe(true);
  });

  it('SCHEDULED allocates free stock line by line and records how much', () => {
    const d = decideSalesOrderStatus(order({ lines: [line('s', { inventoried: true, quantity: 10, productId: 'p' })] }), 'SCHEDULED', ['PURCHASING'], null, new Map([['p', 6]]));
    expect(d.ok && [...d.value.allocations]).toEqual([['s', 6]]);
    expect(d.ok && d.value.events.map((e) => e.message)).toEqual(['SO-1001: 6 units scheduled from stock']);
  });

  it('CANCELLED gives back the stock scheduled to the order', () => {
    const d = decideSalesOrderStatus(order({ lines: [line('s', { inventoried: true, scheduled: 4 }), line('t')] }), 'CANCELLED', ['ORDER_REP'], 'client withdrew', new Map());
    expect(d.ok && d.value.releaseScheduled).toEqual(['s']);
  });
});

describe('decideCancelQuantity: DOMAIN.md’s order of checks', () => {
  const invoicedAll = [line('a', { invoiced: 10, received: 10 })];
  it.each([
    ['an unknown line → NOT_FOUND', order(), 'zz', 1, 'x', 'NOT_FOUND'],
    ['no reason → INVALID_INPUT, even on a locked order', order({ status: 'INVOICED', locked: true, lines: invoicedAll }), 'a', 1, '  ', 'INVALID_INPUT'],
    ['quantity 0 → INVALID_INPUT, even on a cancelled order', order({ status: 'CANCELLED' }), 'a', 0, 'x', 'INVALID_INPUT'],
    ['a cancelled order → INVALID_TRANSITION', order({ status: 'CANCELLED' }), 'a', 1, 'x', 'INVALID_TRANSITION'],
    ['a locked order → LOCKED before comparing with what remains', order({ status: 'INVOICED', locked: true, lines: invoicedAll }), 'a', 1, 'x', 'LOCKED'],
    ['more than remains → INVALID_INPUT', order({ lines: [line('a', { invoiced: 4 })] }), 'a', 7, 'x', 'INVALID_INPUT'],
  ] as [string, SalesOrderFacts, string, number, string, string][])('%s', (_label, facts, lineId, q, reason, code) => {
    expect(codes(decideCancelQuantity(facts, lineId, q, reason))).toEqual([code]);
  });

  it('releases scheduled stock first, and closes an order with a live invoice when nothing remains', () => {
    const facts = order({ status: 'BACKORDERED', liveInvoices: 1, lines: [line('s', { inventoried: true, quantity: 10, invoiced: 8, scheduled: 1 })] });
    const d = decideCancelQuantity(facts, 's', 2, 'client keeps 8');
    expect(d.ok && { cancelled: d.value.cancelled, release: d.value.releaseScheduled, after: d.value.after }).toEqual({ cancelled: 2, release: 1, after: { status: 'INVOICED', locked: true } });
  });

  it('leaves the status alone while something remains', () => {
    const d = decideCancelQuantity(order({ liveInvoices: 1 }), 'a', 3, 'x');
    expect(d.ok && d.value.after).toBeNull();
  });
});

describe('decideSchedule', () => {
  const stockedOrder = (number: string, productId: string, quantity: number) => order({ number, lines: [line(`${number}-l`, { inventoried: true, quantity, productId })] });
  const field = (i: number) => ['ids', String(i)];

  it('serves orders in the order given from one free-stock map; an order that gets nothing keeps its status', () => {
    const d = decideSchedule([stockedOrder('SO-1', 'p', 4), stockedOrder('SO-2', 'p', 4), stockedOrder('SO-3', 'p', 4)], new Map([['p', 6]]), false, field);
    expect(d.ok && d.value.allocations.map((a) => [...a.values()])).toEqual([[4], [2], []]);
    expect(d.ok && d.value.statuses).toEqual(['SCHEDULED', 'SCHEDULED', 'OPEN']);
  });

  it('a single order that gets nothing → INSUFFICIENT_STOCK', () => {
    expect(codes(decideSchedule([stockedOrder('SO-1', 'p', 4)], new Map(), true, () => ['id']))).toEqual(['INSUFFICIENT_STOCK']);
  });

  it('closed orders are refused by their place in the list', () => {
    const d = decideSchedule([stockedOrder('SO-1', 'p', 4), order({ number: 'SO-2', status: 'CANCELLED' })], new Map([['p', 9]]), false, field);
    expect(!d.ok && d.errors.map((e) => [e.code, e.field])).toEqual([['INVALID_TRANSITION', ['ids', '1']]]);
  });
});

describe('the hand-offs a status raises', () => {
  it.each([
    ['READY_TO_BE_INVOICED', 'READY_TO_INVOICE'],
    ['SHIPPED', 'SALES_ORDER_SHIPPED'],
    ['BACKORDERED', undefined],
    ['INVOICED', undefined],
  ] as const)('%s → %s', (status, handOff) => expect(STATUS_HAND_OFFS[status]).toBe(handOff));
});

describe('every role × every action on a grid of states: the reason is a sentence in the users’ words', () => {
  const states: Partial<SalesOrderFacts>[] = [
    {},
    { status: 'IN_PRODUCTION', purchaseOrders: { anySubmitted: true, allLiveShipped: false } },
    { status: 'BACKORDERED', lines: [line('a', { invoiced: 4, received: 4 })] },
    { status: 'INVOICED', locked: true, lines: [line('a', { invoiced: 10, received: 10 })] },
    { status: 'CANCELLED' },
    { status: 'SCHEDULED', lines: [line('s', { inventoried: true, scheduled: 10 })] },
  ];
  it('never shows an enum name, "cents" or a bare amount', () => {
    for (const s of states)
      for (const role of ALL)
        for (const p of Object.values(salesOrderCan(order(s), [role], noFacts))) {
          if (p.allowed) continue;
          expect(p.reason).not.toMatch(/\b[A-Z]{2,}(_[A-Z]+)+\b|\b(OPEN|SHIPPED|INVOICED|CANCELLED|SCHEDULED|LOCKED)\b|cents|(?<![-\d])\d{4,}\b/);
        }
  });
});
