// DOMAIN.md workflow B (Acctivate, stocked goods): schedule what is on hand, invoice it, buy and
// receive the rest, schedule again, invoice the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, refused, salesOrder, team, type Team } from '../../support/workflow.js';
import { one } from '../../support/lists.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

const stockOf = async (id: string) =>
  (await app.gql(`query { products { id onHand committed onOrder available } }`, {}, { token: t.purchasing.token })).data.products.find((p: { id: string }) => p.id === id);

describe('workflow B: stocked goods', () => {
  it('schedules, invoices part, replenishes without rescheduling, schedules again and invoices the rest', async () => {
    const widget = await product(t, true, 400, { min: 20, max: 150 });
    await ok(t, t.purchasing.token, OPS.adjustStock, { id: widget.id, q: 60, reason: 'opening count' }, 'adjustStock');
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: widget.id, quantity: 100 }]);
    expect(await stockOf(widget.id)).toMatchObject({ onHand: 60, committed: 100, onOrder: 0, available: -40 });

    // 1. Scheduled: 60 allocated, 40 backordered.
    const scheduled = (await ok(t, t.purchasing.token, OPS.scheduleSalesOrder, { id: so.id }, 'scheduleSalesOrder')).salesOrder;
    expect(scheduled.status).toBe('SCHEDULED');
    expect(scheduled.lines[0]).toMatchObject({ scheduled: 60, readyToInvoice: 60, backordered: 40, remaining: 100, shipped: 0 });
    // Invoicing more than is scheduled is refused.
    expect(
      await refused(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 61 }] } }, 'createInvoice'),
    ).toEqual(['INSUFFICIENT_STOCK']);

    // 2. The scheduled 60 are invoiced: they leave stock; the order is BACKORDERED.
    const first = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    expect(first).toMatchObject({ subtotalCents: 24000, totalCents: 24000 });
    let order = (await app.gql(OPS.salesOrder, { id: so.id }, { token: t.purchasing.token })).data.salesOrder;
    expect(order).toMatchObject({ status: 'BACKORDERED', backordered: true, remainingCents: 16000 });
    expect(order.lines[0]).toMatchObject({ invoiced: 60, scheduled: 0, shipped: 60, remaining: 40, backordered: 40 });
    expect(await stockOf(widget.id)).toMatchObject({ onHand: 0, committed: 40, available: -40 });

    // 3. Purchasing buys 40 on a stock PO and receives them: on hand 40, the order is NOT rescheduled.
    const po = (
      await ok(t, t.purchasing.token, OPS.createPurchaseOrder, { input: { supplierId: t.supplierId, lines: [{ productId: widget.id, quantity: 40 }] } }, 'createPurchaseOrder')
    ).purchaseOrder;
    expect(po.salesOrder).toBeNull();
    await ok(t, t.purchasing.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
    expect(await stockOf(widget.id)).toMatchObject({ onHand: 0, onOrder: 40, available: 0 });
    const received = (await ok(t, t.purchasing.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 40 }] } }, 'receivePurchaseOrder')).purchaseOrder;
    expect(received).toMatchObject({ stage: 'SHIPPED', lines: [{ received: 40, outstanding: 0 }] });
    expect(await stockOf(widget.id)).toMatchObject({ onHand: 40, committed: 40, onOrder: 0, available: 0 });
    order = (await app.gql(OPS.salesOrder, { id: so.id }, { token: t.purchasing.token })).data.salesOrder;
    expect(order.status).toBe('BACKORDERED');
    expect(order.lines[0]).toMatchObject({ scheduled: 0, readyToInvoice: 0, backordered: 40 });

    // 4. Scheduled again (by status, which schedules): SCHEDULED with the 40.
    const again = (await ok(t, t.purchasing.token, OPS.setSalesOrderStatus, { id: so.id, status: 'SCHEDULED' }, 'setSalesOrderStatus')).salesOrder;
    expect(again.status).toBe('SCHEDULED');
    expect(again.lines[0]).toMatchObject({ scheduled: 40, readyToInvoice: 40, backordered: 0 });

    // The rest is invoiced: INVOICED and locked; on hand is back to 0 and the ledger agrees.
    await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice');
    order = (await app.gql(OPS.salesOrder, { id: so.id }, { token: t.purchasing.token })).data.salesOrder;
    expect(order).toMatchObject({ status: 'INVOICED', locked: true, remainingCents: 0, invoicedCents: 40000, totalCents: 40000 });
    expect(order.lines[0]).toMatchObject({ invoiced: 100, shipped: 100, remaining: 0, scheduled: 0 });
    expect(await stockOf(widget.id)).toMatchObject({ onHand: 0, committed: 0, available: 0 });
    const ledger = one(await app.sql<{ sum: number }>('select sum(quantity)::int as sum from stock_movement where product_id = $1', [widget.id]));
    expect(ledger.sum).toBe(0);
    const kinds = await app.sql<{ kind: string; quantity: number }>('select kind, quantity from stock_movement where product_id = $1 order by created_at', [widget.id]);
    expect(kinds).toEqual([
      { kind: 'ADJUSTMENT', quantity: 60 },
      { kind: 'RELEASE', quantity: -60 },
      { kind: 'RECEIPT', quantity: 40 },
      { kind: 'RELEASE', quantity: -40 },
    ]);
  });

  it('serves several orders in the order given, keeping the status of an order that gets nothing', async () => {
    const bolt = await product(t, true, 100);
    await ok(t, t.purchasing.token, OPS.adjustStock, { id: bolt.id, q: 10, reason: 'count' }, 'adjustStock');
    const prj = await project(t);
    const a = await salesOrder(t, prj.id, [{ productId: bolt.id, quantity: 7 }]);
    const b = await salesOrder(t, prj.id, [{ productId: bolt.id, quantity: 7 }]);
    const c = await salesOrder(t, prj.id, [{ productId: bolt.id, quantity: 7 }]);
    const r = (await ok(t, t.purchasing.token, OPS.scheduleSalesOrders, { ids: [b.id, c.id, a.id] }, 'scheduleSalesOrders')).salesOrders;
    expect(r.map((o: { id: string }) => o.id)).toEqual([b.id, c.id, a.id]);
    expect(r.map((o: { status: string; lines: { scheduled: number }[] }) => [o.status, o.lines.map((l) => l.scheduled)])).toEqual([
      ['SCHEDULED', [7]],
      ['SCHEDULED', [3]],
      ['OPEN', [0]],
    ]);
    expect(await refused(t, t.purchasing.token, OPS.scheduleSalesOrder, { id: a.id }, 'scheduleSalesOrder')).toEqual(['INSUFFICIENT_STOCK']);
  });
});
