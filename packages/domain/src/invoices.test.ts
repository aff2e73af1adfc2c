import { describe, expect, it } from 'vitest';
import type { Decision } from './errors.js';
import { decideCreateInvoice, decidePayment, decideUpdateInvoice, decideVoidInvoice, type InvoiceFacts } from './invoice-decisions.js';
import { dueDate, isLiveInvoice, planExport, planSend, type InvoiceLineRequest, type InvoiceStatus } from './invoices.js';
import { NO_DEPOSITS, type SalesOrderFacts } from './sales-order-decisions.js';
import { NO_DOCUMENTS, type LineState } from './sales-orders.js';

// The rules below are read through the decisions the mutations run; these adapters take the part of
// each decision a table looks at (the quantities, the new paid amount), so the tables stay readable.
const mapped = <T, U>(d: Decision<T>, f: (v: T) => U): Decision<U> => (d.ok ? { ok: true, value: f(d.value) } : d);
const orderOf = (o: { locked: boolean }, lines: LineState[]): SalesOrderFacts => ({
  number: 'SO-1',
  version: 1,
  status: o.locked ? 'INVOICED' : 'BACKORDERED',
  locked: o.locked,
  taxRateBasisPoints: 0,
  lines,
  documents: NO_DOCUMENTS,
  liveInvoices: 0,
  purchaseOrders: { anySubmitted: false, allLiveShipped: false },
  deposits: NO_DEPOSITS,
});
const invoiceOf = ({ quantities, ...over }: Partial<InvoiceFacts> & { quantities?: ReadonlyMap<string, number> }): InvoiceFacts => ({
  number: 'INV-1',
  kind: 'STANDARD',
  status: 'OPEN',
  invoiceDate: '2026-01-01',
  dueDate: '2026-01-31',
  subtotalCents: 0,
  taxableCents: 0,
  taxCents: 0,
  totalCents: 0,
  paidCents: 0,
  depositAppliedCents: 0,
  depositAppliedNamed: false,
  creditedCents: 0,
  creditedTaxableCents: 0,
  creditedTaxCents: 0,
  refundedCents: 0,
  version: 1,
  lines: [...(quantities ?? new Map())].map(([salesOrderLineId, quantity], i) => ({
    id: `il-${salesOrderLineId}`,
    salesOrderLineId,
    position: i + 1,
    description: salesOrderLineId,
    quantity,
    unitPriceCents: 100,
    taxable: true,
    credited: 0,
    released: 0,
  })),
  ...over,
});
const planInvoice = (o: { locked: boolean }, lines: LineState[], request?: InvoiceLineRequest[] | null) =>
  mapped(decideCreateInvoice(orderOf(o, lines), request), (d) => new Map(d.lines.map((l) => [l.salesOrderLineId, l.quantity])));
const planInvoiceEdit = (inv: { status: InvoiceStatus; orderLocked: boolean }, current: ReadonlyMap<string, number>, lines: LineState[], changes: InvoiceLineRequest[]) =>
  mapped(decideUpdateInvoice(invoiceOf({ status: inv.status, quantities: current }), orderOf({ locked: inv.orderLocked }, lines), { lines: changes }), (d) =>
    'lines' in d ? { quantities: new Map(d.lines.map((l) => [l.salesOrderLineId, l.quantity])), deltas: d.deltas } : { quantities: new Map(current), deltas: new Map<string, number>() },
  );
const planPayment = (inv: { status: InvoiceStatus; totalCents: number; paidCents: number }, amount: number) =>
  mapped(decidePayment(invoiceOf(inv), amount), (d) => ({ paidCents: d.paidCents, status: d.status }));
const planVoid = (inv: { status: InvoiceStatus; paidCents: number }, reason: string | null | undefined) =>
  mapped(decideVoidInvoice(invoiceOf(inv), orderOf({ locked: false }, []), reason, 0), () => true);

const codes = (d: Decision<unknown>): string[] => (d.ok ? [] : d.errors.map((e) => e.code));
const fieldOf = (d: Decision<unknown>, i = 0): string[] | undefined => (d.ok ? undefined : d.errors[i]?.field);

const STATUSES: InvoiceStatus[] = ['OPEN', 'SENT_TO_CLIENT', 'EXPORTED', 'PAID', 'VOID'];

function line(id: string, over: Partial<LineState> = {}): LineState {
  return { id, quantity: 10, cancelled: 0, invoiced: 0, scheduled: 0, received: 0, inventoried: false, unitPriceCents: 100, ...over };
}

// a: drop-ship, 10 ordered, 6 received → remaining 10, readyToInvoice 6
// b: inventoried, 8 ordered, 2 invoiced, 3 scheduled → remaining 6, readyToInvoice 3
// c: drop-ship, all 4 cancelled → remaining 0
const a = line('a', { quantity: 10, received: 6 });
const b = line('b', { quantity: 8, invoiced: 2, scheduled: 3, inventoried: true });
const c = line('c', { quantity: 4, cancelled: 4 });
const LINES = [a, b, c];
const unlocked = { locked: false };
const locked = { locked: true };
const req = (...pairs: [string, number][]): InvoiceLineRequest[] => pairs.map(([salesOrderLineId, quantity]) => ({ salesOrderLineId, quantity }));
const planOf = (d: Decision<Map<string, number>>) => (d.ok ? Object.fromEntries(d.value) : d.errors.map((e) => e.code));

describe('isLiveInvoice', () => {
  it.each(STATUSES.map((s) => [s, s !== 'VOID'] as const))('%s → %s', (s, live) => expect(isLiveInvoice(s)).toBe(live));
});

describe('planInvoice', () => {
  describe('lines default to each line readyToInvoice', () => {
    it.each([
      ['drop-ship received + inventoried scheduled, nothing-remaining line left off', LINES, { a: 6, b: 3 }],
      ['drop-ship partly invoiced: received − invoiced', [line('a', { quantity: 10, received: 6, invoiced: 4 })], { a: 2 }],
      ['drop-ship received beyond what remains after cancelling', [line('a', { quantity: 10, cancelled: 3, received: 10 })], { a: 7 }],
      ['only the lines with something ready', [line('a', { received: 0 }), line('b', { inventoried: true, scheduled: 10 })], { b: 10 }],
    ] as [string, LineState[], Record<string, number>][])('%s', (_label, lines, expected) => {
      expect(planOf(planInvoice(unlocked, lines))).toEqual(expected);
      expect(planOf(planInvoice(unlocked, lines, null))).toEqual(expected);
    });

    it('nothing ready → INVALID_INPUT on lines', () => {
      const d = planInvoice(unlocked, [line('a'), line('b', { inventoried: true })]);
      expect(codes(d)).toEqual(['INVALID_INPUT']);
      expect(fieldOf(d)).toEqual(['lines']);
    });

    it('a locked order with nothing given answers LOCKED', () => {
      expect(codes(planInvoice(locked, [line('a', { invoiced: 10, received: 10 })]))).toEqual(['LOCKED']);
    });
  });

  describe('given quantities', () => {
    it.each([
      ['a drop-ship line up to remaining, beyond what was received', req(['a', 10]), { a: 10 }],
      ['an inventoried line up to scheduled', req(['b', 3]), { b: 3 }],
      ['both', req(['a', 1], ['b', 1]), { a: 1, b: 1 }],
      ['zero lines are left off the plan', req(['a', 0], ['b', 2], ['c', 0]), { b: 2 }],
      ['lines not named are not invoiced', req(['a', 5]), { a: 5 }],
    ] as [string, InvoiceLineRequest[], Record<string, number>][])('%s', (_label, request, expected) => {
      expect(planOf(planInvoice(unlocked, LINES, request))).toEqual(expected);
    });

    it.each([
      ['drop-ship above remaining', req(['a', 11]), 0],
      ['inventoried above remaining (and scheduled): OVER_INVOICE first', req(['b', 7]), 0],
      ['a fully cancelled line', req(['a', 1], ['c', 1]), 1],
    ] as [string, InvoiceLineRequest[], number][])('%s → OVER_INVOICE', (_label, request, index) => {
      const d = planInvoice(unlocked, LINES, request);
      expect(codes(d)).toEqual(['OVER_INVOICE']);
      expect(fieldOf(d)).toEqual(['lines', String(index), 'quantity']);
    });

    it('remaining counts cancelled and invoiced: 10 − 2 − 3 = 5', () => {
      const l = line('x', { quantity: 10, cancelled: 2, invoiced: 3, received: 10 });
      expect(planOf(planInvoice(unlocked, [l], req(['x', 5])))).toEqual({ x: 5 });
      expect(planOf(planInvoice(unlocked, [l], req(['x', 6])))).toEqual(['OVER_INVOICE']);
    });

    it('inventoried above scheduled but within remaining → INSUFFICIENT_STOCK', () => {
      const d = planInvoice(unlocked, LINES, req(['a', 1], ['b', 4]));
      expect(codes(d)).toEqual(['INSUFFICIENT_STOCK']);
      expect(fieldOf(d)).toEqual(['lines', '1', 'quantity']);
    });

    it('an inventoried line with nothing scheduled → INSUFFICIENT_STOCK', () => {
      expect(codes(planInvoice(unlocked, [line('s', { inventoried: true })], req(['s', 1])))).toEqual(['INSUFFICIENT_STOCK']);
    });

    it('all zero → INVALID_INPUT on lines', () => {
      const d = planInvoice(unlocked, LINES, req(['a', 0], ['b', 0]));
      expect(codes(d)).toEqual(['INVALID_INPUT']);
      expect(fieldOf(d)).toEqual(['lines']);
    });

    it('an empty list → INVALID_INPUT', () => {
      expect(codes(planInvoice(unlocked, LINES, []))).toEqual(['INVALID_INPUT']);
    });

    it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('quantity %s → INVALID_INPUT on that line', (q) => {
      const d = planInvoice(unlocked, LINES, req(['a', 1], ['b', q]));
      expect(codes(d)).toEqual(['INVALID_INPUT']);
      expect(fieldOf(d)).toEqual(['lines', '1', 'quantity']);
    });

    it('a line named twice → INVALID_INPUT', () => {
      const d = planInvoice(unlocked, LINES, req(['a', 1], ['a', 1]));
      expect(codes(d)).toEqual(['INVALID_INPUT']);
      expect(fieldOf(d)).toEqual(['lines', '1', 'salesOrderLineId']);
    });

    it('a line of another order → NOT_FOUND', () => {
      const d = planInvoice(unlocked, LINES, req(['a', 1], ['zz', 1]));
      expect(codes(d)).toEqual(['NOT_FOUND']);
      expect(fieldOf(d)).toEqual(['lines', '1', 'salesOrderLineId']);
    });
  });

  // Order of checks: NOT_FOUND → INVALID_INPUT → LOCKED → OVER_INVOICE → INSUFFICIENT_STOCK; the first failing answers.
  describe('order of checks', () => {
    it.each([
      ['NOT_FOUND before bad quantities, duplicates, the lock and quantities', locked, req(['a', 99], ['b', -1], ['b', 1], ['zz', 1]), 'NOT_FOUND'],
      ['INVALID_INPUT before the lock and over-invoicing', locked, req(['a', 99], ['b', -1]), 'INVALID_INPUT'],
      ['duplicates (INVALID_INPUT) before the lock', locked, req(['a', 1], ['a', 1]), 'INVALID_INPUT'],
      ['LOCKED before OVER_INVOICE', locked, req(['a', 99]), 'LOCKED'],
      ['LOCKED before INSUFFICIENT_STOCK', locked, req(['b', 4]), 'LOCKED'],
      ['LOCKED on a request that would be fine', locked, req(['a', 1]), 'LOCKED'],
      ['OVER_INVOICE before INSUFFICIENT_STOCK on another line', unlocked, req(['b', 4], ['a', 11]), 'OVER_INVOICE'],
      // "All zero" is an input value out of range: INVALID_INPUT comes before LOCKED.
      ['all-zero quantities (INVALID_INPUT) before the lock', locked, req(['a', 0], ['b', 0]), 'INVALID_INPUT'],
    ] as [string, { locked: boolean }, InvoiceLineRequest[], string][])('%s', (_label, order, request, code) => {
      const d = planInvoice(order, LINES, request);
      expect(d.ok).toBe(false);
      expect(new Set(codes(d))).toEqual(new Set([code]));
    });
  });
});

describe('planInvoiceEdit', () => {
  // The invoice holds a: 3 and b: 2. The order lines' invoiced include them.
  // a: drop-ship 10 ordered, 3 invoiced (this invoice), 5 received → remaining 7
  // b: inventoried 8 ordered, 2 invoiced (this invoice), 3 more scheduled → remaining 6
  // d: drop-ship 5 ordered, nothing invoiced → remaining 5
  const ea = line('a', { quantity: 10, invoiced: 3, received: 5 });
  const eb = line('b', { quantity: 8, invoiced: 2, scheduled: 3, inventoried: true });
  const ed = line('d', { quantity: 5 });
  const EL = [ea, eb, ed];
  const current = new Map([
    ['a', 3],
    ['b', 2],
  ]);
  const open = { status: 'OPEN' as InvoiceStatus, orderLocked: false };
  const edit = (changes: InvoiceLineRequest[], inv = open, cur: ReadonlyMap<string, number> = current, lines = EL) => planInvoiceEdit(inv, cur, lines, changes);
  const result = (d: ReturnType<typeof edit>) =>
    d.ok ? { quantities: Object.fromEntries(d.value.quantities), deltas: Object.fromEntries(d.value.deltas) } : d.errors.map((e) => e.code);

  it.each([
    ['raise a up to what is on the invoice + remaining (3 + 7)', req(['a', 10]), { a: 10, b: 2 }, { a: 7 }],
    ['lower a', req(['a', 1]), { a: 1, b: 2 }, { a: -2 }],
    ['take a off with 0', req(['a', 0]), { b: 2 }, { a: -3 }],
    ['raise b by exactly the scheduled 3', req(['b', 5]), { a: 3, b: 5 }, { b: 3 }],
    ['lower b below scheduled freely', req(['b', 1]), { a: 3, b: 1 }, { b: -1 }],
    ['add a line not on the invoice yet', req(['d', 4]), { a: 3, b: 2, d: 4 }, { d: 4 }],
    ['same quantity: no delta', req(['a', 3]), { a: 3, b: 2 }, {}],
    ['0 on a line not on the invoice: nothing', req(['d', 0]), { a: 3, b: 2 }, {}],
    ['several changes at once', req(['a', 0], ['b', 4], ['d', 5]), { b: 4, d: 5 }, { a: -3, b: 2, d: 5 }],
  ] as [string, InvoiceLineRequest[], Record<string, number>, Record<string, number>][])('%s', (_label, changes, quantities, deltas) => {
    expect(result(edit(changes))).toEqual({ quantities, deltas });
  });

  it('does not change the current map it was given', () => {
    edit(req(['a', 0], ['d', 1]));
    expect(Object.fromEntries(current)).toEqual({ a: 3, b: 2 });
  });

  it.each([
    ['a above on-invoice + remaining (11 > 3 + 7)', req(['a', 11]), 'OVER_INVOICE'],
    ['d above remaining', req(['d', 6]), 'OVER_INVOICE'],
    ['b above on-invoice + remaining (9 > 2 + 6), also above scheduled: OVER_INVOICE first', req(['b', 9]), 'OVER_INVOICE'],
    ['b raised by 4 with only 3 scheduled', req(['b', 6]), 'INSUFFICIENT_STOCK'],
    ['an inventoried line added beyond scheduled', req(['s', 1]), 'INSUFFICIENT_STOCK'],
    ['over on one line, short stock on another: OVER_INVOICE answers', req(['b', 6], ['d', 6]), 'OVER_INVOICE'],
    ['every line taken off', req(['a', 0], ['b', 0]), 'INVALID_INPUT'],
    ['a line named twice', req(['a', 1], ['a', 2]), 'INVALID_INPUT'],
    ['a negative quantity', req(['a', -1]), 'INVALID_INPUT'],
    ['a fractional quantity', req(['a', 2.5]), 'INVALID_INPUT'],
    ['a line of another order', req(['zz', 1]), 'NOT_FOUND'],
  ] as [string, InvoiceLineRequest[], string][])('%s → %s', (_label, changes, code) => {
    const lines = [...EL, line('s', { inventoried: true })];
    const d = edit(changes, open, current, lines);
    expect(d.ok).toBe(false);
    expect(new Set(codes(d))).toEqual(new Set([code]));
  });

  // "Lines change only while OPEN (LOCKED otherwise)"; a locked order answers LOCKED too.
  it.each(STATUSES.filter((s) => s !== 'OPEN'))('a %s invoice → LOCKED', (status) => {
    expect(codes(edit(req(['a', 1]), { status, orderLocked: false }))).toEqual(['LOCKED']);
  });

  it('an OPEN invoice of a locked order → LOCKED', () => {
    expect(codes(edit(req(['a', 1]), { status: 'OPEN', orderLocked: true }))).toEqual(['LOCKED']);
  });

  it.each([
    ['NOT_FOUND before INVALID_INPUT and LOCKED', req(['a', -1], ['zz', 1]), 'NOT_FOUND'],
    ['INVALID_INPUT before LOCKED', req(['a', -1]), 'INVALID_INPUT'],
    ['LOCKED before OVER_INVOICE', req(['a', 99]), 'LOCKED'],
    ['LOCKED before INSUFFICIENT_STOCK', req(['b', 6]), 'LOCKED'],
  ] as [string, InvoiceLineRequest[], string][])('order of checks on a SENT_TO_CLIENT invoice: %s', (_label, changes, code) => {
    expect(new Set(codes(edit(changes, { status: 'SENT_TO_CLIENT', orderLocked: false })))).toEqual(new Set([code]));
  });
});

describe('planPayment', () => {
  const inv = (status: InvoiceStatus, totalCents = 10_000, paidCents = 0) => ({ status, totalCents, paidCents });
  const PAYABLE: InvoiceStatus[] = ['OPEN', 'SENT_TO_CLIENT', 'EXPORTED'];

  it.each([0, -1, -10_000, 0.5, 12.34, Number.NaN, Number.POSITIVE_INFINITY])('amount %s → INVALID_INPUT on amountCents', (amount) => {
    for (const status of STATUSES) {
      const d = planPayment(inv(status), amount);
      expect(codes(d)).toEqual(['INVALID_INPUT']);
      expect(fieldOf(d)).toEqual(['amountCents']);
    }
  });

  it('a payment on a VOID invoice → INVALID_TRANSITION', () => {
    expect(codes(planPayment(inv('VOID', 10_000, 0), 100))).toEqual(['INVALID_TRANSITION']);
  });

  it.each(PAYABLE.flatMap((s) => [[s, 0, 10_001], [s, 4_000, 6_001], [s, 9_999, 2]] as const))('%s with %s paid: %s exceeds the balance → INVALID_INPUT', (status, paid, amount) => {
    expect(codes(planPayment(inv(status, 10_000, paid), amount))).toEqual(['INVALID_INPUT']);
  });

  it.each(PAYABLE.flatMap((s) => [[s, 0, 1, 1], [s, 0, 4_000, 4_000], [s, 4_000, 5_999, 9_999]] as const))('%s with %s paid, pays %s → %s paid, status unchanged', (status, paid, amount, paidAfter) => {
    expect(planPayment(inv(status, 10_000, paid), amount)).toEqual({ ok: true, value: { paidCents: paidAfter, status } });
  });

  it.each(PAYABLE.flatMap((s) => [[s, 0, 10_000], [s, 4_000, 6_000], [s, 9_999, 1]] as const))('%s with %s paid, pays the exact balance %s → PAID', (status, paid, amount) => {
    expect(planPayment(inv(status, 10_000, paid), amount)).toEqual({ ok: true, value: { paidCents: 10_000, status: 'PAID' } });
  });

  it('large amounts stay exact', () => {
    const total = 9_007_199_254_740_991;
    expect(planPayment(inv('EXPORTED', total, 1), total - 1)).toEqual({ ok: true, value: { paidCents: total, status: 'PAID' } });
  });
});

describe('planVoid', () => {
  it.each(STATUSES.filter((s) => s !== 'VOID' && s !== 'PAID'))('%s with no payment and a reason → allowed', (status) => {
    expect(planVoid({ status, paidCents: 0 }, 'wrong quantities')).toEqual({ ok: true, value: true });
  });

  it('VOID → INVALID_TRANSITION', () => {
    expect(codes(planVoid({ status: 'VOID', paidCents: 0 }, 'again'))).toEqual(['INVALID_TRANSITION']);
  });

  it.each([
    ['', ['INVALID_INPUT']],
    ['   ', ['INVALID_INPUT']],
    ['x'.repeat(500), []],
    ['x'.repeat(501), ['INVALID_INPUT']],
  ])('reason of %#: %j', (reason, expected) => {
    expect(codes(planVoid({ status: 'OPEN', paidCents: 0 }, reason))).toEqual(expected);
  });

  it.each([
    ['PAID', 10_000],
    ['SENT_TO_CLIENT', 1],
    ['EXPORTED', 5_000],
    ['OPEN', 1],
  ] as const)('%s with %s paid → LOCKED', (status, paidCents) => {
    expect(codes(planVoid({ status, paidCents }, 'wrong'))).toEqual(['LOCKED']);
  });

  it.each(STATUSES.flatMap((s) => [[s, undefined], [s, null], [s, ''], [s, '  ']] as const))('%s with reason %j → INVALID_INPUT on reason', (status, reason) => {
    const d = planVoid({ status, paidCents: status === 'PAID' ? 100 : 0 }, reason);
    expect(codes(d)).toEqual(['INVALID_INPUT']);
    expect(fieldOf(d)).toEqual(['reason']);
  });

  it('a VOID invoice with a payment: the transition answers before the lock', () => {
    expect(codes(planVoid({ status: 'VOID', paidCents: 100 }, 'x'))).toEqual(['INVALID_TRANSITION']);
  });
});

describe('planExport', () => {
  it.each([
    ['OPEN', true],
    ['SENT_TO_CLIENT', true],
    ['EXPORTED', false],
    ['PAID', false],
    ['VOID', false],
  ] as const)('%s → %s', (status, ok) => {
    const d = planExport(status);
    if (ok) expect(d).toEqual({ ok: true, value: 'EXPORTED' });
    else expect(codes(d)).toEqual(['INVALID_TRANSITION']);
  });
});

describe('dueDate = invoice date + payment terms', () => {
  it.each([
    ['2024-10-01', 30, '2024-10-31'],
    ['2024-10-15', 0, '2024-10-15'],
    ['2024-01-31', 30, '2024-03-01'],
    ['2023-01-31', 30, '2023-03-02'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-15', 30, '2025-01-14'],
    ['2024-03-30', 1, '2024-03-31'],
    ['2024-10-26', 7, '2024-11-02'],
    ['2024-01-01', 365, '2024-12-31'],
    ['2024-06-30', 60, '2024-08-29'],
  ] as const)('%s + %s days → %s', (date, days, expected) => {
    expect(dueDate(date, days)).toBe(expected);
  });
});

describe('planSend', () => {
  it.each([
    ['OPEN', true],
    ['SENT_TO_CLIENT', true],
    ['EXPORTED', false],
    ['PAID', false],
    ['VOID', false],
  ] as const)('%s → %s', (status, allowed) => {
    const d = planSend(status);
    expect(d.ok).toBe(allowed);
    if (d.ok) expect(d.value).toBe('SENT_TO_CLIENT');
    else expect(d.errors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
  });
});
