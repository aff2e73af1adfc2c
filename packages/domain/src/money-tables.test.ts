// Issue 14's money rules, the tables money-rules.test.ts does not hold yet: each expectation is
// derived from DOMAIN.md's formula written out here with plain integer arithmetic (an oracle of its
// own), never copied from what the code answers.
import { describe, expect, it } from 'vitest';
import { decideCreditMemo, decideRefund, refundable } from './credit-memos.js';
import { decideDepositApplied, decideRequestDeposit } from './deposits.js';
import type { Decision } from './errors.js';
import { decideCreateInvoice, decideUpdateInvoice, decideVoidInvoice, type InvoiceDecision } from './invoice-decisions.js';
import { balanceOf, withDocument, type InvoiceFacts } from './invoice-facts.js';
import { NO_DEPOSITS, type DepositFacts, type SalesOrderFacts } from './sales-order-decisions.js';
import { NO_DOCUMENTS, orderFigures, orderLineQuantities, type LineState } from './sales-orders.js';

const codes = (d: Decision<unknown>): string[] => (d.ok ? [] : d.errors.map((e) => e.code));
const ok = <T>(d: Decision<T>): T => {
  if (!d.ok) throw new Error(JSON.stringify(d.errors));
  return d.value;
};

/** round(n / d) half up, for n ≥ 0, d > 0: the oracle's own rounding (BigInt, no float). */
const half = (n: bigint, d: bigint): number => Number((2n * n + d) / (2n * d));
/** DOMAIN.md: round(taxable × rate / 10 000), half up. */
const taxOf = (taxable: number, bp: number): number => half(BigInt(taxable) * BigInt(bp), 10_000n);

function line(id: string, over: Partial<LineState> = {}): LineState {
  return { id, quantity: 10, cancelled: 0, invoiced: 0, scheduled: 0, received: 0, inventoried: false, unitPriceCents: 100, description: `Item ${id}`, productId: `p-${id}`, ...over };
}
const charge = (id: string, kind: 'FREIGHT' | 'SETUP' | 'SERVICE', over: Partial<LineState> = {}): LineState => line(id, { kind, quantity: 1, productId: null, unitPriceCents: 5000, ...over });

function order(over: Partial<SalesOrderFacts> = {}): SalesOrderFacts {
  return {
    number: 'SO-1',
    version: 1,
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

function issued(d: InvoiceDecision, number: string, over: Partial<InvoiceFacts> = {}): InvoiceFacts {
  return {
    number,
    kind: 'STANDARD',
    status: 'SENT_TO_CLIENT',
    invoiceDate: '2026-12-01',
    dueDate: '2026-12-31',
    subtotalCents: d.subtotalCents,
    taxableCents: d.taxableCents,
    taxCents: d.taxCents,
    totalCents: d.totalCents,
    paidCents: 0,
    depositAppliedCents: d.depositAppliedCents,
    depositAppliedNamed: d.depositAppliedNamed,
    creditedCents: 0,
    creditedTaxableCents: 0,
    creditedTaxCents: 0,
    refundedCents: 0,
    version: 1,
    lines: d.lines.map((l) => ({ id: `il-${number}-${l.salesOrderLineId}`, salesOrderLineId: l.salesOrderLineId, position: l.position, description: l.description, quantity: l.quantity, unitPriceCents: l.unitPriceCents, taxable: l.taxable, credited: 0, released: l.released })),
    ...over,
  };
}

const after = (o: SalesOrderFacts, d: InvoiceDecision): SalesOrderFacts => ({ ...o, lines: d.order.lines, status: d.order.status, locked: d.order.locked, documents: d.order.documents, liveInvoices: o.liveInvoices + 1 });

describe('running-total tax, against the formula written out', () => {
  it('the k-th of 100 one-unit invoices carries round(k × 8.25) − round((k − 1) × 8.25) cents, each 8 or 9', () => {
    let o = order({ lines: [line('a', { quantity: 100, received: 100 })] });
    for (let k = 1; k <= 100; k++) {
      const d = ok(decideCreateInvoice(o, [{ salesOrderLineId: 'a', quantity: 1 }]));
      const expected = taxOf(k * 100, 825) - taxOf((k - 1) * 100, 825);
      expect(d.taxCents, `invoice ${k}`).toBe(expected);
      expect([8, 9]).toContain(d.taxCents);
      o = after(o, d);
    }
    expect(o.documents).toEqual({ invoicedCents: 10_825, taxableCents: 10_000, taxCents: 825 });
    expect(orderFigures(o.lines, 825, o.documents)).toMatchObject({ remainingCents: 0, totalCents: 10_825, somethingRemains: false });
  });

  it('with a void in the middle, every re-invoiced unit still carries 8 or 9 cents and the order comes to 10,825 exactly', () => {
    let o = order({ lines: [line('a', { quantity: 100, received: 100 })] });
    const live: InvoiceFacts[] = [];
    const taxes: number[] = [];
    for (let k = 0; k < 100; k++) {
      const d = ok(decideCreateInvoice(o, [{ salesOrderLineId: 'a', quantity: 1 }]));
      taxes.push(d.taxCents);
      live.push(issued(d, `INV-${k}`, { status: 'OPEN' }));
      o = after(o, d);
      if (k === 49 || k === 50) {
        // Void two in the middle (one 8-cent and one 9-cent invoice, whichever they are).
        const victim = live.splice(k === 49 ? 7 : 11, 1)[0];
        if (!victim) throw new Error('no victim');
        const v = ok(decideVoidInvoice(victim, o, 'duplicate', o.liveInvoices - 1));
        o = { ...o, lines: v.lines, documents: withDocument(o.documents, victim, -1), liveInvoices: o.liveInvoices - 1 };
      }
    }
    for (let k = 0; k < 2; k++) {
      const d = ok(decideCreateInvoice(o, [{ salesOrderLineId: 'a', quantity: 1 }]));
      taxes.push(d.taxCents);
      o = after(o, d);
    }
    expect(taxes.every((t) => t === 8 || t === 9)).toBe(true);
    expect(o.documents).toEqual({ invoicedCents: 10_825, taxableCents: 10_000, taxCents: 825 });
    expect(o).toMatchObject({ status: 'INVOICED', locked: true });
  });

  it.each([
    // [rate bp, unit price, units per invoice…]
    [825, 333, [1, 2, 3, 4]],
    [700, 199, [5, 5]],
    [1, 1, [1, 1, 1]],
    [10_000, 7, [3, 4]],
    [0, 999, [2, 8]],
    [625, 1_000_001, [7, 13]],
  ])('rate %i bp, %i-cent units, invoices of %j: each within a cent of its own rounded tax, the last brings the order to its lines', (bp, price, parts) => {
    const units = parts.reduce((a, b) => a + b, 0);
    let o = order({ taxRateBasisPoints: bp, lines: [line('a', { quantity: units, received: units, unitPriceCents: price })] });
    let done = 0;
    for (const n of parts) {
      const d = ok(decideCreateInvoice(o, [{ salesOrderLineId: 'a', quantity: n }]));
      done += n;
      expect(d.taxCents).toBe(taxOf(done * price, bp) - taxOf((done - n) * price, bp));
      expect(Math.abs(d.taxCents - taxOf(n * price, bp))).toBeLessThanOrEqual(1);
      o = after(o, d);
    }
    expect(o.documents.invoicedCents).toBe(units * price + taxOf(units * price, bp));
    expect(orderFigures(o.lines, bp, o.documents).remainingCents).toBe(0);
  });

  it('an edit takes only its own tax again; other documents keep theirs', () => {
    let o = order({ lines: [line('a', { quantity: 10, received: 10, unitPriceCents: 333 })] });
    const first = ok(decideCreateInvoice(o, [{ salesOrderLineId: 'a', quantity: 3 }]));
    o = after(o, first);
    const second = ok(decideCreateInvoice(o, [{ salesOrderLineId: 'a', quantity: 3 }]));
    o = after(o, second);
    const edited = ok(decideUpdateInvoice(issued(first, 'INV-1', { status: 'OPEN' }), o, { lines: [{ salesOrderLineId: 'a', quantity: 5 }] }));
    if (!('taxCents' in edited)) throw new Error('lines were edited');
    // Others: the second invoice only (999 taxable, its tax as it was).
    expect(edited.taxCents).toBe(Math.max(0, taxOf(999 + 5 * 333, 825) - second.taxCents));
    expect(edited.order.documents.taxCents).toBe(second.taxCents + edited.taxCents);
  });
});

describe('charge lines: invoiceWith named against the defaults', () => {
  it.each([
    ['freight named FIRST_INVOICE is ready at once', charge('c', 'FREIGHT', { invoiceWith: 'FIRST_INVOICE' }), 1],
    ['setup named LAST_INVOICE waits for the goods', charge('c', 'SETUP', { invoiceWith: 'LAST_INVOICE' }), 0],
    ['a service by default goes first', charge('c', 'SERVICE'), 1],
    ['freight by default waits', charge('c', 'FREIGHT'), 0],
  ])('%s', (_label, c, ready) => {
    const q = orderLineQuantities([line('g', { quantity: 10, received: 4 }), c]);
    expect(q[1]).toMatchObject({ readyToInvoice: ready, backordered: 0, scheduled: 0, shipped: 0 });
  });

  it('a cancelled charge is not ready and does not keep the order open', () => {
    const lines = [line('g', { quantity: 2, received: 2, invoiced: 2 }), charge('f', 'FREIGHT', { quantity: 2, cancelled: 2 })];
    expect(orderLineQuantities(lines)[1]).toMatchObject({ remaining: 0, readyToInvoice: 0 });
    expect(orderFigures(lines, 825).somethingRemains).toBe(false);
  });

  it('only freight left keeps the order open; its invoice completes it, with taxable and untaxed charges taxed by their flag', () => {
    const lines = [line('g', { quantity: 2, received: 2 }), charge('f', 'FREIGHT', { unitPriceCents: 1_999 }), charge('s', 'SETUP', { unitPriceCents: 5_001, taxable: false })];
    let o = order({ lines });
    const goods = ok(decideCreateInvoice(o, [{ salesOrderLineId: 'g', quantity: 2 }, { salesOrderLineId: 's', quantity: 1 }]));
    expect(goods).toMatchObject({ subtotalCents: 200 + 5_001, taxableCents: 200, taxCents: taxOf(200, 825) });
    o = after(o, goods);
    expect(o.status).toBe('BACKORDERED');
    expect(orderLineQuantities(o.lines)[1]).toMatchObject({ readyToInvoice: 1 });
    const rest = ok(decideCreateInvoice(o));
    expect(rest.lines.map((l) => l.salesOrderLineId)).toEqual(['f']);
    expect(rest.taxCents).toBe(taxOf(2_199, 825) - taxOf(200, 825));
    o = after(o, rest);
    expect(o).toMatchObject({ status: 'INVOICED', locked: true });
    expect(o.documents.invoicedCents).toBe(200 + 1_999 + 5_001 + taxOf(2_199, 825));
  });

  it('a charge of 0 cents is invoiced and taxes nothing', () => {
    const d = ok(decideCreateInvoice(order({ lines: [line('g', { quantity: 1, received: 1 }), charge('s', 'SETUP', { unitPriceCents: 0 })] })));
    expect(d.lines).toHaveLength(2);
    expect(d).toMatchObject({ subtotalCents: 100, taxCents: taxOf(100, 825) });
  });
});

describe('deposits: rounding and bounds', () => {
  const paid = (paidCents: number, appliedCents = 0): DepositFacts => ({ liveTotalCents: paidCents, paidCents, appliedCents, unpaidIds: [] });

  it.each([
    [1, 10_825],
    [33, 10_825],
    [50, 10_825], // 5,412.5 → 5,413
    [99, 10_825],
    [50, 1], // half a cent → 1
    [7, 3],
  ])('%i %% of an order totalling %i cents: half up', (percent, unitPrice) => {
    const o = order({ taxRateBasisPoints: 0, lines: [line('a', { quantity: 1, unitPriceCents: unitPrice })] });
    const expected = half(BigInt(unitPrice) * BigInt(percent), 100n);
    const d = decideRequestDeposit(o, { percent });
    if (expected < 1) expect(codes(d)).toEqual(['INVALID_INPUT']);
    else expect(ok(d).amountCents).toBe(expected);
  });

  it.each([
    // paid, invoice subtotal, order subtotal
    [10_000, 1, 3],
    [1, 1, 2],
    [99_999, 33_333, 100_000],
    [5, 0, 100],
    [123_457, 7, 7],
  ])('share of %i paid for a %i of %i subtotal: round half up, capped at what is available and the total', (paidCents, sub, orderSub) => {
    const total = sub + taxOf(sub, 825);
    const d = ok(decideDepositApplied({ deposits: paid(paidCents), alreadyApplied: 0, invoiceSubtotalCents: sub, invoiceTotalCents: total, orderSubtotalCents: orderSub, completes: false, named: null }));
    expect(d.appliedCents).toBe(Math.min(paidCents, total, half(BigInt(paidCents) * BigInt(sub), BigInt(orderSub))));
  });

  it('an order subtotal of 0 applies nothing by share', () => {
    expect(ok(decideDepositApplied({ deposits: paid(500), alreadyApplied: 0, invoiceSubtotalCents: 0, invoiceTotalCents: 0, orderSubtotalCents: 0, completes: false, named: null })).appliedCents).toBe(0);
  });

  it('the completing invoice takes all that is available, but never more than its total', () => {
    const input = { alreadyApplied: 0, invoiceSubtotalCents: 1_000, orderSubtotalCents: 10_000, completes: true, named: null };
    expect(ok(decideDepositApplied({ ...input, deposits: paid(5_000, 1_000), invoiceTotalCents: 10_000 })).appliedCents).toBe(4_000);
    expect(ok(decideDepositApplied({ ...input, deposits: paid(5_000, 1_000), invoiceTotalCents: 3_000 })).appliedCents).toBe(3_000);
  });

  it.each([
    ['0 is allowed', 0, true],
    ['the cap (available + what it applies already) is allowed', 3_000, true],
    ['one cent above is refused', 3_001, false],
    ['a negative amount is refused', -1, false],
    ['a fraction of a cent is refused', 0.5, false],
  ])('named on an edit: %s', (_label, named, allowed) => {
    // 5,000 paid, 4,000 applied of which 2,000 on this invoice: 3,000 is available to it.
    const d = decideDepositApplied({ deposits: paid(5_000, 4_000), alreadyApplied: 2_000, invoiceSubtotalCents: 9_000, invoiceTotalCents: 9_000, orderSubtotalCents: 20_000, completes: false, named });
    expect(d.ok).toBe(allowed);
    if (!allowed) expect(codes(d)).toEqual(['INVALID_INPUT']);
  });

  it('a named amount stays through an edit, lowered to the total when the total falls below it', () => {
    let o = order({ taxRateBasisPoints: 0, lines: [line('a', { quantity: 10, received: 10, unitPriceCents: 1_000 })], deposits: paid(9_000) });
    const d = ok(decideCreateInvoice(o, [{ salesOrderLineId: 'a', quantity: 5 }], 4_500));
    expect(d).toMatchObject({ depositAppliedCents: 4_500, depositAppliedNamed: true });
    o = { ...after(o, d), deposits: paid(9_000, 4_500) };
    const inv = issued(d, 'INV-1', { status: 'OPEN' });
    const six = ok(decideUpdateInvoice(inv, o, { lines: [{ salesOrderLineId: 'a', quantity: 6 }] }));
    expect(six).toMatchObject({ depositAppliedCents: 4_500, depositAppliedNamed: true });
    const two = ok(decideUpdateInvoice(inv, o, { lines: [{ salesOrderLineId: 'a', quantity: 2 }] }));
    expect(two).toMatchObject({ totalCents: 2_000, depositAppliedCents: 2_000 });
  });

  it('an unnamed share follows an edit', () => {
    let o = order({ taxRateBasisPoints: 0, lines: [line('a', { quantity: 10, received: 10, unitPriceCents: 1_000 })], deposits: paid(3_000) });
    const d = ok(decideCreateInvoice(o, [{ salesOrderLineId: 'a', quantity: 5 }]));
    expect(d.depositAppliedCents).toBe(1_500);
    o = { ...after(o, d), deposits: paid(3_000, 1_500) };
    const edited = ok(decideUpdateInvoice(issued(d, 'INV-1', { status: 'OPEN' }), o, { lines: [{ salesOrderLineId: 'a', quantity: 7 }] }));
    expect(edited).toMatchObject({ depositAppliedCents: 2_100, depositAppliedNamed: false });
  });

  it('the live deposits may reach the order’s total exactly, never a cent more', () => {
    const o = order({ taxRateBasisPoints: 825, lines: [line('a', { quantity: 3, unitPriceCents: 333 })] });
    const total = 999 + taxOf(999, 825);
    expect(ok(decideRequestDeposit(o, { amountCents: total })).amountCents).toBe(total);
    expect(codes(decideRequestDeposit(o, { amountCents: total + 1 }))).toEqual(['INVALID_INPUT']);
    expect(codes(decideRequestDeposit({ ...o, deposits: { ...NO_DEPOSITS, liveTotalCents: total } }, { amountCents: 1 }))).toEqual(['INVALID_INPUT']);
  });
});

describe('credit memos: limits across several memos', () => {
  const base = order({ lines: [line('a', { quantity: 10, received: 10, unitPriceCents: 1_234 }), line('b', { quantity: 4, received: 4, unitPriceCents: 999 })] });
  const made = ok(decideCreateInvoice(base));
  const invoiced = after(base, made);
  const inv = issued(made, 'INV-1');

  it('what earlier memos took back counts: 7 of 10 credited leaves 3', () => {
    const credited = { ...inv, lines: inv.lines.map((l) => (l.salesOrderLineId === 'a' ? { ...l, credited: 7 } : l)) };
    expect(codes(decideCreditMemo(credited, invoiced, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 4 }], reason: 'x' }))).toEqual(['OVER_CREDIT']);
    expect(ok(decideCreditMemo(credited, invoiced, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 3 }], reason: 'x' })).lines[0]).toMatchObject({ quantity: 3 });
  });

  it.each([
    ['a line named twice → INVALID_INPUT', [{ invoiceLineId: 'il-INV-1-a', quantity: 1 }, { invoiceLineId: 'il-INV-1-a', quantity: 1 }], 'x', 'INVALID_INPUT'],
    ['no lines → INVALID_INPUT', [], 'x', 'INVALID_INPUT'],
    ['a fractional quantity → INVALID_INPUT', [{ invoiceLineId: 'il-INV-1-a', quantity: 1.5 }], 'x', 'INVALID_INPUT'],
    ['an unknown line before a missing reason → NOT_FOUND', [{ invoiceLineId: 'nope', quantity: 1 }], '', 'NOT_FOUND'],
    ['a missing reason before too many units → INVALID_INPUT', [{ invoiceLineId: 'il-INV-1-a', quantity: 99 }], '', 'INVALID_INPUT'],
    ['too many on one of two lines → OVER_CREDIT', [{ invoiceLineId: 'il-INV-1-a', quantity: 10 }, { invoiceLineId: 'il-INV-1-b', quantity: 5 }], 'x', 'OVER_CREDIT'],
  ])('%s', (_label, lines, reason, code) => expect(codes(decideCreditMemo(inv, invoiced, { lines, reason }))).toEqual([code]));

  it('crediting unit by unit takes back exactly the invoice’s tax, each memo round(credited so far) − round(before)', () => {
    let facts = inv;
    let takenTax = 0;
    let taxableBefore = 0;
    const all = inv.lines.flatMap((l) => Array.from({ length: l.quantity }, () => l));
    all.forEach((l, i) => {
      const cm = ok(decideCreditMemo(facts, invoiced, { lines: [{ invoiceLineId: l.id, quantity: 1 }], reason: 'unit' }));
      expect(cm.totalCents).toBeLessThan(0);
      expect(cm.taxCents).toBeLessThanOrEqual(0);
      const last = i === all.length - 1;
      const expected = last ? inv.taxCents - takenTax : Math.min(inv.taxCents - takenTax, taxOf(taxableBefore + l.unitPriceCents, 825) - taxOf(taxableBefore, 825));
      expect(-cm.taxCents).toBe(expected);
      takenTax += -cm.taxCents;
      taxableBefore += l.unitPriceCents;
      facts = {
        ...facts,
        creditedCents: cm.invoice.creditedCents,
        creditedTaxableCents: taxableBefore,
        creditedTaxCents: takenTax,
        lines: facts.lines.map((x) => (x.id === l.id ? { ...x, credited: x.credited + 1 } : x)),
      };
    });
    expect(takenTax).toBe(inv.taxCents);
    expect(facts.creditedCents).toBe(inv.totalCents);
    expect(balanceOf(facts)).toBe(0);
  });

  it('an invoice credited at 0 cents (a free setup taken back) is not voided: LOCKED, like any credited invoice', () => {
    const free = order({ lines: [charge('s', 'SETUP', { unitPriceCents: 0 })] });
    const d = ok(decideCreateInvoice(free));
    const credited = ok(decideCreditMemo(issued(d, 'INV-0'), after(free, d), { lines: [{ invoiceLineId: 'il-INV-0-s', quantity: 1 }], reason: 'not needed' }));
    expect(credited.invoice.creditedCents).toBe(0);
    const inv0 = issued(d, 'INV-0', { lines: issued(d, 'INV-0').lines.map((l) => ({ ...l, credited: 1 })) });
    expect(codes(decideVoidInvoice(inv0, { ...after(free, d), lines: credited.orderLines }, 'x', 0))).toEqual(['LOCKED']);
  });

  it('a memo never takes back more tax than its invoice carried (an invoice whose tax was clamped to 0)', () => {
    const clamped = { ...inv, taxCents: 0, totalCents: inv.subtotalCents };
    const cm = ok(decideCreditMemo(clamped, invoiced, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 5 }], reason: 'x' }));
    expect(cm.taxCents).toBe(0);
    expect(cm.totalCents).toBe(-5 * 1_234);
  });
});

describe('refunds: bounds', () => {
  const std = { kind: 'STANDARD' as const, number: 'INV-1', status: 'PAID' as const, totalCents: 10_000, paidCents: 10_000, depositAppliedCents: 0, creditedCents: 2_500, refundedCents: 0 };
  const dep = { kind: 'DEPOSIT' as const, number: 'DEP-1', status: 'PAID' as const, totalCents: 5_000, paidCents: 5_000, depositAppliedCents: 0, creditedCents: 0, refundedCents: 0 };
  const deposits: DepositFacts = { liveTotalCents: 5_000, paidCents: 5_000, appliedCents: 3_000, unpaidIds: [] };

  it.each([
    ['a standard invoice: 1 cent', std, 1, NO_DEPOSITS, []],
    ['a standard invoice: all it owes back', std, 2_500, NO_DEPOSITS, []],
    ['a standard invoice: a cent more', std, 2_501, NO_DEPOSITS, ['INVALID_INPUT']],
    ['0', std, 0, NO_DEPOSITS, ['INVALID_INPUT']],
    ['a fraction of a cent', std, 0.5, NO_DEPOSITS, ['INVALID_INPUT']],
    ['a standard invoice owing nothing back', { ...std, creditedCents: 0 }, 1, NO_DEPOSITS, ['INVALID_INPUT']],
    ['a void invoice', { ...std, status: 'VOID' as const }, 1, NO_DEPOSITS, ['INVALID_TRANSITION']],
    ['a credit memo', { ...std, kind: 'CREDIT_MEMO' as const }, 1, NO_DEPOSITS, ['INVALID_TRANSITION']],
    ['a deposit: what is paid and not applied', dep, 2_000, deposits, []],
    ['a deposit: a cent more than is unapplied', dep, 2_001, deposits, ['INVALID_INPUT']],
    ['a deposit fully applied', dep, 1, { ...deposits, appliedCents: 5_000 }, ['INVALID_INPUT']],
    ['a deposit refunded already', { ...dep, refundedCents: 5_000 }, 1, { ...deposits, paidCents: 0, appliedCents: 0 }, ['INVALID_INPUT']],
  ])('%s', (_label, invoice, amount, facts, expected) => {
    expect(codes(decideRefund(invoice, amount, null, facts))).toEqual(expected);
    // The bound the decision enforces is the one refundable() reports.
    const most = refundable(invoice, facts);
    if (expected.length === 0) expect(amount).toBeLessThanOrEqual(most);
  });

  it('a refund bringing a standard invoice to 0 makes it PAID; one on a deposit leaves its status', () => {
    expect(ok(decideRefund({ ...std, status: 'SENT_TO_CLIENT' }, 2_500, null, NO_DEPOSITS)).status).toBe('PAID');
    expect(ok(decideRefund({ ...std, status: 'SENT_TO_CLIENT' }, 2_499, null, NO_DEPOSITS)).status).toBe('SENT_TO_CLIENT');
    expect(ok(decideRefund(dep, 2_000, null, deposits)).status).toBe('PAID');
  });

  it('a reference that is too long is refused before the amount is looked at', () => {
    expect(codes(decideRefund(std, 0, 'x'.repeat(10_000), NO_DEPOSITS))).toEqual(['INVALID_INPUT']);
  });
});
