// DOMAIN.md workflow A (commonsku, drop-ship): the supplier ships 300 of 500, the PO is flagged,
// the order is released for invoicing, 300 are invoiced, the rest arrives, the rest is invoiced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, refused, salesOrder, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

describe('workflow A: drop-ship hand-off', () => {
  it('runs end to end with partial and final invoices, every step recorded', async () => {
    const mug = await product(t, false, 1250); // $12.50, drop-shipped
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 500 }], 825);
    expect(so).toMatchObject({ status: 'OPEN', remainingCents: 676563, invoicedCents: 0, totalCents: 676563, backordered: false });

    // The production rep buys the goods: one PO for the supplier, linked to the line.
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    expect(po).toMatchObject({ stage: 'CREATED', status: 'OK', lines: [{ quantity: 500, received: 0, salesOrderLine: { id: so.lines[0].id } }] });
    expect(po.nextStages).toContain('SUBMITTED');

    const submitted = await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
    expect(submitted.purchaseOrder.salesOrder.status).toBe('IN_PRODUCTION');

    // The supplier ships 300 of 500.
    const received = await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 300 }], trackingNumber: '1Z999' } }, 'receivePurchaseOrder');
    expect(received.purchaseOrder.lines[0]).toMatchObject({ received: 300, outstanding: 200 });
    expect(received.purchaseOrder.stage).toBe('SUBMITTED');

    // Step 1: PROBLEM flag and the order released for invoicing.
    const flagged = await ok(t, t.production.token, OPS.setPoStatus, { id: po.id, status: 'PROBLEM' }, 'setPurchaseOrderStatus');
    expect(flagged.purchaseOrder.status).toBe('PROBLEM');
    const ready = await ok(t, t.production.token, OPS.setSalesOrderStatus, { id: so.id, status: 'READY_TO_BE_INVOICED' }, 'setSalesOrderStatus');
    expect(ready.salesOrder.status).toBe('READY_TO_BE_INVOICED');
    expect(ready.salesOrder.lines[0]).toMatchObject({ shipped: 300, readyToInvoice: 300, backordered: 200, remaining: 500 });

    // Step 2: the invoicing rep invoices what shipped (the default), and sees the remaining balance.
    const first = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    expect(first).toMatchObject({ status: 'OPEN', subtotalCents: 375000, taxCents: 30938, totalCents: 405938, balanceCents: 405938, paidCents: 0 });
    expect(first.lines).toEqual([expect.objectContaining({ quantity: 300, unitPriceCents: 1250, totalCents: 375000 })]);
    const afterFirst = (await app.gql(OPS.salesOrder, { id: so.id }, { token: t.invoicing.token })).data.salesOrder;
    expect(afterFirst).toMatchObject({ status: 'BACKORDERED', locked: false, backordered: true, invoicedCents: 405938, remainingCents: 270625 });
    expect(afterFirst.lines[0]).toMatchObject({ invoiced: 300, remaining: 200, readyToInvoice: 0, backordered: 200 });
    expect(afterFirst.totalCents).toBe(afterFirst.invoicedCents + afterFirst.remainingCents);

    // Step 3: the rest arrives; READY_FOR_BILLING receives it and releases the order by itself.
    const billing = await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'READY_FOR_BILLING' }, 'setPurchaseOrderStage');
    expect(billing.purchaseOrder.lines[0]).toMatchObject({ received: 500, outstanding: 0 });
    const released = (await app.gql(OPS.salesOrder, { id: so.id }, { token: t.invoicing.token })).data.salesOrder;
    expect(released.status).toBe('READY_TO_BE_INVOICED');
    expect(released.lines[0]).toMatchObject({ shipped: 500, readyToInvoice: 200, backordered: 0 });

    const second = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    expect(second).toMatchObject({ subtotalCents: 250000, taxCents: 20625, totalCents: 270625 });
    const done = (await app.gql(OPS.salesOrder, { id: so.id }, { token: t.invoicing.token })).data.salesOrder;
    expect(done).toMatchObject({ status: 'INVOICED', locked: true, remainingCents: 0, invoicedCents: 676563, backordered: false, nextStatuses: [] });
    expect(done.lines[0]).toMatchObject({ invoiced: 500, remaining: 0 });

    // Locked: nothing more to invoice or cancel.
    expect(await refused(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).toEqual(['LOCKED']);
    expect(await refused(t, t.order.token, OPS.cancelQuantity, { lineId: so.lines[0].id, q: 1, reason: 'x' }, 'cancelSalesOrderQuantity')).toEqual(['LOCKED']);

    // Every step is in the project's activity, automatic ones without an actor.
    const activity = (await app.gql(OPS.activity, { id: prj.id }, { token: t.accountant.token })).data.project.activity.nodes as { kind: string; message: string; actor: { id: string } | null }[];
    const kinds = activity.map((e) => e.kind).reverse();
    expect(kinds).toEqual([
      'project.created',
      'sales_order.created',
      'purchase_order.created',
      'purchase_order.stage_changed',
      'sales_order.status_changed',
      'purchase_order.received',
      'purchase_order.status_changed',
      'sales_order.status_changed',
      'invoice.created',
      'sales_order.status_changed',
      'purchase_order.stage_changed',
      'purchase_order.received',
      'sales_order.status_changed',
      'invoice.created',
      'sales_order.status_changed',
      'sales_order.locked',
    ]);
    const auto = activity.filter((e) => e.actor === null).map((e) => e.message);
    expect(auto).toEqual(
      expect.arrayContaining([
        `${so.number} moved from Open to In production`,
        `${so.number} moved from Backordered to Ready to be invoiced`,
        `${so.number} moved from Ready to be invoiced to Invoiced`,
      ]),
    );
    const byHand = activity.find((e) => e.message === `${so.number} moved from In production to Ready to be invoiced`);
    expect(byHand?.actor?.id).toBe(t.production.userId);
  });
});
