// purchaseOrderStagePreview: what a stage move will do, said before it is made (the confirmation the
// screens show), from the very decision setPurchaseOrderStage runs — and it writes nothing.
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

const PREVIEW = `query($id: ID!, $stage: PurchaseOrderStage!, $reason: String, $v: Int) {
  purchaseOrderStagePreview(id: $id, stage: $stage, reason: $reason, expectedVersion: $v) {
    purchaseOrder { id stage } salesOrder { id number status }
    summary received { purchaseOrderLineId description quantity } salesOrderStatusAfter
    userErrors { code message field } } }`;

const PO_LINES = `query($id: ID!) { purchaseOrder(id: $id) { id stage version lines { id description received outstanding } salesOrder { id status lines { id shipped readyToInvoice } } } }`;

/** Workflow A as the demo has it: 500 mugs received, 200 tees outstanding, the PO confirmed. */
async function partlyShipped() {
  const [mugs, tees] = [await product(t, false, 1250), await product(t, false, 1800)];
  const prj = await project(t);
  const so = await salesOrder(t, prj.id, [{ productId: mugs.id, quantity: 500 }, { productId: tees.id, quantity: 200 }]);
  const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'CONFIRMED' }, 'setPurchaseOrderStage');
  const mugLine = po.lines.find((l: { product: { id: string } }) => l.product.id === mugs.id);
  const teeLine = po.lines.find((l: { product: { id: string } }) => l.product.id === tees.id);
  await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: mugLine.id, quantity: 500 }] } }, 'receivePurchaseOrder');
  return { so, po, teeLine };
}

const state = async (id: string) => (await app.gql(PO_LINES, { id }, { token: t.production.token })).data.purchaseOrder;

describe('purchaseOrderStagePreview', () => {
  it('a jump to Ready for billing: the preview says what the move then does, and writes nothing', async () => {
    const { so, po, teeLine } = await partlyShipped();
    const before = await state(po.id);
    const r = await writesNothing(app, () => app.gql(PREVIEW, { id: po.id, stage: 'READY_FOR_BILLING', v: before.version }, { token: t.production.token }));
    const preview = r.data.purchaseOrderStagePreview;
    const tees = before.lines.find((l: { id: string }) => l.id === teeLine.id).description;
    expect(preview.userErrors).toEqual([]);
    expect(preview.received).toEqual([{ purchaseOrderLineId: teeLine.id, description: tees, quantity: 200 }]);
    expect(preview.salesOrderStatusAfter).toBe('READY_TO_BE_INVOICED');
    expect(preview.salesOrder).toMatchObject({ id: so.id, status: 'IN_PRODUCTION' });
    expect(preview.summary).toBe(`This moves ${po.number} to Ready for billing, receives 200 × ${tees} and sets ${so.number} Ready to be invoiced.`);

    // The move itself does exactly that.
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'READY_FOR_BILLING', v: before.version }, 'setPurchaseOrderStage');
    const after = await state(po.id);
    for (const line of after.lines) {
      const was = before.lines.find((l: { id: string }) => l.id === line.id);
      const previewed = preview.received.find((l: { purchaseOrderLineId: string }) => l.purchaseOrderLineId === line.id)?.quantity ?? 0;
      expect(line.received - was.received, line.id).toBe(previewed);
    }
    expect(after.salesOrder.status).toBe(preview.salesOrderStatusAfter);
  });

  it('a move that receives nothing and leaves the order says so, and the move agrees', async () => {
    const { so, po } = await partlyShipped();
    const { version } = await state(po.id);
    const r = await writesNothing(app, () => app.gql(PREVIEW, { id: po.id, stage: 'SUBMITTED', reason: 'the supplier re-opened it', v: version }, { token: t.production.token }));
    const preview = r.data.purchaseOrderStagePreview;
    expect(preview).toMatchObject({ received: [], salesOrderStatusAfter: null, userErrors: [] });
    expect(preview.summary).toMatch(/^This moves PO-\d+ back to Submitted; what was received stays received and SO-\d+ is left as it is\.$/);
    const statusBefore = (await state(po.id)).salesOrder.status;
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED', reason: 'the supplier re-opened it', v: version }, 'setPurchaseOrderStage');
    expect((await state(po.id)).salesOrder).toMatchObject({ id: so.id, status: statusBefore });
  });

  it.each([
    ['moving back without a reason', { stage: 'SUBMITTED' }, 'INVALID_INPUT'],
    ['a stale version', { stage: 'SHIPPED', v: 1 }, 'CONFLICT'],
  ])('answers the refusal the move would answer (%s), writing nothing', async (_name, args, code) => {
    const { po } = await partlyShipped();
    const r = await writesNothing(app, () => app.gql(PREVIEW, { id: po.id, ...args }, { token: t.production.token }));
    const preview = r.data.purchaseOrderStagePreview;
    expect(preview).toMatchObject({ summary: null, received: [], salesOrderStatusAfter: null });
    expect(preview.userErrors[0].code).toBe(code);
    const move = await app.gql(OPS.setStage, { id: po.id, ...args }, { token: t.production.token });
    expect(move.data.setPurchaseOrderStage.userErrors.map((e: { code: string; message: string }) => [e.code, e.message])).toEqual(
      preview.userErrors.map((e: { code: string; message: string }) => [e.code, e.message]),
    );
  });

  it('an unknown purchase order: NOT_FOUND, as the move answers', async () => {
    const r = await app.gql(PREVIEW, { id: '00000000-0000-4000-8000-000000000000', stage: 'SHIPPED' }, { token: t.production.token });
    expect(r.data.purchaseOrderStagePreview.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['id'] });
  });

  it('only for whom may move purchase orders', async () => {
    const { po } = await partlyShipped();
    const r = await app.gql(PREVIEW, { id: po.id, stage: 'SHIPPED' }, { token: t.invoicing.token });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
