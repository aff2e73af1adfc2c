// RELIABILITY.md "Concurrency": many requests at the same moment through the real HTTP API, each
// answered with a result or a stable refusal, never a top-level error; afterwards the quantities
// add up exactly and every invariant query of test/support/invariants.ts returns no rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type GqlResult, type TestApp } from '../../support/api-app.js';
import { checkInvariants, describeViolations } from '../../support/invariants.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';
import { PURCHASE_ORDER_STAGE_LABEL, type PurchaseOrderStage } from '../../../packages/domain/src/index.js';
import { cycle, one } from '../../support/lists.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

interface Outcome {
  /** "OK", the refusal codes joined by "+", or "TOP:<code>" for a top-level error */
  key: string;
  payload: any;
  result: GqlResult;
}

async function call(token: string, op: string, variables: Record<string, unknown>, field: string): Promise<Outcome> {
  const result = await app.gql(op, variables, { token });
  if (result.errors?.length) return { key: `TOP:${result.errors.map((e) => e.extensions?.code ?? e.message).join('+')}`, payload: null, result };
  const payload = result.data?.[field];
  if (!payload) return { key: 'TOP:NO_PAYLOAD', payload, result };
  const codes = (payload.userErrors as { code: string }[]).map((e) => e.code);
  return { key: codes.length ? codes.join('+') : 'OK', payload, result };
}

/** Starts every call at once and waits for all of them. */
function burst(n: number, make: (i: number) => Promise<Outcome>): Promise<Outcome[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => make(i)));
}

function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o.key] = (counts[o.key] ?? 0) + 1;
  return counts;
}

/**
 * No top-level error; every refusal is one of `allowed` (one code each). A soft assertion: the test
 * goes on to check the quantities and invariants, so a failure report also says whether data was lost.
 */
function expectOnly(outcomes: Outcome[], allowed: string[], label: string) {
  const counts = tally(outcomes);
  console.info(`[concurrency] ${label}: ${JSON.stringify(counts)}`);
  const unexpected = Object.keys(counts).filter((k) => k !== 'OK' && !allowed.includes(k));
  expect.soft(unexpected, `${label}: unexpected outcomes ${JSON.stringify(counts)}`).toEqual([]);
  return counts;
}

async function expectInvariants() {
  const violations = await checkInvariants(app);
  expect(violations, describeViolations(violations)).toEqual([]);
}

const INVOICE_REFUSALS = ['OVER_INVOICE', 'LOCKED', 'INVALID_INPUT'];

const orderRow = async (id: string) => one(await app.sql<{ status: string; locked: boolean }>('select status, locked from sales_order where id = $1', [id]));
const lineRows = async (orderId: string) =>
  app.sql<{ id: string; quantity: number; cancelled: number; invoiced: number; scheduled: number; received: number }>(
    'select id, quantity, cancelled, invoiced, scheduled, received from sales_order_line where sales_order_id = $1 order by position',
    [orderId],
  );
const liveInvoiced = async (orderId: string) =>
  Number(
    one(
      await app.sql<{ q: string | null }>(
        `select sum(il.quantity) as q from invoice_line il join invoice i on i.id = il.invoice_id where i.sales_order_id = $1 and i.status <> 'VOID'`,
        [orderId],
      ),
    ).q ?? 0,
  );
const invoiceCount = async (orderId: string) =>
  Number(one(await app.sql<{ n: string }>('select count(*) as n from invoice where sales_order_id = $1', [orderId])).n);
const onHand = async (productId: string) =>
  one(
    await app.sql<{ on_hand: number; ledger: string | null }>(
      'select p.on_hand, (select sum(quantity) from stock_movement m where m.product_id = p.id) as ledger from product p where p.id = $1',
      [productId],
    ),
  );

/** A drop-ship order whose goods were bought on a submitted PO and `receive` of them received. */
async function dropShipOrderWithReceipts(quantity: number, receive: number, taxBp = 825) {
  const mug = await product(t, false, 1250);
  const prj = await project(t);
  const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity }], taxBp);
  const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
  if (receive > 0) {
    await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: receive }] } }, 'receivePurchaseOrder');
  }
  return { so, po, prj, mug };
}

const invoicedUnits = (o: Outcome) => (o.key === 'OK' ? (o.payload.invoice.lines as { quantity: number }[]).reduce((a, l) => a + l.quantity, 0) : 0);

describe('parallel invoicing of one order', () => {
  it('50 parallel partial invoices (1 or 2 units, three users) on a drop-ship line with 10 ready invoice exactly 10', async () => {
    const { so, prj } = await dropShipOrderWithReceipts(10, 10);
    const line = so.lines[0].id;
    const tokens = [t.invoicing.token, t.admin.token, t.accountant.token];
    const started = Date.now();
    const outcomes = await burst(50, (i) =>
      call(cycle(tokens, i), OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: line, quantity: i % 2 === 0 ? 1 : 2 }] } }, 'createInvoice'),
    );
    console.info(`[concurrency] 50 createInvoice in ${Date.now() - started} ms`);
    const counts = expectOnly(outcomes, INVOICE_REFUSALS, '50 × createInvoice(1|2) on 10 ready');

    // Exactly the 10 units, on as many invoices as succeeded, and nothing written by the losers.
    const winners = outcomes.filter((o) => o.key === 'OK');
    expect(winners.reduce((a, o) => a + invoicedUnits(o), 0)).toBe(10);
    expect(await liveInvoiced(so.id)).toBe(10);
    expect(await invoiceCount(so.id)).toBe(winners.length);
    expect(one(await lineRows(so.id))).toMatchObject({ invoiced: 10 });
    expect(await orderRow(so.id)).toEqual({ status: 'INVOICED', locked: true });
    expect(new Set(winners.map((o) => o.payload.invoice.number)).size).toBe(winners.length);
    const events = await app.sql<{ n: string }>(`select count(*) as n from activity_event where project_id = $1 and kind = 'invoice.created'`, [prj.id]);
    expect(Number(one(events).n)).toBe(winners.length);
    expect(counts.OK).toBe(winners.length);
    await expectInvariants();
  }, 60_000);

  it('20 parallel partial invoices × 50 trials never exceed the remaining quantity', async () => {
    const trials = Number(process.env.CONCURRENCY_TRIALS ?? 50);
    const mug = await product(t, false, 333);
    const prj = await project(t);
    const tokens = [t.invoicing.token, t.admin.token, t.accountant.token];
    const figures = new Map<string, number>();
    for (let trial = 0; trial < trials; trial++) {
      // Explicit quantities on a drop-ship line need no receipt: they are only bounded by remaining.
      const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 8 }], 725);
      const outcomes = await burst(20, (i) =>
        call(cycle(tokens, i), OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: i % 2 === 0 ? 1 : 3 }] } }, 'createInvoice'),
      );
      const counts = tally(outcomes);
      figures.set(JSON.stringify(counts), (figures.get(JSON.stringify(counts)) ?? 0) + 1);
      const unexpected = Object.keys(counts).filter((k) => k !== 'OK' && !INVOICE_REFUSALS.includes(k));
      expect(unexpected, `trial ${trial}: ${JSON.stringify(counts)}`).toEqual([]);
      // 10 requests of 1 unit > 8 units: the line always ends fully invoiced, never over.
      const invoiced = outcomes.reduce((a, o) => a + invoicedUnits(o), 0);
      expect(invoiced, `trial ${trial}: ${JSON.stringify(counts)}`).toBe(8);
      expect(await liveInvoiced(so.id), `trial ${trial}`).toBe(8);
      expect(await invoiceCount(so.id), `trial ${trial}`).toBe(counts.OK);
      expect(await orderRow(so.id), `trial ${trial}`).toEqual({ status: 'INVOICED', locked: true });
    }
    console.info(`[concurrency] 20 × createInvoice(1|3) on 8, ${trials} trials: ${[...figures].map(([k, n]) => `${n}× ${k}`).join(', ')}`);
    await expectInvariants();
  }, 90_000);

  it('200 parallel "invoice the rest" on an order with several lines invoice exactly what was ordered, once', async () => {
    const a = await product(t, false, 1999);
    const b = await product(t, false, 250);
    const c = await product(t, true, 1234);
    await ok(t, t.purchasing.token, OPS.adjustStock, { id: c.id, q: 12, reason: 'count' }, 'adjustStock');
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: a.id, quantity: 7 }, { productId: b.id, quantity: 5 }, { productId: c.id, quantity: 9 }], 875);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
    await ok(
      t,
      t.production.token,
      OPS.receive,
      { input: { purchaseOrderId: po.id, lines: po.lines.map((l: { id: string; quantity: number }) => ({ purchaseOrderLineId: l.id, quantity: l.quantity })) } },
      'receivePurchaseOrder',
    );
    await ok(t, t.purchasing.token, OPS.scheduleSalesOrder, { id: so.id }, 'scheduleSalesOrder');
    // A first partial invoice, so "the rest" is not everything.
    await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 3 }, { salesOrderLineId: so.lines[2].id, quantity: 4 }] } }, 'createInvoice');

    const tokens = [t.invoicing.token, t.admin.token, t.accountant.token];
    const started = Date.now();
    const outcomes = await burst(200, (i) => call(cycle(tokens, i), OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice'));
    console.info(`[concurrency] 200 createInvoice(rest) in ${Date.now() - started} ms`);
    const counts = expectOnly(outcomes, INVOICE_REFUSALS, '200 × createInvoice(rest)');
    expect(counts.OK).toBe(1);
    expect(outcomes.reduce((a, o) => a + invoicedUnits(o), 0)).toBe(4 + 5 + 5);

    expect((await lineRows(so.id)).map((l) => [l.invoiced, l.scheduled])).toEqual([
      [7, 0],
      [5, 0],
      [9, 0],
    ]);
    expect(await liveInvoiced(so.id)).toBe(21);
    expect(await invoiceCount(so.id)).toBe(2);
    expect(await orderRow(so.id)).toEqual({ status: 'INVOICED', locked: true });
    const stock = await onHand(c.id);
    expect(stock.on_hand).toBe(3);
    expect(Number(stock.ledger)).toBe(3);
    await expectInvariants();
  }, 90_000);
});

describe('mixed writers on one order or invoice', () => {
  it('20 invoice edits racing 20 new invoices on one line never put more on invoices than ordered', async () => {
    const mug = await product(t, false, 700);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }], 825);
    const line = so.lines[0].id;
    const first = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: line, quantity: 1 }] } }, 'createInvoice')).invoice;
    const outcomes = await burst(40, (i) =>
      i % 2 === 0
        ? call(t.invoicing.token, OPS.updateInvoice, { input: { invoiceId: first.id, lines: [{ salesOrderLineId: line, quantity: 1 + ((i / 2) % 6) }] } }, 'updateInvoice')
        : call(t.accountant.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: line, quantity: 1 + (i % 2) }] } }, 'createInvoice'),
    );
    expectOnly(outcomes.filter((_, i) => i % 2 === 0), INVOICE_REFUSALS, '20 × updateInvoice racing createInvoice');
    expectOnly(outcomes.filter((_, i) => i % 2 === 1), INVOICE_REFUSALS, '20 × createInvoice racing updateInvoice');
    const row = one(await lineRows(so.id));
    expect(row.invoiced).toBeLessThanOrEqual(10);
    expect(await liveInvoiced(so.id)).toBe(row.invoiced);
    const order = await orderRow(so.id);
    expect(order.locked).toBe(row.invoiced === 10);
    await expectInvariants();
  }, 60_000);

  it('10 cancellations racing 10 invoices of 1 unit on a line of 10 use up exactly the 10 units', async () => {
    const mug = await product(t, false, 700);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }], 0);
    const line = so.lines[0].id;
    const outcomes = await burst(20, (i) =>
      i % 2 === 0
        ? call(t.order.token, OPS.cancelQuantity, { lineId: line, q: 1, reason: 'client cut the order' }, 'cancelSalesOrderQuantity')
        : call(t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: line, quantity: 1 }] } }, 'createInvoice'),
    );
    const cancels = outcomes.filter((_, i) => i % 2 === 0);
    const invoices = outcomes.filter((_, i) => i % 2 === 1);
    expectOnly(cancels, ['INVALID_INPUT', 'LOCKED', 'INVALID_TRANSITION'], '10 × cancel(1) racing invoices');
    expectOnly(invoices, INVOICE_REFUSALS, '10 × createInvoice(1) racing cancellations');
    const applied = outcomes.filter((o) => o.key === 'OK').length;
    const row = one(await lineRows(so.id));
    expect(row.cancelled + row.invoiced).toBe(10);
    expect(applied).toBe(10);
    expect(row.cancelled).toBe(cancels.filter((o) => o.key === 'OK').length);
    expect(row.invoiced).toBe(invoices.filter((o) => o.key === 'OK').length);
    // Nothing remains: with a live invoice the order is INVOICED and locked.
    if (row.invoiced > 0) expect(await orderRow(so.id)).toEqual({ status: 'INVOICED', locked: true });
    await expectInvariants();
  }, 60_000);

  it('10 voids racing 10 payments on one invoice: either it is voided with nothing paid, or paid and not voided', async () => {
    const mug = await product(t, false, 700);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }], 0);
    const inv = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 4 }] } }, 'createInvoice')).invoice;
    const outcomes = await burst(20, (i) =>
      i % 2 === 0
        ? call(t.accountant.token, OPS.voidInvoice, { id: inv.id, reason: 'wrong quantities' }, 'voidInvoice')
        : call(t.invoicing.token, OPS.recordPayment, { input: { invoiceId: inv.id, amountCents: 100 } }, 'recordPayment'),
    );
    const voids = outcomes.filter((_, i) => i % 2 === 0);
    const payments = outcomes.filter((_, i) => i % 2 === 1);
    expectOnly(voids, ['INVALID_TRANSITION', 'LOCKED'], '10 × voidInvoice racing payments');
    expectOnly(payments, ['INVALID_INPUT', 'INVALID_TRANSITION'], '10 × recordPayment racing voids');
    const voided = voids.filter((o) => o.key === 'OK').length;
    const paid = payments.filter((o) => o.key === 'OK').length;
    expect(voided).toBeLessThanOrEqual(1);
    expect(voided === 1 ? paid : 0).toBe(0);
    const row = one(await app.sql<{ status: string; paid_cents: string }>('select status, paid_cents from invoice where id = $1', [inv.id]));
    expect(Number(row.paid_cents)).toBe(100 * paid);
    expect(row.status === 'VOID').toBe(voided === 1);
    expect(one(await lineRows(so.id)).invoiced).toBe(voided ? 0 : 4);
    await expectInvariants();
  }, 60_000);
  it('10 exports racing 10 voids on one invoice: one void applies, no request fails', async () => {
    const mug = await product(t, false, 700);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }], 0);
    const inv = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 4 }] } }, 'createInvoice')).invoice;
    const outcomes = await burst(20, (i) =>
      i % 2 === 0
        ? call(t.accountant.token, OPS.voidInvoice, { id: inv.id, reason: 'wrong quantities' }, 'voidInvoice')
        : call(t.accountant.token, OPS.exportInvoices, { ids: [inv.id] }, 'exportInvoices'),
    );
    const voids = outcomes.filter((_, i) => i % 2 === 0);
    const exports = outcomes.filter((_, i) => i % 2 === 1);
    expectOnly(voids, ['INVALID_TRANSITION'], '10 × voidInvoice racing exports');
    expectOnly(exports, ['INVALID_TRANSITION'], '10 × exportInvoices racing voids');
    expect(voids.filter((o) => o.key === 'OK').length).toBe(1);
    expect(exports.filter((o) => o.key === 'OK').length).toBeLessThanOrEqual(1);
    const row = one(await app.sql<{ status: string }>('select status from invoice where id = $1', [inv.id]));
    expect(row.status).toBe('VOID');
    expect(one(await lineRows(so.id)).invoiced).toBe(0);
    await expectInvariants();
  }, 60_000);
});

describe('parallel scheduling against the same stock', () => {
  it('20 orders of 5 scheduled at once from 32 on hand: exactly 32 allocated, the rest INSUFFICIENT_STOCK', async () => {
    const bolt = await product(t, true, 100);
    await ok(t, t.purchasing.token, OPS.adjustStock, { id: bolt.id, q: 32, reason: 'count' }, 'adjustStock');
    const prj = await project(t);
    const orders: { id: string }[] = [];
    for (let i = 0; i < 20; i++) orders.push(await salesOrder(t, prj.id, [{ productId: bolt.id, quantity: 5 }]));
    const tokens = [t.purchasing.token, t.admin.token];
    const outcomes = await Promise.all(orders.map(async (order, i) => ({ order, ...(await call(cycle(tokens, i), OPS.scheduleSalesOrder, { id: order.id }, 'scheduleSalesOrder')) })));
    const counts = expectOnly(outcomes, ['INSUFFICIENT_STOCK'], '20 × scheduleSalesOrder(5) on 32');

    const scheduled = await app.sql<{ id: string; scheduled: number; status: string }>(
      `select so.id, l.scheduled, so.status from sales_order so join sales_order_line l on l.sales_order_id = so.id where l.product_id = $1`,
      [bolt.id],
    );
    expect(scheduled.reduce((a, r) => a + r.scheduled, 0)).toBe(32);
    expect(scheduled.map((r) => r.scheduled).sort((x, y) => y - x)).toEqual([5, 5, 5, 5, 5, 5, 2, ...Array(13).fill(0)]);
    expect(counts.OK).toBe(7);
    // The payload agrees with the database; the losers kept their status.
    for (const o of outcomes) {
      const row = scheduled.find((r) => r.id === o.order.id)!;
      if (o.key === 'OK') {
        expect(o.payload.salesOrder.lines[0].scheduled).toBe(row.scheduled);
        expect(row.status).toBe('SCHEDULED');
      } else {
        expect(row).toMatchObject({ scheduled: 0, status: 'OPEN' });
      }
    }
    expect((await onHand(bolt.id)).on_hand).toBe(32);
    await expectInvariants();
  }, 60_000);

  it('scheduling races negative stock adjustments without allocating stock that is gone', async () => {
    const nut = await product(t, true, 50);
    await ok(t, t.purchasing.token, OPS.adjustStock, { id: nut.id, q: 40, reason: 'count' }, 'adjustStock');
    const prj = await project(t);
    const orders: { id: string }[] = [];
    for (let i = 0; i < 10; i++) orders.push(await salesOrder(t, prj.id, [{ productId: nut.id, quantity: 5 }]));
    // Each order's schedule, then an adjustment: all started at once.
    const outcomes = await Promise.all(
      orders.flatMap((order) => [
        call(t.purchasing.token, OPS.scheduleSalesOrder, { id: order.id }, 'scheduleSalesOrder'),
        call(t.admin.token, OPS.adjustStock, { id: nut.id, q: -4, reason: 'breakage' }, 'adjustStock'),
      ]),
    );
    const schedules = outcomes.filter((_, i) => i % 2 === 0);
    const adjustments = outcomes.filter((_, i) => i % 2 === 1);
    expectOnly(schedules, ['INSUFFICIENT_STOCK'], '10 × scheduleSalesOrder(5) racing adjustments');
    expectOnly(adjustments, ['INSUFFICIENT_STOCK'], '10 × adjustStock(−4) racing schedules');

    const applied = adjustments.filter((o) => o.key === 'OK').length;
    const stock = await onHand(nut.id);
    expect(stock.on_hand).toBe(40 - 4 * applied);
    expect(Number(stock.ledger)).toBe(stock.on_hand);
    const { s } = one(await app.sql<{ s: string }>('select coalesce(sum(scheduled), 0) as s from sales_order_line where product_id = $1', [nut.id]));
    const scheduled = Number(s);
    expect(scheduled).toBeLessThanOrEqual(stock.on_hand);
    // Free stock only shrinks here: a refused schedule means none was left at the end, a refused
    // adjustment means less than 4.
    if (schedules.some((o) => o.key !== 'OK')) expect(stock.on_hand - scheduled).toBe(0);
    if (adjustments.some((o) => o.key !== 'OK')) expect(stock.on_hand - scheduled).toBeLessThan(4);
    console.info(`[concurrency] schedule vs adjust: ${applied} adjustments applied, on hand ${stock.on_hand}, scheduled ${scheduled}`);
    await expectInvariants();
  }, 60_000);
});

describe('parallel receiving on one purchase order line', () => {
  it('30 receipts of 1 on a stock line of 20: exactly 20 received into stock, 10 OVER_RECEIVE', async () => {
    const widget = await product(t, true, 400);
    const po = (
      await ok(t, t.purchasing.token, OPS.createPurchaseOrder, { input: { supplierId: t.supplierId, lines: [{ productId: widget.id, quantity: 20 }] } }, 'createPurchaseOrder')
    ).purchaseOrder;
    await ok(t, t.purchasing.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
    const tokens = [t.production.token, t.purchasing.token, t.admin.token];
    const outcomes = await burst(30, (i) =>
      call(cycle(tokens, i), OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 1 }] } }, 'receivePurchaseOrder'),
    );
    const counts = expectOnly(outcomes, ['OVER_RECEIVE'], '30 × receive(1) on a stock line of 20');
    expect(counts.OK).toBe(20);
    expect(counts.OVER_RECEIVE).toBe(10);

    const line = one(await app.sql<{ received: number }>('select received from purchase_order_line where id = $1', [po.lines[0].id]));
    expect(line.received).toBe(20);
    const stock = await onHand(widget.id);
    expect(stock.on_hand).toBe(20);
    expect(Number(stock.ledger)).toBe(20);
    const { n: receipts } = one(await app.sql<{ n: string }>('select count(*) as n from receipt where purchase_order_id = $1', [po.id]));
    expect(Number(receipts)).toBe(20);
    const poRow = one(await app.sql<{ stage: string }>('select stage from purchase_order where id = $1', [po.id]));
    expect(poRow.stage).toBe('SHIPPED');
    const stageEvents = await app.sql<{ actor_id: string | null }>(`select actor_id from activity_event where entity_id = $1 and kind = 'purchase_order.stage_changed'`, [po.id]);
    // SUBMITTED by hand, SHIPPED once by the rule.
    expect(stageEvents.length).toBe(2);
    expect(stageEvents.filter((e) => e.actor_id === null).length).toBe(1);
    await expectInvariants();
  }, 60_000);

  it('30 receipts of 1 on a drop-ship line of 20: exactly 20 shipped to the client, the order SHIPPED once', async () => {
    const { so, po } = await dropShipOrderWithReceipts(20, 0);
    const tokens = [t.production.token, t.purchasing.token, t.admin.token];
    const outcomes = await burst(30, (i) =>
      call(cycle(tokens, i), OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 1 }] } }, 'receivePurchaseOrder'),
    );
    const counts = expectOnly(outcomes, ['OVER_RECEIVE'], '30 × receive(1) on a drop-ship line of 20');
    expect(counts.OK).toBe(20);

    expect(one(await lineRows(so.id))).toMatchObject({ received: 20, invoiced: 0 });
    const order = (await app.gql(OPS.salesOrder, { id: so.id }, { token: t.invoicing.token })).data.salesOrder;
    expect(order.status).toBe('SHIPPED');
    expect(order.lines[0]).toMatchObject({ shipped: 20, readyToInvoice: 20, backordered: 0 });
    const changes = await app.sql<{ message: string }>(`select message from activity_event where entity_id = $1 and kind = 'sales_order.status_changed'`, [so.id]);
    expect(changes.filter((c) => / to Shipped$/.test(c.message)).length).toBe(1);
    await expectInvariants();
  }, 60_000);
});

describe('number series under concurrent creation', () => {
  const numbersOf = async (table: 'project' | 'sales_order' | 'purchase_order') =>
    (await app.sql<{ number: string }>(`select number from ${table} where organization_id = $1`, [t.admin.organizationId])).map((r) => Number(r.number.split('-')[1]));
  const nextAfter = (existing: number[]) => (existing.length ? Math.max(...existing) + 1 : 1001);

  it('50 projects, 50 sales orders and 50 purchase orders created at once get unique, gap-free numbers', async () => {
    const widget = await product(t, true, 100);
    const prj = await project(t);
    const start = { PRJ: nextAfter(await numbersOf('project')), SO: nextAfter(await numbersOf('sales_order')), PO: nextAfter(await numbersOf('purchase_order')) };
    const outcomes = await Promise.all([
      burst(50, (i) =>
        call(i % 2 ? t.order.token : t.admin.token, OPS.createProject, { name: `Rush ${i}`, clientId: t.clientId, o: t.order.userId, p: t.production.userId, i: t.invoicing.userId }, 'createProject'),
      ),
      burst(50, (i) => call(i % 2 ? t.order.token : t.admin.token, OPS.createSalesOrder, { input: { projectId: prj.id, lines: [{ productId: widget.id, quantity: 1 + i }] } }, 'createSalesOrder')),
      burst(50, (i) =>
        call(i % 2 ? t.purchasing.token : t.production.token, OPS.createPurchaseOrder, { input: { supplierId: t.supplierId, lines: [{ productId: widget.id, quantity: 1 + i }] } }, 'createPurchaseOrder'),
      ),
    ]);
    const series = [
      ['PRJ', outcomes[0], (o: Outcome) => o.payload.project.number],
      ['SO', outcomes[1], (o: Outcome) => o.payload.salesOrder.number],
      ['PO', outcomes[2], (o: Outcome) => o.payload.purchaseOrder.number],
    ] as const;
    for (const [prefix, results, numberOf] of series) {
      expectOnly(results, [], `50 × create ${prefix}`);
      const numbers = results.map(numberOf) as string[];
      expect(numbers.every((n) => n.startsWith(`${prefix}-`))).toBe(true);
      const sorted = numbers.map((n) => Number(n.split('-')[1])).sort((x, y) => x - y);
      expect(sorted, `${prefix} numbers`).toEqual(Array.from({ length: 50 }, (_, i) => start[prefix] + i));
    }
    await expectInvariants();
  }, 60_000);
});

describe('two people editing one purchase order', () => {
  const STAGES = ['CREATED', 'SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED'] as const;
  const STATUSES = ['OK', 'PROBLEM', 'FOLLOW_UP'] as const;

  interface Edit {
    kind: 'status' | 'stage';
    client: string;
    expectedVersion: number;
    from: string;
    to: string;
    outcome: Outcome;
  }

  it('2 clients × 50 edits with the version each saw: each applies once in some order or is refused; the log shows exactly what applied', async () => {
    const widget = await product(t, true, 100);
    const po = (
      await ok(t, t.purchasing.token, OPS.createPurchaseOrder, { input: { supplierId: t.supplierId, lines: [{ productId: widget.id, quantity: 5 }] } }, 'createPurchaseOrder')
    ).purchaseOrder;
    const edits: Edit[] = [];
    const read = async (token: string) => (await app.gql(OPS.purchaseOrder, { id: po.id }, { token })).data.purchaseOrder as { version: number; stage: string; status: string };

    /** One person: `workers` tabs, each reading the PO and then changing it with the version it saw. */
    const person = (client: string, token: string, workers: number, editsPerWorker: number) =>
      Promise.all(
        Array.from({ length: workers }, async (_, w) => {
          for (let k = 0; k < editsPerWorker; k++) {
            const seen = await read(token);
            if ((w + k) % 2 === 0) {
              // Toggle the flag: always a different status from the one seen.
              const others = STATUSES.filter((s) => s !== seen.status);
              const to = cycle(others, w + k);
              const outcome = await call(token, OPS.setPoStatus, { id: po.id, status: to, v: seen.version }, 'setPurchaseOrderStatus');
              edits.push({ kind: 'status', client, expectedVersion: seen.version, from: seen.status, to, outcome });
            } else {
              // One stage forward; from BILLED back to SUBMITTED with a reason, so the edits go on.
              const i = STAGES.indexOf(seen.stage as (typeof STAGES)[number]);
              const to = STAGES[i + 1] ?? 'SUBMITTED';
              const outcome = await call(token, OPS.setStage, { id: po.id, stage: to, v: seen.version, reason: i === STAGES.length - 1 ? 'supplier re-opened' : null }, 'setPurchaseOrderStage');
              edits.push({ kind: 'stage', client, expectedVersion: seen.version, from: seen.stage, to, outcome });
            }
          }
        }),
      );
    await Promise.all([person('production', t.production.token, 5, 10), person('purchasing', t.purchasing.token, 5, 10)]);
    expect(edits.length).toBe(100);
    expectOnly(
      edits.map((e) => e.outcome),
      ['CONFLICT', 'INVALID_TRANSITION'],
      '2 × 50 versioned PO edits',
    );

    const applied = edits.filter((e) => e.outcome.key === 'OK');
    // No lost update: two edits that saw the same version cannot both have applied.
    const versions = applied.map((e) => e.expectedVersion);
    expect(new Set(versions).size, `versions applied twice: ${versions.sort((a, b) => a - b).join(',')}`).toBe(versions.length);
    for (const e of applied) expect(e.outcome.payload.purchaseOrder.version).not.toBe(e.expectedVersion);

    const events = await app.sql<{ kind: string; message: string }>(
      `select kind, message from activity_event where entity_id = $1 and kind in ('purchase_order.status_changed', 'purchase_order.stage_changed')`,
      [po.id],
    );
    const appliedStatus = applied.filter((e) => e.kind === 'status');
    const appliedStage = applied.filter((e) => e.kind === 'stage');
    expect(events.filter((e) => e.kind === 'purchase_order.status_changed').length).toBe(appliedStatus.length);
    expect(events.filter((e) => e.kind === 'purchase_order.stage_changed').length).toBe(appliedStage.length);
    // The stage log names exactly the moves that applied (from what the author saw, to the target).
    const logged = events
      .filter((e) => e.kind === 'purchase_order.stage_changed')
      .map((e) => /moved from (.+?) to (.+?)(?: \(.*\))?$/.exec(e.message)?.slice(1).join('→'))
      .sort();
    expect(logged).toEqual(appliedStage.map((e) => `${PURCHASE_ORDER_STAGE_LABEL[e.from as PurchaseOrderStage]}→${PURCHASE_ORDER_STAGE_LABEL[e.to as PurchaseOrderStage]}`).sort());

    // The document ends as the last applied edit left it.
    const final = await read(t.admin.token);
    const last = (kind: Edit['kind']) => applied.filter((e) => e.kind === kind).sort((a, b) => b.expectedVersion - a.expectedVersion)[0];
    if (last('status')) expect(final.status).toBe(last('status')!.to);
    if (last('stage')) expect(final.stage).toBe(last('stage')!.to);
    console.info(`[concurrency] versioned PO edits: ${appliedStatus.length} status and ${appliedStage.length} stage changes applied of 100; final ${final.stage}/${final.status} v${final.version}`);

    // CLOSED is final.
    await ok(t, t.purchasing.token, OPS.setStage, { id: po.id, stage: 'CLOSED', v: final.version }, 'setPurchaseOrderStage');
    const again = await call(t.production.token, OPS.setStage, { id: po.id, stage: 'CLOSED' }, 'setPurchaseOrderStage');
    expect(again.key).toBe('INVALID_TRANSITION');
    await expectInvariants();
  }, 90_000);

  it('2 clients × 50 unversioned status toggles at once: every change is logged once, the last one stands', async () => {
    const widget = await product(t, true, 100);
    const po = (
      await ok(t, t.purchasing.token, OPS.createPurchaseOrder, { input: { supplierId: t.supplierId, lines: [{ productId: widget.id, quantity: 5 }] } }, 'createPurchaseOrder')
    ).purchaseOrder;
    const before = po.version as number;
    const outcomes = await burst(100, (i) =>
      i % 2 === 0
        ? call(t.production.token, OPS.setPoStatus, { id: po.id, status: (i / 2) % 2 === 0 ? 'PROBLEM' : 'OK' }, 'setPurchaseOrderStatus')
        : call(t.purchasing.token, OPS.setPoStatus, { id: po.id, status: ((i - 1) / 2) % 2 === 0 ? 'FOLLOW_UP' : 'OK' }, 'setPurchaseOrderStatus'),
    );
    expectOnly(outcomes, [], '2 × 50 unversioned status toggles');
    // A change answers with a version of its own; setting the status it already has changes nothing
    // and answers the current version. So the versions answered, apart from the starting one, are
    // the changes applied, and each names one status.
    const byVersion = new Map<number, Set<string>>();
    for (const o of outcomes) {
      const { version, status } = o.payload.purchaseOrder as { version: number; status: string };
      byVersion.set(version, (byVersion.get(version) ?? new Set()).add(status));
    }
    for (const [v, statuses] of byVersion) expect([...statuses], `version ${v}`).toHaveLength(1);
    const changed = [...byVersion.keys()].filter((v) => v !== before);
    const events = await app.sql<{ n: string }>(`select count(*) as n from activity_event where entity_id = $1 and kind = 'purchase_order.status_changed'`, [po.id]);
    expect(Number(one(events).n)).toBe(changed.length);
    const final = one(await app.sql<{ status: string; version: number }>('select status, version from purchase_order where id = $1', [po.id]));
    const newest = Math.max(...byVersion.keys());
    expect(final.version).toBe(newest);
    expect(final.status).toBe([...byVersion.get(newest)!][0]);
    console.info(`[concurrency] unversioned toggles: ${changed.length} changes applied of 100`);
    await expectInvariants();
  }, 60_000);
});
