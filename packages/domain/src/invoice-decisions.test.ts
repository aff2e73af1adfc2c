import { describe, expect, it } from 'vitest';
import type { Decision } from './errors.js';
import {
  checkExportBatch,
  decideCreateInvoice,
  decideExport,
  decidePayment,
  decideSend,
  decideUpdateInvoice,
  decideVoidInvoice,
  type InvoiceFacts,
} from './invoice-decisions.js';
import type { InvoiceStatus } from './invoices.js';
import type { Role } from './roles.js';
import { invoiceCan } from './invoice-permissions.js';
import { NO_DEPOSITS, type SalesOrderFacts } from './sales-order-decisions.js';
import { NO_DOCUMENTS, type LineState } from './sales-orders.js';

const codes = (d: Decision<unknown>): string[] => (d.ok ? [] : d.errors.map((e) => e.code));
const ENUM_LIKE = /\b[A-Z]{2,}(_[A-Z]+)+\b|\b(OPEN|VOID|PAID|EXPORTED|SHIPPED|INVOICED)\b|cents/;

function line(id: string, over: Partial<LineState> = {}): LineState {
  return { id, quantity: 500, cancelled: 0, invoiced: 0, scheduled: 0, received: 0, inventoried: false, unitPriceCents: 1250, description: `Item ${id}`, productId: `p-${id}`, ...over };
}

function order(over: Partial<SalesOrderFacts> = {}): SalesOrderFacts {
  return {
    number: 'SO-1001',
    version: 1,
    status: 'READY_TO_BE_INVOICED',
    locked: false,
    taxRateBasisPoints: 825,
    lines: [line('a', { received: 300 })],
    documents: NO_DOCUMENTS,
    liveInvoices: 0,
    purchaseOrders: { anySubmitted: true, allLiveShipped: false },
    deposits: NO_DEPOSITS,
    ...over,
  };
}

function invoice(over: Partial<InvoiceFacts> = {}): InvoiceFacts {
  return {
    number: 'INV-1001',
    kind: 'STANDARD',
    status: 'OPEN',
    invoiceDate: '2026-12-01',
    dueDate: '2026-12-31',
    subtotalCents: 375_000,
    taxableCents: 375_000,
    taxCents: 30_938,
    totalCents: 405_938,
    paidCents: 0,
    depositAppliedCents: 0,
    depositAppliedNamed: false,
    creditedCents: 0,
    creditedTaxableCents: 0,
    creditedTaxCents: 0,
    refundedCents: 0,
    version: 2,
    lines: [{ id: 'il-a', salesOrderLineId: 'a', position: 1, description: 'Item a', quantity: 300, unitPriceCents: 1250, taxable: true, credited: 0, released: 0 }],
    ...over,
  };
}

describe('decideCreateInvoice: the whole decision, figures as of the new document', () => {
  it('workflow A’s first invoice: 300 of 500 mugs at 12.50 and 8.25 %', () => {
    const d = decideCreateInvoice(order());
    if (!d.ok) throw new Error(JSON.stringify(d.errors));
    expect(d.value).toMatchObject({ subtotalCents: 375_000, taxCents: 30_938, totalCents: 405_938 });
    expect(d.value.lines).toEqual([expect.objectContaining({ salesOrderLineId: 'a', quantity: 300, totalCents: 375_000 })]);
    expect([...d.value.deltas]).toEqual([['a', 300]]);
    expect(d.value.order.status).toBe('BACKORDERED');
    expect(d.value.order.locked).toBe(false);
    // Right after it: 405,938 invoiced and 200 mugs (250,000 + 20,625 tax) still to invoice.
    expect(d.value.order.figures).toMatchObject({ invoicedCents: 405_938, remainingCents: 270_625 });
    expect(d.value.stillToFollow).toEqual([{ salesOrderLineId: 'a', description: 'Item a', remaining: 200, backordered: 200 }]);
    for (const e of d.value.events) expect(e.message).not.toMatch(ENUM_LIKE);
  });

  it('the invoice that takes the rest closes the order', () => {
    const d = decideCreateInvoice(order({ lines: [line('a', { received: 500, invoiced: 300 })], documents: { invoicedCents: 405_938, taxableCents: 375_000, taxCents: 30_938 } }));
    expect(d.ok && d.value.order).toMatchObject({ status: 'INVOICED', locked: true, figures: { remainingCents: 0, invoicedCents: 676_563 } });
    expect(d.ok && d.value.stillToFollow).toEqual([]);
  });

  it('stocked goods leave scheduled as they are invoiced', () => {
    const d = decideCreateInvoice(order({ lines: [line('s', { inventoried: true, quantity: 100, scheduled: 60 })] }));
    expect(d.ok && d.value.order.lines[0]).toMatchObject({ invoiced: 60, scheduled: 0 });
  });

  it.each([
    ['a line of another order → NOT_FOUND before everything', order({ status: 'CANCELLED' }), [{ salesOrderLineId: 'zz', quantity: -1 }], 'NOT_FOUND'],
    ['a negative quantity → INVALID_INPUT before the transition', order({ status: 'CANCELLED' }), [{ salesOrderLineId: 'a', quantity: -1 }], 'INVALID_INPUT'],
    ['all zero → INVALID_INPUT before the lock', order({ status: 'INVOICED', locked: true }), [{ salesOrderLineId: 'a', quantity: 0 }], 'INVALID_INPUT'],
    ['a cancelled order → INVALID_TRANSITION', order({ status: 'CANCELLED' }), [{ salesOrderLineId: 'a', quantity: 1 }], 'INVALID_TRANSITION'],
    ['a locked order → LOCKED before comparing quantities', order({ status: 'INVOICED', locked: true }), [{ salesOrderLineId: 'a', quantity: 9999 }], 'LOCKED'],
    ['more than remains → OVER_INVOICE', order(), [{ salesOrderLineId: 'a', quantity: 501 }], 'OVER_INVOICE'],
    ['nothing ready by default → INVALID_INPUT', order({ lines: [line('a')] }), null, 'INVALID_INPUT'],
  ] as const)('%s', (_label, facts, request, code) => {
    expect(codes(decideCreateInvoice(facts, request))).toEqual([code]);
  });

  it('a quantity above what was shipped is allowed on a drop-ship line (the rep decides what to bill)', () => {
    expect(decideCreateInvoice(order(), [{ salesOrderLineId: 'a', quantity: 500 }]).ok).toBe(true);
  });
});

describe('decideUpdateInvoice', () => {
  const o = order({ status: 'BACKORDERED', lines: [line('a', { received: 500, invoiced: 300 })], documents: { invoicedCents: 405_938, taxableCents: 375_000, taxCents: 30_938 }, liveInvoices: 1 });

  it.each([
    ['a stale version → CONFLICT first', invoice({ status: 'PAID' }), { expectedVersion: 1, lines: [{ salesOrderLineId: 'zz', quantity: 1 }] }, 'CONFLICT'],
    ['an unknown line → NOT_FOUND', invoice(), { lines: [{ salesOrderLineId: 'zz', quantity: 1 }] }, 'NOT_FOUND'],
    ['a due date before the invoice date → INVALID_INPUT', invoice(), { dueDate: '2026-11-30' }, 'INVALID_INPUT'],
    ['a sent invoice → LOCKED, also for the due date', invoice({ status: 'SENT_TO_CLIENT' }), { dueDate: '2027-01-15' }, 'LOCKED'],
    ['more than on the invoice + remaining → OVER_INVOICE', invoice(), { lines: [{ salesOrderLineId: 'a', quantity: 501 }] }, 'OVER_INVOICE'],
    ['every line off → INVALID_INPUT (void it instead)', invoice(), { lines: [{ salesOrderLineId: 'a', quantity: 0 }] }, 'INVALID_INPUT'],
    ['below what is paid → INVALID_INPUT', invoice({ paidCents: 400_000 }), { lines: [{ salesOrderLineId: 'a', quantity: 100 }] }, 'INVALID_INPUT'],
  ] as const)('%s', (_label, inv, input, code) => {
    expect(codes(decideUpdateInvoice(inv, o, input))).toEqual([code]);
  });

  it('raising the quantity takes it from what remains; the figures after are the order’s right after the edit', () => {
    const d = decideUpdateInvoice(invoice(), o, { lines: [{ salesOrderLineId: 'a', quantity: 500 }], expectedVersion: 2 });
    if (!d.ok || !('lines' in d.value)) throw new Error('expected a new invoice');
    expect([...d.value.deltas]).toEqual([['a', 200]]);
    expect(d.value.totalCents).toBe(676_563);
    expect(d.value.order).toMatchObject({ status: 'INVOICED', locked: true, figures: { invoicedCents: 676_563, remainingCents: 0 } });
  });

  it('a due date alone changes only the due date', () => {
    const d = decideUpdateInvoice(invoice(), o, { dueDate: '2027-01-31' });
    expect(d.ok && !('lines' in d.value) && d.value.dueDate).toBe('2027-01-31');
  });
});

describe('decideVoidInvoice', () => {
  const o = order({ status: 'INVOICED', locked: true, lines: [line('a', { received: 500, invoiced: 500 })], documents: { invoicedCents: 676_563, taxableCents: 625_000, taxCents: 51_563 }, liveInvoices: 2 });
  it.each([
    ['no reason', invoice(), '', 'INVALID_INPUT'],
    ['already void', invoice({ status: 'VOID' }), 'again', 'INVALID_TRANSITION'],
    ['a payment recorded → LOCKED', invoice({ status: 'PAID', paidCents: 405_938 }), 'wrong', 'LOCKED'],
  ] as const)('%s → %s', (_label, inv, reason, code) => expect(codes(decideVoidInvoice(inv, o, reason, 1))).toEqual([code]));

  it.each([
    ['another live invoice remains', 1, o, 'BACKORDERED'],
    ['the only invoice, its goods shipped: ready again', 0, o, 'READY_TO_BE_INVOICED'],
    ['a cancelled order keeps its status', 0, order({ status: 'CANCELLED' }), null],
  ] as const)('%s → %s', (_label, others, facts, status) => {
    const d = decideVoidInvoice(invoice(), facts, 'issued twice', others);
    expect(d.ok && d.value.orderStatus).toBe(status);
    expect(d.ok && [...d.value.deltas]).toEqual([['a', -300]]);
  });
});

describe('decidePayment', () => {
  it('says the balance as money, never in cents', () => {
    const d = decidePayment(invoice({ status: 'SENT_TO_CLIENT' }), 405_939);
    expect(!d.ok && d.errors[0]?.message).toBe('The balance due is $4,059.38; a payment cannot exceed it.');
  });
  it('the exact balance makes it PAID, and the event says so in words', () => {
    const d = decidePayment(invoice({ status: 'EXPORTED', paidCents: 5_938 }), 400_000);
    expect(d.ok && { status: d.value.status, paid: d.value.paidCents, message: d.value.events[0]?.message }).toEqual({
      status: 'PAID',
      paid: 405_938,
      message: 'INV-1001: payment of $4,000.00, balance $0.00, now paid',
    });
  });
  it('a reference over 200 characters is refused before anything else', () => {
    expect(codes(decidePayment(invoice({ status: 'VOID' }), -1, 'r'.repeat(201)))).toEqual(['INVALID_INPUT']);
  });
});

describe('decideSend', () => {
  const client = { name: 'Globex', email: 'AP@Globex.test' };
  it.each([
    ['21 addresses', Array.from({ length: 21 }, (_, i) => `a${i}@x.test`), invoice(), client, 'INVALID_INPUT'],
    ['a bad address, even on a paid invoice', ['not-mail'], invoice({ status: 'PAID' }), client, 'INVALID_INPUT'],
    ['a paid invoice → INVALID_TRANSITION before the missing address', null, invoice({ status: 'PAID' }), { name: 'X', email: null }, 'INVALID_TRANSITION'],
    ['no address anywhere → INVALID_INPUT', null, invoice(), { name: 'X', email: null }, 'INVALID_INPUT'],
  ] as const)('%s', (_label, to, inv, c, code) => expect(codes(decideSend(inv, to, c))).toEqual([code]));

  it('defaults to the client’s e-mail, normalised; given addresses replace it, each once', () => {
    expect(decideSend(invoice(), null, client)).toMatchObject({ ok: true, value: { status: 'SENT_TO_CLIENT', recipients: ['ap@globex.test'] } });
    expect(decideSend(invoice({ status: 'SENT_TO_CLIENT' }), ['B@x.test', 'b@x.test '], client)).toMatchObject({ ok: true, value: { recipients: ['b@x.test'] } });
  });
});

describe('exporting', () => {
  it.each([
    [[], 'INVALID_INPUT'],
    [['a', 'a'], 'INVALID_INPUT'],
    [Array.from({ length: 501 }, (_, i) => `i${i}`), 'INVALID_INPUT'],
  ])('batch %#', (ids, code) => expect(checkExportBatch(ids).map((e) => e.code)).toEqual([code]));

  it('refuses each invoice that cannot go by its place in the list', () => {
    const d = decideExport([invoice(), invoice({ number: 'INV-1002', status: 'PAID' })]);
    expect(!d.ok && d.errors.map((e) => [e.code, e.field, e.message])).toEqual([['INVALID_TRANSITION', ['ids', '1'], 'INV-1002: This invoice is paid; only open or sent invoices are exported.']]);
  });
});

describe('invoiceCan: exactly what the mutations would answer', () => {
  const STATUSES: InvoiceStatus[] = ['OPEN', 'SENT_TO_CLIENT', 'EXPORTED', 'PAID', 'VOID'];
  const ROLES: Role[] = ['ADMIN', 'ORDER_REP', 'PRODUCTION_REP', 'INVOICING_REP', 'ACCOUNTANT', 'PURCHASING'];
  const expected = (status: InvoiceStatus, paid: boolean) => ({
    edit: status === 'OPEN' ? 'ok' : 'LOCKED',
    send: status === 'OPEN' || status === 'SENT_TO_CLIENT' ? 'ok' : 'INVALID_TRANSITION',
    export: status === 'OPEN' || status === 'SENT_TO_CLIENT' ? 'ok' : 'INVALID_TRANSITION',
    recordPayment: ['OPEN', 'SENT_TO_CLIENT', 'EXPORTED'].includes(status) ? 'ok' : 'INVALID_TRANSITION',
    void: status === 'VOID' ? 'INVALID_TRANSITION' : paid ? 'LOCKED' : 'ok',
  });
  it.each(STATUSES.flatMap((s) => [[s, false], [s, true]] as const).filter(([s, paid]) => !(s === 'PAID' && !paid)))('%s (something paid: %s)', (status, paid) => {
    const inv = invoice({ status, totalCents: 10_000, paidCents: status === 'PAID' ? 10_000 : paid ? 4_000 : 0 });
    for (const role of ROLES) {
      const can = invoiceCan(inv, [role], NO_DEPOSITS);
      const invoicing = role === 'ADMIN' || role === 'INVOICING_REP' || role === 'ACCOUNTANT';
      for (const [action, want] of Object.entries(expected(status, paid || status === 'PAID'))) {
        const p = can[action as keyof typeof can];
        expect(p.allowed ? 'ok' : p.code, `${action} as ${role}`).toBe(invoicing ? want : 'FORBIDDEN');
        if (!p.allowed) expect(p.reason).not.toMatch(ENUM_LIKE);
      }
    }
  });

  it('a paid invoice takes no more payments, and Void says why', () => {
    const paid = invoiceCan(invoice({ status: 'PAID', totalCents: 100, paidCents: 100 }), ['ACCOUNTANT'], NO_DEPOSITS);
    expect(paid.void).toEqual({ allowed: false, code: 'LOCKED', reason: 'A payment is recorded on this invoice; it cannot be voided.' });
    expect(paid.recordPayment.reason).toBe('This invoice is paid; it takes no payments.');
  });
});
