// flagPurchaseOrder: workflow A's step 1 (flag the PO, pin a note tagging the reps, release the sales
// order for invoicing) as one mutation and one transaction — all of it, or nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';
import { writesNothing } from '../catalog/db-snapshot.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

const FLAG = `mutation($input: FlagPurchaseOrderInput!) { flagPurchaseOrder(input: $input) {
  purchaseOrder { id status version } note { id body pinned mentions { id } purchaseOrder { id } } salesOrder { id status }
  userErrors { code message field } } }`;

/** A drop-ship order of 500 + 200 with its PO confirmed and the first line shipped, as the demo has it. */
async function partlyShipped() {
  const [mugs, tees] = [await product(t, false, 1250), await product(t, false, 1800)];
  const prj = await project(t);
  const so = await salesOrder(t, prj.id, [{ productId: mugs.id, quantity: 500 }, { productId: tees.id, quantity: 200 }]);
  const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'CONFIRMED' }, 'setPurchaseOrderStage');
  const mugLine = po.lines.find((l: { product: { id: string } }) => l.product.id === mugs.id);
  await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: mugLine.id, quantity: 500 }] } }, 'receivePurchaseOrder');
  return { prj, so, po };
}

const handle = async (userId: string) =>
  ((await app.gql('{ users { id handle } }', {}, { token: t.admin.token })).data.users as { id: string; handle: string }[]).find((u) => u.id === userId)!.handle;
const unread = async (token: string) => (await app.gql('{ notifications(unreadOnly: true) { nodes { kind purchaseOrder { id } salesOrder { id } note { id } } } }', {}, { token })).data.notifications.nodes as { kind: string; purchaseOrder: { id: string } | null; salesOrder: { id: string } | null; note: { id: string } | null }[];

describe('flagPurchaseOrder', () => {
  it('flags, pins a note tagging both reps and releases the order, and each rep is told once per hand-off', async () => {
    const { so, po } = await partlyShipped();
    const body = `@${await handle(t.order.userId)} @${await handle(t.invoicing.userId)} the tees are late: invoice the 500 mugs now.`;
    const before = (await unread(t.invoicing.token)).length;
    const r = await ok(t, t.production.token, FLAG, { input: { purchaseOrderId: po.id, status: 'PROBLEM', note: body, readyToInvoice: true } }, 'flagPurchaseOrder');
    expect(r.purchaseOrder.status).toBe('PROBLEM');
    expect(r.note).toMatchObject({ body, pinned: true, purchaseOrder: { id: po.id } });
    expect(r.note.mentions.map((u: { id: string }) => u.id).sort()).toEqual([t.order.userId, t.invoicing.userId].sort());
    expect(r.salesOrder).toEqual({ id: so.id, status: 'READY_TO_BE_INVOICED' });

    const invoicing = (await unread(t.invoicing.token)).slice(0, (await unread(t.invoicing.token)).length - before);
    expect(invoicing.map((n) => n.kind).sort()).toEqual(['MENTION', 'PURCHASE_ORDER_PROBLEM', 'READY_TO_INVOICE']);
    const order = (await unread(t.order.token)).filter((n) => n.purchaseOrder?.id === po.id || n.note?.id === r.note.id);
    expect(order.map((n) => n.kind).sort()).toEqual(['MENTION', 'PURCHASE_ORDER_PROBLEM']);
  });

  it('without a note or a release it is just the flag', async () => {
    const { so, po } = await partlyShipped();
    const r = await ok(t, t.production.token, FLAG, { input: { purchaseOrderId: po.id, status: 'FOLLOW_UP' } }, 'flagPurchaseOrder');
    expect(r).toMatchObject({ purchaseOrder: { status: 'FOLLOW_UP' }, note: null, salesOrder: null });
    expect((await app.gql(OPS.salesOrder, { id: so.id }, { token: t.production.token })).data.salesOrder.status).toBe('IN_PRODUCTION');
  });

  it.each([
    ['a note too long', (po: { id: string }) => ({ purchaseOrderId: po.id, status: 'PROBLEM', note: 'x'.repeat(10_001), readyToInvoice: true }), 'INVALID_INPUT', ['input', 'note']],
    ['a stale version', (po: { id: string }) => ({ purchaseOrderId: po.id, status: 'PROBLEM', note: 'late', expectedVersion: 0 }), 'CONFLICT', ['input', 'purchaseOrderId']],
    ['an unknown purchase order', () => ({ purchaseOrderId: '00000000-0000-4000-8000-000000000000', status: 'PROBLEM', note: 'late' }), 'NOT_FOUND', ['input', 'purchaseOrderId']],
  ])('refuses %s and writes nothing', async (_name, input, code, field) => {
    const { po } = await partlyShipped();
    const r = await writesNothing(app, () => app.gql(FLAG, { input: input(po) }, { token: t.production.token }));
    expect(r.data.flagPurchaseOrder).toMatchObject({ purchaseOrder: null, note: null, salesOrder: null });
    expect(r.data.flagPurchaseOrder.userErrors[0]).toMatchObject({ code, field });
  });

  it('is all or nothing: when the release is refused, neither the flag nor the note is kept', async () => {
    // A stock purchase order has no sales order to release.
    const widget = await product(t, true, 400);
    const stock = await ok(t, t.purchasing.token, OPS.createPurchaseOrder, { input: { supplierId: t.supplierId, lines: [{ productId: widget.id, quantity: 10 }] } }, 'createPurchaseOrder');
    const r = await writesNothing(app, () =>
      app.gql(FLAG, { input: { purchaseOrderId: stock.purchaseOrder.id, status: 'PROBLEM', readyToInvoice: true } }, { token: t.production.token }),
    );
    expect(r.data.flagPurchaseOrder.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'readyToInvoice'] });

    // And when the order has nothing left to invoice, the status change is refused after the note was written: rolled back too.
    const { so, po } = await partlyShipped();
    await ok(t, t.order.token, OPS.cancelQuantity, { lineId: so.lines[1].id, q: 200, reason: 'client dropped the tees' }, 'cancelSalesOrderQuantity');
    await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice');
    const refusedRelease = await writesNothing(app, () =>
      app.gql(FLAG, { input: { purchaseOrderId: po.id, status: 'PROBLEM', note: 'nothing to do', readyToInvoice: true } }, { token: t.production.token }),
    );
    expect(refusedRelease.data.flagPurchaseOrder.userErrors.length).toBeGreaterThan(0);
    expect(refusedRelease.data.flagPurchaseOrder.userErrors[0].field).toEqual(['input', 'readyToInvoice']);
  });

  it('is for those who manage purchase orders', async () => {
    const { po } = await partlyShipped();
    const r = await app.gql(FLAG, { input: { purchaseOrderId: po.id, status: 'PROBLEM' } }, { token: t.accountant.token });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
