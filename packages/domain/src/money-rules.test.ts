// Issue 14's money rules, table by table (DOMAIN.md: Words; Quantities; Money; Deposits; Credit
// memos and refunds): exact running-total tax, charge lines, deposits, credit memos and refunds.
import { describe, expect, it } from 'vitest';
import { decideCreditMemo, decideRefund, refundable } from './credit-memos.js';
import { decideDepositApplied, decideRequestDeposit } from './deposits.js';
import type { Decision } from './errors.js';
import { decideCreateInvoice, decideExport, decidePayment, decideSend, decideUpdateInvoice, decideVoidInvoice, type InvoiceDecision } from './invoice-decisions.js';
import { balanceOf, type InvoiceFacts } from './invoice-facts.js';
import { invoiceCan } from './invoice-permissions.js';
import { creditTax, runningTax } from './money.js';
import { decideAddChargeLine, decideSalesOrderStatus, NO_DEPOSITS, salesOrderCan, type DepositFacts, type SalesOrderFacts } from './sales-order-decisions.js';
import { NO_DOCUMENTS, orderFigures, orderLineQuantities, type LineState, type OrderDocuments } from './sales-orders.js';

const codes = (d: Decision<unknown>): string[] => (d.ok ? [] : d.errors.map((e) => e.code));
const ok = <T>(d: Decision<T>): T => {
  if (!d.ok) throw new Error(JSON.stringify(d.errors));
  return d.value;
};

function line(id: string, over: Partial<LineState> = {}): LineState {
  return { id, quantity: 10, cancelled: 0, invoiced: 0, scheduled: 0, received: 0, inventoried: false, unitPriceCents: 100, description: `Item ${id}`, productId: `p-${id}`, ...over };
}
const charge = (id: string, kind: 'FREIGHT' | 'SETUP' | 'SERVICE', over: Partial<LineState> = {}): LineState =>
  line(id, { kind, quantity: 1, productId: null, unitPriceCents: 5000, ...over });

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

/** The invoice a decision made, as the facts the rules read later. */
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

/** The order after an invoice decision. */
const after = (o: SalesOrderFacts, d: InvoiceDecision): SalesOrderFacts => ({ ...o, lines: d.order.lines, status: d.order.status, locked: d.order.locked, documents: d.order.documents, liveInvoices: o.liveInvoices + 1 });

describe('exact tax: running-total rounding over the order’s live documents', () => {
  it('100 one-unit invoices at 8.25 % on 100-cent units carry 8 or 9 cents each and 825 together: the order’s tax', () => {
    let o = order({ lines: [line('a', { quantity: 100, received: 100 })] });
    const taxes: number[] = [];
    for (let i = 0; i < 100; i++) {
      const d = ok(decideCreateInvoice(o, [{ salesOrderLineId: 'a', quantity: 1 }]));
      taxes.push(d.taxCents);
      o = after(o, d);
    }
    expect(new Set(taxes)).toEqual(new Set([8, 9]));
    expect(taxes.reduce((a, b) => a + b, 0)).toBe(825);
    expect(o.documents.invoicedCents).toBe(10_825);
    expect(orderFigures(o.lines, 825, o.documents)).toMatchObject({ totalCents: 10_825, remainingCents: 0, taxCents: 825 });
  });

  it('with a void in the middle and the unit re-invoiced, still exact', () => {
    let o = order({ lines: [line('a', { quantity: 100, received: 100 })] });
    const made: { facts: InvoiceFacts }[] = [];
    for (let i = 0; i < 100; i++) {
      const d = ok(decideCreateInvoice(o, [{ salesOrderLineId: 'a', quantity: 1 }]));
      made.push({ facts: issued(d, `INV-${i}`, { status: 'OPEN' }) });
      o = after(o, d);
      if (i === 40) {
        // INV-13 (a 9-cent or 8-cent one) is voided; the order's documents lose it.
        const victim = made[13]?.facts;
        if (!victim) throw new Error('no INV-13');
        const v = ok(decideVoidInvoice(victim, o, 'wrong client', o.liveInvoices - 1));
        o = { ...o, lines: v.lines, documents: { invoicedCents: o.documents.invoicedCents - victim.totalCents, taxableCents: o.documents.taxableCents - victim.taxableCents, taxCents: o.documents.taxCents - victim.taxCents }, liveInvoices: o.liveInvoices - 1 };
      }
    }
    // One unit is left after the void: the last invoice completes the order exactly.
    const last = ok(decideCreateInvoice(o));
    expect(last.lines).toEqual([expect.objectContaining({ quantity: 1 })]);
    o = after(o, last);
    expect(o.documents).toEqual({ invoicedCents: 10_825, taxableCents: 10_000, taxCents: 825 });
    expect(orderFigures(o.lines, 825, o.documents).remainingCents).toBe(0);
  });

  it('never below 0: an edit that left earlier documents above the running total clamps', () => {
    expect(runningTax(825, { taxableCents: 100, taxCents: 20 }, 0)).toBe(0);
    expect(runningTax(825, { taxableCents: 100, taxCents: 8 }, 100)).toBe(9);
  });

  it('only taxable lines are taxed: a non-taxable service adds nothing to the tax', () => {
    const o = order({ lines: [line('a', { quantity: 2, received: 2, unitPriceCents: 1000 }), charge('s', 'SERVICE', { unitPriceCents: 10_000, taxable: false })] });
    const d = ok(decideCreateInvoice(o));
    expect(d).toMatchObject({ subtotalCents: 12_000, taxableCents: 2_000, taxCents: 165 });
    expect(orderFigures(o.lines, 825).taxCents).toBe(165);
  });
});

describe('charge lines', () => {
  const goods = line('g', { quantity: 10, received: 4 });
  const setup = charge('s', 'SETUP');
  const freight = charge('f', 'FREIGHT');

  it('are never backordered; setup is ready at once, freight once no goods are backordered', () => {
    const q = orderLineQuantities([goods, setup, freight]);
    expect(q.map((x) => [x.readyToInvoice, x.backordered])).toEqual([[4, 6], [1, 0], [0, 0]]);
    const allShipped = orderLineQuantities([{ ...goods, received: 10 }, setup, freight]);
    expect(allShipped.map((x) => x.readyToInvoice)).toEqual([10, 1, 1]);
  });

  it('the default invoices put setup on the first invoice and freight on the one that completes the goods, neither twice nor forgotten', () => {
    let o = order({ lines: [goods, setup, freight] });
    const first = ok(decideCreateInvoice(o));
    expect(first.lines.map((l) => [l.salesOrderLineId, l.quantity])).toEqual([['g', 4], ['s', 1]]);
    o = after(o, first);
    expect(o.status).toBe('BACKORDERED');
    o = { ...o, lines: o.lines.map((l) => (l.id === 'g' ? { ...l, received: 10 } : l)) };
    const second = ok(decideCreateInvoice(o));
    expect(second.lines.map((l) => [l.salesOrderLineId, l.quantity])).toEqual([['g', 6], ['f', 1]]);
    o = after(o, second);
    expect(o).toMatchObject({ status: 'INVOICED', locked: true });
    expect(orderFigures(o.lines, 825, o.documents).remainingCents).toBe(0);
  });

  it('an invoice of charges only leaves the status as it was, unless it completes the order', () => {
    const o = order({ status: 'IN_PRODUCTION', lines: [line('g', { quantity: 10 }), setup] });
    const d = ok(decideCreateInvoice(o));
    expect(d.lines.map((l) => l.salesOrderLineId)).toEqual(['s']);
    expect(d.order.status).toBe('IN_PRODUCTION');
    const onlyFreightLeft = order({ status: 'BACKORDERED', lines: [line('g', { quantity: 10, received: 10, invoiced: 10 }), freight] });
    expect(ok(decideCreateInvoice(onlyFreightLeft)).order).toMatchObject({ status: 'INVOICED', locked: true });
  });

  it('a rep may put any remaining charge units on any invoice; above remaining is OVER_INVOICE', () => {
    const o = order({ lines: [goods, freight] });
    expect(ok(decideCreateInvoice(o, [{ salesOrderLineId: 'f', quantity: 1 }])).lines).toHaveLength(1);
    expect(codes(decideCreateInvoice(o, [{ salesOrderLineId: 'f', quantity: 2 }]))).toEqual(['OVER_INVOICE']);
  });

  it.each([
    ['goods are no charge', { kind: 'GOODS' as const, description: 'x', unitPriceCents: 1 }, order(), 'INVALID_INPUT'],
    ['no description', { kind: 'FREIGHT' as const, description: ' ', unitPriceCents: 1 }, order(), 'INVALID_INPUT'],
    ['a negative price', { kind: 'FREIGHT' as const, description: 'Freight', unitPriceCents: -1 }, order(), 'INVALID_INPUT'],
    ['a cancelled order', { kind: 'FREIGHT' as const, description: 'Freight', unitPriceCents: 1 }, order({ status: 'CANCELLED' }), 'INVALID_TRANSITION'],
    ['a locked order', { kind: 'FREIGHT' as const, description: 'Freight', unitPriceCents: 1 }, order({ status: 'INVOICED', locked: true }), 'LOCKED'],
  ])('addChargeLine: %s → %s', (_label, input, o, code) => expect(codes(decideAddChargeLine(o, input))).toEqual([code]));

  it('addChargeLine fills the defaults: freight with the last invoice, setup with the first, taxable', () => {
    expect(ok(decideAddChargeLine(order(), { kind: 'FREIGHT', description: 'Freight', unitPriceCents: 2500 })).line).toEqual({ kind: 'FREIGHT', description: 'Freight', quantity: 1, unitPriceCents: 2500, taxable: true, invoiceWith: 'LAST_INVOICE' });
    expect(ok(decideAddChargeLine(order(), { kind: 'SETUP', description: 'Screens', unitPriceCents: 4000, taxable: false })).line).toMatchObject({ invoiceWith: 'FIRST_INVOICE', taxable: false });
  });
});

describe('deposits', () => {
  const o = order({ lines: [line('a', { quantity: 10, unitPriceCents: 10_000 })] }); // 100,000 + 8,250 tax = 108,250
  it.each([
    ['neither amount nor percent', {}, 'INVALID_INPUT'],
    ['both', { amountCents: 100, percent: 10 }, 'INVALID_INPUT'],
    ['a zero amount', { amountCents: 0 }, 'INVALID_INPUT'],
    ['101 %', { percent: 101 }, 'INVALID_INPUT'],
    ['more than the order', { amountCents: 108_251 }, 'INVALID_INPUT'],
  ])('%s → %s', (_label, request, code) => expect(codes(decideRequestDeposit(o, request))).toEqual([code]));

  it('a closed order → INVALID_TRANSITION (after the input)', () => {
    expect(codes(decideRequestDeposit(order({ status: 'CANCELLED' }), { percent: 10 }))).toEqual(['INVALID_TRANSITION']);
    expect(codes(decideRequestDeposit(order({ status: 'CANCELLED' }), { percent: 0 }))).toEqual(['INVALID_INPUT']);
  });

  it('a percent of the order’s total, half up; live deposits stay within the total', () => {
    expect(ok(decideRequestDeposit(o, { percent: 30 })).amountCents).toBe(32_475);
    expect(ok(decideRequestDeposit(o, { percent: 100 })).amountCents).toBe(108_250);
    const partly = { ...o, deposits: { ...NO_DEPOSITS, liveTotalCents: 100_000 } };
    expect(codes(decideRequestDeposit(partly, { amountCents: 8_251 }))).toEqual(['INVALID_INPUT']);
    expect(ok(decideRequestDeposit(partly, { amountCents: 8_250 })).amountCents).toBe(8_250);
  });

  const paid = (paidCents: number, appliedCents = 0): DepositFacts => ({ liveTotalCents: paidCents, paidCents, appliedCents, unpaidIds: [] });

  it('an invoice applies its share of the paid deposit; the completing one takes the rest; never above what is available or its total', () => {
    let withDeposit = order({ lines: [line('a', { quantity: 10, received: 3, unitPriceCents: 10_000 })], deposits: paid(30_000) });
    const first = ok(decideCreateInvoice(withDeposit)); // 30,000 of 100,000 → 30 % of 30,000
    expect(first.depositAppliedCents).toBe(9_000);
    withDeposit = { ...after(withDeposit, first), deposits: paid(30_000, 9_000), lines: first.order.lines.map((l) => ({ ...l, received: 10 })) };
    const last = ok(decideCreateInvoice(withDeposit));
    expect(last.depositAppliedCents).toBe(21_000);
  });

  it.each([
    ['a named amount within the cap', 5_000, 5_000, true],
    ['the whole cap (the invoice’s total)', 60_000, 60_000, true],
    ['above what is available', 80_001, null, false],
    ['above the invoice’s total', 60_001, null, false],
  ])('decideDepositApplied: %s', (_label, named, applied, allowed) => {
    const d = decideDepositApplied({ deposits: paid(80_000), alreadyApplied: 0, invoiceSubtotalCents: 50_000, invoiceTotalCents: 60_000, orderSubtotalCents: 100_000, completes: false, named });
    expect(d.ok).toBe(allowed);
    if (d.ok) expect(d.value).toEqual({ appliedCents: applied, named: true });
  });

  it('decideDepositApplied by default: its share, capped at what is available', () => {
    const share = decideDepositApplied({ deposits: paid(20_000), alreadyApplied: 0, invoiceSubtotalCents: 50_000, invoiceTotalCents: 54_125, orderSubtotalCents: 100_000, completes: false, named: null });
    expect(ok(share)).toEqual({ appliedCents: 10_000, named: false });
    const capped = decideDepositApplied({ deposits: paid(20_000, 15_000), alreadyApplied: 0, invoiceSubtotalCents: 50_000, invoiceTotalCents: 54_125, orderSubtotalCents: 100_000, completes: false, named: null });
    expect(ok(capped).appliedCents).toBe(5_000);
  });

  it('a covered invoice leaving OPEN is PAID at once; a payment can never exceed what is left', () => {
    const inv = { kind: 'STANDARD' as const, number: 'INV-1', status: 'OPEN' as const, totalCents: 1_000, paidCents: 0, depositAppliedCents: 1_000, creditedCents: 0, refundedCents: 0 };
    expect(ok(decideSend(inv, ['ap@x.test'], { name: 'X', email: null })).status).toBe('PAID');
    expect(ok(decideExport([inv])).statuses).toEqual(['PAID']);
    expect(codes(decidePayment(inv, 1))).toEqual(['INVALID_INPUT']);
  });

  it('a deposit invoice changes only its due date', () => {
    const dep = issued(ok(decideCreateInvoice(order({ lines: [line('a', { received: 1 })] }))), 'DEP-1', { kind: 'DEPOSIT', status: 'OPEN', lines: [] });
    expect(codes(decideUpdateInvoice(dep, order(), { lines: [{ salesOrderLineId: 'a', quantity: 1 }] }))).toEqual(['INVALID_INPUT']);
    expect(ok(decideUpdateInvoice(dep, order(), { dueDate: '2027-02-01' }))).toMatchObject({ dueDate: '2027-02-01' });
  });

  it('cancelling an order with deposit paid and not applied is refused; its unpaid deposits are voided', () => {
    expect(codes(decideSalesOrderStatus(order({ deposits: paid(5_000) }), 'CANCELLED', ['ORDER_REP'], 'client withdrew'))).toEqual(['INVALID_TRANSITION']);
    const d = ok(decideSalesOrderStatus(order({ deposits: { liveTotalCents: 5_000, paidCents: 0, appliedCents: 0, unpaidIds: ['dep-1'] } }), 'CANCELLED', ['ORDER_REP'], 'client withdrew'));
    expect(d.voidDeposits).toEqual(['dep-1']);
  });
});

describe('credit memos', () => {
  // 10 drop-ship mugs at 12.50 and 8.25 %, all shipped and invoiced on one sent invoice.
  const base = order({ lines: [line('a', { quantity: 10, received: 10, unitPriceCents: 1250 })] });
  const made = ok(decideCreateInvoice(base));
  const invoiced = after(base, made);
  const inv = issued(made, 'INV-1');

  it.each([
    ['a line of another invoice → NOT_FOUND', inv, { lines: [{ invoiceLineId: 'zz', quantity: 1 }], reason: '' }, 'NOT_FOUND'],
    ['no reason → INVALID_INPUT', inv, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 1 }], reason: ' ' }, 'INVALID_INPUT'],
    ['quantity 0 → INVALID_INPUT', { ...inv, status: 'OPEN' as const }, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 0 }], reason: 'x' }, 'INVALID_INPUT'],
    ['an OPEN invoice → INVALID_TRANSITION (edit it instead)', { ...inv, status: 'OPEN' as const }, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 1 }], reason: 'x' }, 'INVALID_TRANSITION'],
    ['a void one → INVALID_TRANSITION', { ...inv, status: 'VOID' as const }, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 1 }], reason: 'x' }, 'INVALID_TRANSITION'],
    ['a deposit → INVALID_TRANSITION', { ...inv, kind: 'DEPOSIT' as const }, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 1 }], reason: 'x' }, 'INVALID_TRANSITION'],
    ['more than invoiced → OVER_CREDIT', inv, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 11 }], reason: 'x' }, 'OVER_CREDIT'],
  ])('%s', (_label, invoice, input, code) => expect(codes(decideCreditMemo(invoice, invoiced, input))).toEqual([code]));

  it('takes back units with negative money; without re-invoicing they are cancelled and written off, the order stays as it was', () => {
    const cm = ok(decideCreditMemo(inv, invoiced, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 2 }], reason: 'damaged', reinvoice: false }));
    expect(cm).toMatchObject({ subtotalCents: -2_500, taxCents: -206, totalCents: -2_706, orderStatus: 'INVOICED', orderLocked: true });
    expect(cm.orderLines[0]).toMatchObject({ invoiced: 8, cancelled: 2, writtenOff: 2 });
    expect(cm.invoice).toMatchObject({ creditedCents: 2_706, balanceCents: made.totalCents - 2_706 });
    expect(orderFigures(cm.orderLines, 825, cm.documents)).toMatchObject({ remainingCents: 0, somethingRemains: false });
  });

  it('re-invoiced units are remaining again and ready at once (the client kept them); the order unlocks, BACKORDERED', () => {
    const cm = ok(decideCreditMemo(inv, invoiced, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 2 }], reason: 'wrong price', reinvoice: true }));
    expect(cm).toMatchObject({ orderStatus: 'BACKORDERED', orderLocked: false });
    expect(orderLineQuantities(cm.orderLines)[0]).toMatchObject({ remaining: 2, readyToInvoice: 2, backordered: 0 });
    // Invoicing them again brings the documents back to the order's total, exactly.
    const again = ok(decideCreateInvoice({ ...invoiced, lines: cm.orderLines, documents: cm.documents, status: 'BACKORDERED', locked: false }));
    expect(again.order.documents.invoicedCents).toBe(orderFigures(base.lines, 825).totalCents);
  });

  it('restock brings stocked goods back to on hand; re-invoiced they need scheduling again', () => {
    const stockedBase = order({ lines: [line('s', { inventoried: true, quantity: 10, scheduled: 10 })] });
    const d = ok(decideCreateInvoice(stockedBase));
    expect([...d.stock]).toEqual([['s', -10]]);
    const cm = ok(decideCreditMemo(issued(d, 'INV-2'), after(stockedBase, d), { lines: [{ invoiceLineId: 'il-INV-2-s', quantity: 3 }], reason: 'returned', reinvoice: true, restock: true }));
    expect([...cm.stock]).toEqual([['s', 3]]);
    expect(orderLineQuantities(cm.orderLines)[0]).toMatchObject({ remaining: 3, readyToInvoice: 0, shipped: 7 });
    const kept = ok(decideCreditMemo(issued(d, 'INV-2'), after(stockedBase, d), { lines: [{ invoiceLineId: 'il-INV-2-s', quantity: 3 }], reason: 'price', reinvoice: true, restock: false }));
    expect(kept.stock.size).toBe(0);
    const q = orderLineQuantities(kept.orderLines)[0];
    expect(q).toMatchObject({ remaining: 3, readyToInvoice: 3, shipped: 10 });
    // Invoicing the kept units moves no stock.
    const reinvoiced = ok(decideCreateInvoice({ ...after(stockedBase, d), lines: kept.orderLines, documents: kept.documents, status: 'BACKORDERED', locked: false }));
    expect(reinvoiced.stock.size).toBe(0);
  });

  it('the memo that takes back the last units takes back exactly the rest of the invoice’s tax', () => {
    const one = ok(decideCreditMemo(inv, invoiced, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 3 }], reason: 'x' }));
    const rest = ok(
      decideCreditMemo({ ...inv, creditedCents: one.invoice.creditedCents, creditedTaxableCents: -one.taxableCents, creditedTaxCents: -one.taxCents, lines: inv.lines.map((l) => ({ ...l, credited: 3 })) }, invoiced, {
        lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 7 }],
        reason: 'y',
      }),
    );
    expect(one.taxCents + rest.taxCents).toBe(-made.taxCents);
    expect(creditTax(825, { taxCents: 10, creditedTaxCents: 9, taxableCreditedBeforeCents: 0 }, 100_000, false)).toBe(1);
  });

  it('a credit memo bringing a paid invoice below 0 owes a refund; the refund settles it', () => {
    const paidInv = { ...inv, paidCents: inv.totalCents, status: 'PAID' as const };
    const cm = ok(decideCreditMemo(paidInv, invoiced, { lines: [{ invoiceLineId: 'il-INV-1-a', quantity: 2 }], reason: 'damaged' }));
    const credited = { ...paidInv, creditedCents: cm.invoice.creditedCents };
    expect(balanceOf(credited)).toBe(-2_706);
    expect(refundable(credited, NO_DEPOSITS)).toBe(2_706);
    expect(codes(decideRefund(credited, 2_707, null, NO_DEPOSITS))).toEqual(['INVALID_INPUT']);
    const r = ok(decideRefund(credited, 2_706, 'wire', NO_DEPOSITS));
    expect(r).toMatchObject({ refundedCents: 2_706, status: 'PAID' });
    expect(codes(decideRefund({ ...credited, refundedCents: 2_706 }, 1, null, NO_DEPOSITS))).toEqual(['INVALID_INPUT']);
  });

  it('a credit memo is never paid, voided or edited (INVALID_TRANSITION)', () => {
    const cmFacts: InvoiceFacts = { ...inv, kind: 'CREDIT_MEMO', totalCents: -100 };
    expect(codes(decidePayment(cmFacts, 1))).toEqual(['INVALID_TRANSITION']);
    expect(codes(decideVoidInvoice(cmFacts, invoiced, 'x', 0))).toEqual(['INVALID_TRANSITION']);
    expect(codes(decideUpdateInvoice(cmFacts, invoiced, { dueDate: '2027-01-01' }))).toEqual(['INVALID_TRANSITION']);
    expect(codes(decideRefund(cmFacts, 1, null, NO_DEPOSITS))).toEqual(['INVALID_TRANSITION']);
  });

  it('an invoice with a credit memo is not voided (LOCKED)', () => {
    expect(codes(decideVoidInvoice({ ...inv, creditedCents: 100 }, invoiced, 'x', 0))).toEqual(['LOCKED']);
  });
});

describe('what the viewer may do with money', () => {
  it('requestDeposit and addChargeLine on an order', () => {
    const noFacts = { free: () => 0, onPurchaseOrders: () => 0 };
    const open = order();
    expect(salesOrderCan(open, ['ACCOUNTANT'], noFacts).requestDeposit.allowed).toBe(true);
    expect(salesOrderCan(open, ['ORDER_REP'], noFacts).requestDeposit).toMatchObject({ allowed: false, code: 'FORBIDDEN', reason: 'Only invoicing reps and accountants request deposits.' });
    expect(salesOrderCan(order({ deposits: { ...NO_DEPOSITS, liveTotalCents: 1_083 } }), ['INVOICING_REP'], noFacts).requestDeposit.code).toBe('INVALID_INPUT');
    expect(salesOrderCan(open, ['ORDER_REP'], noFacts).addChargeLine.allowed).toBe(true);
    expect(salesOrderCan(open, ['ACCOUNTANT'], noFacts).addChargeLine.code).toBe('FORBIDDEN');
    expect(salesOrderCan(order({ status: 'INVOICED', locked: true }), ['INVOICING_REP'], noFacts).addChargeLine.code).toBe('LOCKED');
  });

  it('recordRefund and createCreditMemo on an invoice', () => {
    const made = ok(decideCreateInvoice(order({ lines: [line('a', { received: 10 })] })));
    const inv = issued(made, 'INV-9');
    expect(invoiceCan(inv, ['ACCOUNTANT'], NO_DEPOSITS).createCreditMemo.allowed).toBe(true);
    expect(invoiceCan({ ...inv, status: 'OPEN' }, ['ACCOUNTANT'], NO_DEPOSITS).createCreditMemo.code).toBe('INVALID_TRANSITION');
    expect(invoiceCan({ ...inv, lines: inv.lines.map((l) => ({ ...l, credited: l.quantity })) }, ['ACCOUNTANT'], NO_DEPOSITS).createCreditMemo.code).toBe('OVER_CREDIT');
    expect(invoiceCan(inv, ['ACCOUNTANT'], NO_DEPOSITS).recordRefund).toMatchObject({ allowed: false, code: 'INVALID_INPUT' });
    expect(invoiceCan({ ...inv, paidCents: inv.totalCents, creditedCents: 100 }, ['INVOICING_REP'], NO_DEPOSITS).recordRefund.allowed).toBe(true);
    expect(invoiceCan(inv, ['ORDER_REP'], NO_DEPOSITS).recordRefund.code).toBe('FORBIDDEN');
  });
});

describe('documents net of credit memos', () => {
  it('withDocument sums, and orderFigures reads the net', () => {
    const docs: OrderDocuments = { invoicedCents: 10_825, taxableCents: 10_000, taxCents: 825 };
    const f = orderFigures([line('a', { quantity: 100, received: 100, invoiced: 98, cancelled: 2 })], 825, { invoicedCents: docs.invoicedCents - 217, taxableCents: 9_800, taxCents: 808 });
    expect(f).toMatchObject({ somethingRemains: false, remainingCents: 0, invoicedCents: 10_608 });
  });
});
