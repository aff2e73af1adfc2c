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
    with detail as (select organization_id, invoice_date, status, kind, count(*)::int as invoices, sum(subtotal_cents) as subtotal_cents, sum(tax_cents) as tax_cents,
                           sum(total_cents) as total_cents, sum(paid_cents) as paid_cents,
                           sum(case when kind = 'CREDIT_MEMO' then 0 else total_cents - paid_cents - deposit_applied_cents - credited_cents + refunded_cents end) as balance_cents
                    from invoice group by 1, 2, 3, 4),
         rollup as (select organization_id, invoice_date, status, kind, invoices, subtotal_cents, tax_cents, total_cents, paid_cents, balance_cents from invoice_day_total where invoices <> 0)
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
    expect(csv.trim().split('\n').at(-1)).toBe(`TOTAL (5 documents),,,,,,,,${dec(r.totals.subtotalCents)},${dec(r.totals.taxCents)},${dec(r.totals.totalCents)},${dec(r.totals.paidCents)},0.00,0.00,0.00,${dec(r.totals.balanceCents)},`);
    paidInvoiceId = b.id;
    openOrderId = orders[2]!.id;
  }, 120_000);

  it('keeps kinds and balances: a credit memo on a paid invoice, its refund, and a paid deposit', async () => {
    const lines = (await app.gql(`query($id: ID!) { invoice(id: $id) { lines { id } } }`, { id: paidInvoiceId }, { token: t.accountant.token })).data.invoice.lines;
    const memo = (await ok(t, t.invoicing.token, CREDIT, { input: { invoiceId: paidInvoiceId, lines: [{ invoiceLineId: lines[0].id, quantity: 2 }], reason: 'two chipped' } }, 'createCreditMemo')).invoice;
    expect(memo.totalCents).toBeLessThan(0);
    const owed = (await app.gql(`query($id: ID!) { invoice(id: $id) { balanceCents } }`, { id: paidInvoiceId }, { token: t.accountant.token })).data.invoice.balanceCents;
    expect(owed).toBe(memo.totalCents);
    await ok(t, t.accountant.token, REFUND, { input: { invoiceId: paidInvoiceId, amountCents: -owed, reference: 'cheque 12' } }, 'recordRefund');
    const deposit = (await ok(t, t.invoicing.token, DEPOSIT, { input: { salesOrderId: openOrderId, amountCents: 5000 } }, 'requestDeposit')).invoice;
    await ok(t, t.accountant.token, OPS.recordPayment, { input: { invoiceId: deposit.id, amountCents: 3000 } }, 'recordPayment');
    expect(await rollupDiff()).toEqual([]);

    // Default kinds: invoices and credit memos, netting out; deposits only when named.
    const all = (await app.gql(TOTALS, {}, { token: t.accountant.token })).data.invoicesReport.totals;
    const detail = one(await app.sql<Record<string, string>>(
      `select count(*) as count, sum(total_cents) as total, sum(case when kind = 'CREDIT_MEMO' then 0 else total_cents - paid_cents - deposit_applied_cents - credited_cents + refunded_cents end) as balance
       from invoice where organization_id = (select organization_id from app_user where id = $1) and status <> 'VOID' and kind in ('STANDARD', 'CREDIT_MEMO')`,
      [t.admin.userId],
    ));
    expect(all).toMatchObject({ count: Number(detail.count), totalCents: Number(detail.total), balanceCents: Number(detail.balance) });
    const deposits = (await app.gql(TOTALS, { filter: { kinds: ['DEPOSIT'] } }, { token: t.accountant.token })).data.invoicesReport.totals;
    expect(deposits).toEqual({ count: 1, subtotalCents: 5000, taxCents: 0, totalCents: 5000, paidCents: 3000, balanceCents: 2000 });
    // A filter the rollup cannot serve sums the detail rows: the same figures.
    const byClient = (await app.gql(TOTALS, { filter: { kinds: ['DEPOSIT'], search: deposit.number } }, { token: t.accountant.token })).data.invoicesReport.totals;
    expect(byClient).toEqual(deposits);
  }, 120_000);
});

const CREDIT = `mutation($input: CreateCreditMemoInput!) { createCreditMemo(input: $input) { invoice { id totalCents } userErrors { code message field } } }`;
const REFUND = `mutation($input: RecordRefundInput!) { recordRefund(input: $input) { invoice { id } userErrors { code message field } } }`;
const DEPOSIT = `mutation($input: RequestDepositInput!) { requestDeposit(input: $input) { invoice { id number totalCents } userErrors { code message field } } }`;
let paidInvoiceId = '';
let openOrderId = '';
