// The invoices report's rollup (invoice_day_total, kept by a trigger) always equals the detail rows:
// after invoices are created (some at once, on several orders), edited, exported, paid in part and in
// full, and voided; and the report's broad totals (served by the rollup) equal the sums of the
// invoices' own fields, as the CSV's totals row (served by the detail rows) does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';
import { one } from '../../support/lists.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

const TOTALS = `query($filter: InvoicesReportFilter) { invoicesReport(filter: $filter, first: 1) { totalCount totals { count subtotalCents taxCents totalCents paidCents balanceCents } } }`;

async function rollupDiff() {
  return app.sql(`
    with detail as (select organization_id, invoice_date, status, count(*)::int as invoices, sum(subtotal_cents) as subtotal_cents, sum(tax_cents) as tax_cents,
                           sum(total_cents) as total_cents, sum(paid_cents) as paid_cents from invoice group by 1, 2, 3),
         rollup as (select organization_id, invoice_date, status, invoices, subtotal_cents, tax_cents, total_cents, paid_cents from invoice_day_total where invoices <> 0)
    (select 'missing' as side, * from detail except select 'missing', * from rollup)
    union all (select 'extra', * from rollup except select 'extra', * from detail)`);
}

describe('invoice rollup', () => {
  it('equals the detail rows after create, edit, export, payments and void, and serves the broad totals exactly', async () => {
    const mug = await product(t, false, 1250);
    const prj = await project(t);
    const orders = await Promise.all([0, 1, 2].map(() => salesOrder(t, prj.id, [{ productId: mug.id, quantity: 100 }], 825)));
    for (const so of orders) {
      const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
      await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SHIPPED' }, 'setPurchaseOrderStage');
    }
    // Invoices created at the same moment on three orders, on two dates.
    const created = await Promise.all(
      orders.flatMap((so, i) => [
        ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, invoiceDate: '2026-04-01', lines: [{ salesOrderLineId: so.lines[0].id, quantity: 10 + i }] } }, 'createInvoice'),
      ]),
    );
    const more = [];
    for (const so of orders) more.push(await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, invoiceDate: '2026-04-02', lines: [{ salesOrderLineId: so.lines[0].id, quantity: 7 }] } }, 'createInvoice'));
    const [a, b, c] = created.map((r) => r.invoice);
    const [d, e] = more.map((r) => r.invoice);
    expect(await rollupDiff()).toEqual([]);
    await ok(t, t.invoicing.token, OPS.updateInvoice, { input: { invoiceId: d.id, lines: [{ salesOrderLineId: orders[0].lines[0].id, quantity: 3 }] } }, 'updateInvoice');
    await ok(t, t.accountant.token, OPS.exportInvoices, { ids: [b.id, e.id] }, 'exportInvoices');
    await ok(t, t.accountant.token, OPS.recordPayment, { input: { invoiceId: a.id, amountCents: 1000 } }, 'recordPayment');
    await ok(t, t.accountant.token, OPS.recordPayment, { input: { invoiceId: b.id, amountCents: b.totalCents } }, 'recordPayment');
    await ok(t, t.invoicing.token, OPS.voidInvoice, { id: c.id, reason: 'entered twice' }, 'voidInvoice');
    expect(await rollupDiff()).toEqual([]);

    const sums = one(await app.sql<Record<string, string>>(
      `select count(*) as count, sum(subtotal_cents) as sub, sum(tax_cents) as tax, sum(total_cents) as total, sum(paid_cents) as paid
       from invoice where organization_id = (select organization_id from app_user where id = $1) and status <> 'VOID' and invoice_date between '2026-04-01' and '2026-04-30'`,
      [t.admin.userId],
    ));
    const r = (await app.gql(TOTALS, { filter: { from: '2026-04-01', to: '2026-04-30' } }, { token: t.accountant.token })).data.invoicesReport;
    expect(r.totals).toEqual({ count: 5, subtotalCents: Number(sums.sub), taxCents: Number(sums.tax), totalCents: Number(sums.total), paidCents: Number(sums.paid), balanceCents: Number(sums.total) - Number(sums.paid) });
    expect(Number(sums.count)).toBe(5);
    // The VOID one only when asked for, and then with its own figures.
    const voided = (await app.gql(TOTALS, { filter: { statuses: ['VOID'] } }, { token: t.accountant.token })).data.invoicesReport;
    expect(voided.totals).toMatchObject({ count: 1, totalCents: c.totalCents, paidCents: 0 });
    // The CSV's totals row (detail rows, one snapshot) says the same as the rollup.
    const csv = await (await fetch(`${app.url}/reports/invoices.csv`, { headers: { authorization: `Bearer ${t.accountant.token}` } })).text();
    const dec = (cents: number) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    expect(csv.trim().split('\n').at(-1)).toBe(`TOTAL (5 invoices),,,,,,,${dec(r.totals.subtotalCents)},${dec(r.totals.taxCents)},${dec(r.totals.totalCents)},${dec(r.totals.paidCents)},${dec(r.totals.balanceCents)},`);
  }, 120_000);
});
