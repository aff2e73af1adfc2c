// Receivables aging (DOMAIN.md, "Reports"): per client, the positive balances of standard and deposit
// invoices sent or exported, bucketed by days past due at asOf; totals equal the sum of the rows and
// each row the sum of its invoices; refunds owed listed apart; Invoice.overdue and business alerts'
// overdueInvoices agree; the CSV has the same rows and totals.
import { addDays, todayUtc } from '../../../packages/domain/src/dates.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { parseCsv } from '../../support/csv.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
const today = todayUtc();
const ids: Record<string, string> = {};

const AGING = `query($asOf: Date) { receivablesAging(asOf: $asOf) { asOf csvUrl
  totals { currentCents days1To30Cents days31To60Cents days61To90Cents over90Cents totalCents }
  rows { client { id name } buckets { currentCents days1To30Cents days31To60Cents days61To90Cents over90Cents totalCents } invoices { id number dueDate balanceCents overdue kind status } }
  refundsOwed { id number balanceCents } } }`;

const SEND = 'mutation($id: ID!) { sendInvoice(id: $id, to: ["ap@globex.example"]) { invoice { id } userErrors { code message } } }';
const BUCKETS = ['currentCents', 'days1To30Cents', 'days31To60Cents', 'days61To90Cents', 'over90Cents', 'totalCents'] as const;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const mug = await product(t, false, 1000);
  const prj = await project(t);
  const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 100 }]);
  const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
  await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 100 }] } }, 'receivePurchaseOrder');
  // Globex pays in 30 days: invoice dates 10, 45, 100 and 200 days ago are due 20 days ahead and 15, 70, 170 days late.
  const invoice = async (name: string, daysAgo: number, quantity: number, send = true) => {
    const inv = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, invoiceDate: addDays(today, -daysAgo), lines: [{ salesOrderLineId: so.lines[0].id, quantity }] } }, 'createInvoice')).invoice;
    if (send) await ok(t, t.invoicing.token, SEND, { id: inv.id }, 'sendInvoice');
    ids[name] = inv.id;
    return inv;
  };
  await invoice('current', 10, 1);
  await invoice('late15', 45, 2);
  await invoice('late70', 100, 3);
  await invoice('late170', 200, 4);
  await invoice('open', 300, 5, false); // not sent: not a receivable
  const paid = await invoice('paid', 60, 6);
  await ok(t, t.accountant.token, OPS.recordPayment, { input: { invoiceId: ids.late15, amountCents: 500 } }, 'recordPayment');
  await ok(t, t.accountant.token, OPS.recordPayment, { input: { invoiceId: paid.id, amountCents: paid.totalCents } }, 'recordPayment');
  // A credit memo on the paid invoice: a refund is owed on it.
  const lines = (await app.gql('query($id: ID!) { invoice(id: $id) { lines { id } } }', { id: paid.id }, { token: t.accountant.token })).data.invoice.lines;
  await ok(t, t.accountant.token, 'mutation($input: CreateCreditMemoInput!) { createCreditMemo(input: $input) { invoice { id } userErrors { code message } } }',
    { input: { invoiceId: paid.id, lines: [{ invoiceLineId: lines[0].id, quantity: 2 }], reason: 'Two came broken' } }, 'createCreditMemo');
});
afterAll(() => app?.stop());

async function aging(asOf?: string) {
  const r = await app.gql(AGING, { asOf }, { token: t.accountant.token });
  expect(r.errors).toBeUndefined();
  return r.data.receivablesAging;
}

describe('receivables aging', () => {
  it('buckets each receivable by days past due, totals equal to the rows, rows equal to their invoices', async () => {
    const a = await aging();
    expect(a.asOf).toBe(today);
    expect(a.rows).toHaveLength(1);
    const row = a.rows[0];
    expect(row.buckets).toEqual({ currentCents: 1000, days1To30Cents: 1500, days31To60Cents: 0, days61To90Cents: 3000, over90Cents: 4000, totalCents: 9500 });
    expect(row.invoices.map((i: { id: string }) => i.id)).toEqual([ids.late170, ids.late70, ids.late15, ids.current]);
    expect(row.invoices.reduce((s: number, i: { balanceCents: number }) => s + i.balanceCents, 0)).toBe(row.buckets.totalCents);
    for (const k of BUCKETS) expect(a.totals[k]).toBe(a.rows.reduce((s: number, r: { buckets: Record<string, number> }) => s + r.buckets[k]!, 0));
    expect(a.refundsOwed).toEqual([{ id: ids.paid, number: expect.any(String), balanceCents: -2000 }]);
    expect(row.invoices.map((i: { overdue: boolean }) => i.overdue)).toEqual([true, true, true, false]);
    const alerts = await app.gql('{ businessAlerts { overdueInvoices } }', {}, { token: t.accountant.token });
    expect(alerts.data.businessAlerts.overdueInvoices).toBe(3);
  });

  it('moves only the bucket boundaries with asOf', async () => {
    const later = await aging(addDays(today, 365));
    expect(later.totals).toEqual({ currentCents: 0, days1To30Cents: 0, days31To60Cents: 0, days61To90Cents: 0, over90Cents: 9500, totalCents: 9500 });
    const bad = await app.gql(AGING, { asOf: '2026-02-30' }, { token: t.accountant.token });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('downloads the same rows and totals as CSV, for the organization only', async () => {
    const a = await aging();
    const res = await fetch(`${app.url}${a.csvUrl}`, { headers: { authorization: `Bearer ${t.accountant.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual(['Client', 'Current', '1–30 days', '31–60 days', '61–90 days', 'Over 90 days', 'Total']);
    expect(rows[1]).toEqual(['Globex', '10.00', '15.00', '0.00', '30.00', '40.00', '95.00']);
    expect(rows[2]).toEqual(['TOTAL (1 client)', '10.00', '15.00', '0.00', '30.00', '40.00', '95.00']);
    expect((await fetch(`${app.url}${a.csvUrl}`)).status).toBe(404);
    const bad = await fetch(`${app.url}/reports/aging.csv?filter=${Buffer.from(JSON.stringify({ asOf: '2026-02-30' })).toString('base64url')}`, { headers: { authorization: `Bearer ${t.accountant.token}` } });
    expect(bad.status).toBe(400);
  });
  it('runs the same number of statements for one client and for several', async () => {
    const count = async () => {
      app.queries.reset();
      const r = await app.gql(AGING, {}, { token: t.accountant.token });
      expect(r.errors).toBeUndefined();
      // The session is read once, then cached for SESSION_CACHE_MS: counted apart.
      return { n: app.queries.statements.filter((q) => !/from session s join app_user u/.test(q)).length, rows: r.data.receivablesAging.rows.length };
    };
    const one = await count();
    const mug = await product(t, false, 700);
    for (const name of ['Initech', 'Umbrella', 'Hooli']) {
      const clientId = (await ok(t, t.admin.token, OPS.createClient, { name, email: `ap@${name.toLowerCase()}.example`, terms: 0 }, 'createClient')).client.id;
      const prj = (await ok(t, t.order.token, OPS.createProject, { name: `${name} promo`, clientId, o: t.order.userId }, 'createProject')).project;
      const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 3 }]);
      const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
      await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'READY_FOR_BILLING' }, 'setPurchaseOrderStage');
      const inv = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, invoiceDate: addDays(today, -40) } }, 'createInvoice')).invoice;
      await ok(t, t.invoicing.token, SEND, { id: inv.id }, 'sendInvoice');
    }
    // The invoices' e-mails leave in the background: let them go before counting this request's statements.
    for (let i = 0; i < 200 && Number((await app.sql<{ n: string }>('select count(*) as n from outbox_email where sent_at is null and attempts = 0'))[0]!.n) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    const several = await count();
    expect(several.rows).toBe(one.rows + 3);
    console.info(`[sql] receivables aging: ${one.n} statements for ${one.rows} client, ${several.n} for ${several.rows}`);
    expect(several.n).toBe(one.n);
  });
});
