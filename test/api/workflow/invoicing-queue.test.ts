// The invoicing queue follows every way an order gets or loses ready units (DOMAIN.md, "Work lists"):
// receipt, scheduling, a PO reaching READY_FOR_BILLING, invoicing, voiding, a credit memo for
// re-invoicing, cancelling. After each step: is the order in the queue, with what ready value, and
// how many READY_TO_INVOICE notifications its invoicing rep has for it (one per order per
// transaction, never to whoever did it). Business alerts' readyToInvoice is the queue's length.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

const QUEUE = '{ invoicingQueue { id readyToInvoiceCents } businessAlerts { readyToInvoice } }';
const READY_NOTES = '{ notifications(first: 100) { nodes { kind salesOrder { id } actor { id } } } }';

async function queueState(soId: string) {
  const r = await app.gql(QUEUE, {}, { token: t.invoicing.token });
  expect(r.errors).toBeUndefined();
  const queue = r.data.invoicingQueue as { id: string; readyToInvoiceCents: number }[];
  expect(r.data.businessAlerts.readyToInvoice).toBe(queue.length);
  const n = await app.gql(READY_NOTES, {}, { token: t.invoicing.token });
  const notes = (n.data.notifications.nodes as { kind: string; salesOrder: { id: string } | null }[]).filter((x) => x.kind === 'READY_TO_INVOICE' && x.salesOrder?.id === soId);
  return { inQueue: queue.some((o) => o.id === soId), ready: queue.find((o) => o.id === soId)?.readyToInvoiceCents ?? 0, notes: notes.length };
}

type Step = { name: string; run: () => Promise<unknown>; inQueue: boolean; ready: number; notes: number };

async function walk(soId: string, steps: Step[]) {
  const seen: { name: string; inQueue: boolean; ready: number; notes: number }[] = [];
  for (const s of steps) {
    await s.run();
    seen.push({ name: s.name, ...(await queueState(soId)) });
  }
  expect(seen).toEqual(steps.map(({ name, inQueue, ready, notes }) => ({ name, inQueue, ready, notes })));
}

describe('the invoicing queue', () => {
  it('follows a drop-ship order through receipt, partial invoice, void, full invoice, credit for re-invoicing and cancelling', async () => {
    const mug = await product(t, false, 100);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }]);
    const line = so.lines[0].id as string;
    let po: { id: string; lines: { id: string }[] } = { id: '', lines: [] };
    let first = '';
    let second: { id: string; lines: { id: string }[] } = { id: '', lines: [] };
    await walk(so.id, [
      {
        name: 'PO submitted: nothing ready',
        run: async () => {
          [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
          await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
        },
        inQueue: false, ready: 0, notes: 0,
      },
      {
        name: 'receipt of 4: in the queue, the invoicing rep told',
        run: () => ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0]!.id, quantity: 4 }] } }, 'receivePurchaseOrder'),
        inQueue: true, ready: 400, notes: 1,
      },
      {
        name: 'invoice 2 of the 4: still in the queue with the other 2',
        run: async () => (first = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: line, quantity: 2 }] } }, 'createInvoice')).invoice.id),
        inQueue: true, ready: 200, notes: 1,
      },
      {
        name: 'the invoicing rep voids it: 4 ready again, but nobody tells the rep what the rep did',
        run: () => ok(t, t.invoicing.token, OPS.voidInvoice, { id: first, reason: 'wrong date' }, 'voidInvoice'),
        inQueue: true, ready: 400, notes: 1,
      },
      {
        name: 'invoice all 4: out of the queue (6 wait for goods)',
        run: async () => {
          second = (await ok(t, t.invoicing.token, `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id lines { id } } userErrors { code message } } }`, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
          await ok(t, t.invoicing.token, 'mutation($id: ID!) { sendInvoice(id: $id, to: ["ap@globex.example"]) { invoice { id } userErrors { code message } } }', { id: second.id }, 'sendInvoice');
        },
        inQueue: false, ready: 0, notes: 1,
      },
      {
        name: 'the accountant credits 1 for re-invoicing: back in the queue, the rep told',
        run: () =>
          ok(t, t.accountant.token, 'mutation($input: CreateCreditMemoInput!) { createCreditMemo(input: $input) { invoice { id } userErrors { code message } } }',
            { input: { invoiceId: second.id, lines: [{ invoiceLineId: second.lines[0]!.id, quantity: 1 }], reason: 'One arrived chipped', reinvoice: true } }, 'createCreditMemo'),
        inQueue: true, ready: 100, notes: 2,
      },
      {
        name: 'cancelling the 6 still to come leaves the ready one in the queue',
        run: () => ok(t, t.order.token, OPS.cancelQuantity, { lineId: line, q: 6, reason: 'client no longer needs them' }, 'cancelSalesOrderQuantity'),
        inQueue: true, ready: 100, notes: 2,
      },
    ]);
  });

  it('follows a stock order through scheduling, cancelling and invoicing', async () => {
    const widget = await product(t, true, 250);
    await ok(t, t.purchasing.token, OPS.adjustStock, { id: widget.id, q: 20, reason: 'count' }, 'adjustStock');
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: widget.id, quantity: 5 }]);
    await walk(so.id, [
      { name: 'scheduled: in the queue, the rep told', run: () => ok(t, t.purchasing.token, OPS.scheduleSalesOrder, { id: so.id }, 'scheduleSalesOrder'), inQueue: true, ready: 1250, notes: 1 },
      { name: 'cancel 2 of the 5', run: () => ok(t, t.order.token, OPS.cancelQuantity, { lineId: so.lines[0].id, q: 2, reason: 'fewer needed' }, 'cancelSalesOrderQuantity'), inQueue: true, ready: 750, notes: 1 },
      { name: 'invoiced in full: out of the queue', run: () => ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice'), inQueue: false, ready: 0, notes: 1 },
    ]);
  });

  it('takes in an order whose PO reaches READY_FOR_BILLING, with one notification for the status and the units together', async () => {
    const mug = await product(t, false, 100);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 3 }]);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    await walk(so.id, [
      { name: 'submitted', run: () => ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage'), inQueue: false, ready: 0, notes: 0 },
      { name: 'READY_FOR_BILLING', run: () => ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'READY_FOR_BILLING' }, 'setPurchaseOrderStage'), inQueue: true, ready: 300, notes: 1 },
    ]);
  });

  it('starts from the demo data as seeded: every order has its place recorded, SO-1001 (500 mugs shipped) in the queue', async () => {
    const demo = await startTestApp({ SEED_DEMO: 'true' });
    try {
      const seen = await demo.sql<{ number: string; in_queue: boolean }>('select so.number, s.in_queue from sales_order so join invoicing_queue_seen s on s.sales_order_id = so.id order by so.number');
      expect(seen).toEqual([{ number: 'SO-1001', in_queue: true }, { number: 'SO-1002', in_queue: false }]);
    } finally {
      await demo.stop();
    }
  });

  it('is for the people who may invoice: others asking for it live are refused', async () => {
    // The query is a list everyone may read; the subscription is refused at subscribe (two-instance test: collaboration/queue-live.test.ts).
    const r = await app.gql('{ invoicingQueue { id } }', {}, { token: t.order.token });
    expect(r.errors).toBeUndefined();
  });
});
