// DOMAIN.md, "A document shows its figures as of itself": an invoice keeps the order's invoiced and
// remaining amounts as they stood right after it was made (or last edited while OPEN), and its PDF
// prints those and what was still to follow — never today's figures. Also: the invoice preview is the
// mutation's own decision, nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { readPdf } from '../../support/pdf.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

const AS_OF = `query($id: ID!) { invoice(id: $id) { id number orderInvoicedAfterCents orderRemainingAfterCents salesOrder { invoicedCents remainingCents } } }`;
const PREVIEW = `query($input: CreateInvoiceInput!) { invoicePreview(input: $input) {
  lines { salesOrderLineId quantity totalCents } subtotalCents taxCents totalCents orderInvoicedAfterCents orderRemainingAfterCents userErrors { code message field } } }`;

const flat = (text: string) => text.replace(/\s+/g, ' ');

async function pdfText(invoiceId: string): Promise<string> {
  const res = await fetch(`${app.url}/invoices/${invoiceId}.pdf`, { headers: { authorization: `Bearer ${t.accountant.token}` } });
  expect(res.status).toBe(200);
  return flat((await readPdf(new Uint8Array(await res.arrayBuffer()))).text);
}

describe('documents as of themselves', () => {
  it('the first of two partial invoices keeps, and prints, the order as it stood right after it', async () => {
    const mug = await product(t, false, 1250, { name: 'Ceramic mug' });
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 500 }], 825);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
    await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 480 }] } }, 'receivePurchaseOrder');

    // The preview is the invoice the mutation would make, and writes nothing.
    const before = await app.sql<{ n: string }>('select count(*) as n from invoice');
    const preview = (await app.gql(PREVIEW, { input: { salesOrderId: so.id } }, { token: t.invoicing.token })).data.invoicePreview;
    expect(preview).toMatchObject({ subtotalCents: 600_000, taxCents: 49_500, totalCents: 649_500, orderInvoicedAfterCents: 649_500, orderRemainingAfterCents: 27_063, userErrors: [] });
    expect(await app.sql<{ n: string }>('select count(*) as n from invoice')).toEqual(before);
    // A quantity above what remains is the mutation's own refusal, on its own field.
    const over = (await app.gql(PREVIEW, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 600 }] } }, { token: t.invoicing.token })).data.invoicePreview;
    expect(over.userErrors).toEqual([{ code: 'OVER_INVOICE', message: 'Only 500 remain to invoice on this line.', field: ['input', 'lines', '0', 'quantity'] }]);
    expect(over.totalCents).toBeNull();

    const first = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    expect(first.totalCents).toBe(preview.totalCents);
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'READY_FOR_BILLING' }, 'setPurchaseOrderStage');
    const second = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;

    const asOfFirst = (await app.gql(AS_OF, { id: first.id }, { token: t.accountant.token })).data.invoice;
    expect(asOfFirst).toMatchObject({ orderInvoicedAfterCents: 649_500, orderRemainingAfterCents: 27_063, salesOrder: { invoicedCents: 676_563, remainingCents: 0 } });
    const asOfSecond = (await app.gql(AS_OF, { id: second.id }, { token: t.accountant.token })).data.invoice;
    expect(asOfSecond).toMatchObject({ orderInvoicedAfterCents: 676_563, orderRemainingAfterCents: 0 });

    // The PDF of the first prints its own after-figures and what was still to follow then.
    const text = await pdfText(first.id);
    expect(text).toContain(`Remaining to be invoiced on ${so.number} after this invoice: $270.63`);
    expect(text).not.toContain('after this invoice: $0.00');
    expect(text).toContain('Still to follow');
    expect(text).toMatch(/20 × Ceramic mug\s*waiting for goods/);
    // The second's: nothing remains, nothing to follow.
    const last = await pdfText(second.id);
    expect(last).toContain(`Remaining to be invoiced on ${so.number} after this invoice: $0.00`);
    expect(last).not.toContain('Still to follow');

    // A void of the second changes nothing the first says.
    await ok(t, t.invoicing.token, OPS.voidInvoice, { id: second.id, reason: 'wrong date' }, 'voidInvoice');
    expect((await app.gql(AS_OF, { id: first.id }, { token: t.accountant.token })).data.invoice).toMatchObject({ orderInvoicedAfterCents: 649_500, orderRemainingAfterCents: 27_063 });
  });

  it('an edit while OPEN takes the figures again', async () => {
    const mug = await product(t, false, 1000);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }]);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SHIPPED' }, 'setPurchaseOrderStage');
    const inv = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 4 }] } }, 'createInvoice')).invoice;
    expect((await app.gql(AS_OF, { id: inv.id }, { token: t.accountant.token })).data.invoice).toMatchObject({ orderInvoicedAfterCents: 4_000, orderRemainingAfterCents: 6_000 });
    await ok(t, t.invoicing.token, OPS.updateInvoice, { input: { invoiceId: inv.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 7 }] } }, 'updateInvoice');
    expect((await app.gql(AS_OF, { id: inv.id }, { token: t.accountant.token })).data.invoice).toMatchObject({ orderInvoicedAfterCents: 7_000, orderRemainingAfterCents: 3_000 });
  });
});
