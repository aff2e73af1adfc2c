// The reports equal the records' own figures: the invoices report (filters, keyset pages, totals,
// streamed CSV) and the stock reports, on a mixed dataset built through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { exactly, type Tuple } from '../../support/lists.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
type MadeInvoice = { id: string; number: string; totalCents: number; subtotalCents: number; taxCents: number };
/** Four invoices of the drop-ship order, by date; the last one voided, the first partly paid. */
let invoices: Tuple<MadeInvoice, 4>;
let drop: { soId: string; lineId: string; projectId: string; mugId: string };
let widgetId: string;

const REPORT = `query($filter: InvoicesReportFilter, $first: Int, $after: String) { invoicesReport(filter: $filter, first: $first, after: $after) {
  totalCount csvUrl pageInfo { hasNextPage endCursor }
  totals { count subtotalCents taxCents totalCents paidCents balanceCents }
  nodes { id number status invoiceDate subtotalCents taxCents totalCents paidCents balanceCents salesOrder { id remainingCents } client { id } } } }`;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  // Drop-ship: 500 mugs, 300 shipped and invoiced, 200 backordered; a second invoice voided; a payment.
  const mug = await product(t, false, 1250);
  const prj = await project(t);
  const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 500 }], 825);
  const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
  await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 300 }] } }, 'receivePurchaseOrder');
  drop = { soId: so.id, lineId: so.lines[0].id, projectId: prj.id, mugId: mug.id };
  const dates = ['2026-01-15', '2026-02-10', '2026-02-10', '2026-03-05'];
  const made: MadeInvoice[] = [];
  for (const [i, invoiceDate] of dates.entries()) {
    const inv = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, invoiceDate, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 50 + i }] } }, 'createInvoice')).invoice;
    made.push(inv);
  }
  invoices = exactly(made, 4, 'invoices');
  await ok(t, t.invoicing.token, OPS.voidInvoice, { id: invoices[3].id, reason: 'duplicate' }, 'voidInvoice');
  await ok(t, t.accountant.token, OPS.recordPayment, { input: { invoiceId: invoices[0].id, amountCents: 1000 } }, 'recordPayment');
  // Stocked: 100 widgets ordered, 60 on hand (min 20, max 150), scheduled and not invoiced yet.
  const widget = await product(t, true, 400, { min: 20, max: 150 });
  widgetId = widget.id;
  await ok(t, t.purchasing.token, OPS.adjustStock, { id: widget.id, q: 60, reason: 'count' }, 'adjustStock');
  const so2 = await salesOrder(t, prj.id, [{ productId: widget.id, quantity: 100 }]);
  await ok(t, t.purchasing.token, OPS.scheduleSalesOrder, { id: so2.id }, 'scheduleSalesOrder');
});
afterAll(() => app?.stop());

const report = async (filter: Record<string, unknown> | null, first = 50, after: string | null = null, token = t.accountant.token) => {
  const r = await app.gql(REPORT, { filter, first, after }, { token });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.invoicesReport;
};

describe('invoices report', () => {
  it('lists live invoices newest first, with totals equal to the records', async () => {
    const r = await report(null);
    const live = invoices.slice(0, 3);
    expect(r.totalCount).toBe(3);
    expect(r.nodes.map((n: { id: string }) => n.id)).toEqual([invoices[2].id, invoices[1].id, invoices[0].id]); // same date: number desc
    const sum = (k: 'subtotalCents' | 'taxCents' | 'totalCents') => live.reduce((s, i) => s + i[k], 0);
    expect(r.totals).toEqual({ count: 3, subtotalCents: sum('subtotalCents'), taxCents: sum('taxCents'), totalCents: sum('totalCents'), paidCents: 1000, balanceCents: sum('totalCents') - 1000 });
    const order = (await app.gql(OPS.salesOrder, { id: drop.soId }, { token: t.accountant.token })).data.salesOrder;
    expect(r.nodes[0].salesOrder.remainingCents).toBe(order.remainingCents);
    expect(order.invoicedCents).toBe(r.totals.totalCents); // every live invoice of the order is in the report
  });

  it('combines filters; VOID only when asked for; an empty result has zero totals', async () => {
    expect((await report({ statuses: ['VOID'] })).nodes.map((n: { id: string }) => n.id)).toEqual([invoices[3].id]);
    expect((await report({ from: '2026-02-01', to: '2026-02-28' })).totalCount).toBe(2);
    expect((await report({ from: '2026-02-01', statuses: ['OPEN', 'VOID'] })).totalCount).toBe(3);
    expect((await report({ search: invoices[1].number })).nodes.map((n: { id: string }) => n.id)).toEqual([invoices[1].id]);
    expect((await report({ search: 'globex' })).totalCount).toBe(3);
    expect((await report({ clientId: t.clientId, projectId: drop.projectId, orderRepId: t.order.userId, withRemainingBalance: true })).totalCount).toBe(3);
    const none = await report({ search: '%_nothing like this_%' });
    expect(none).toMatchObject({ totalCount: 0, nodes: [], totals: { count: 0, subtotalCents: 0, taxCents: 0, totalCents: 0, paidCents: 0, balanceCents: 0 } });
  });

  it('walks every page once, ties broken by number', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const r = await report({ statuses: ['OPEN', 'VOID', 'PAID'] }, 1, after);
      seen.push(...r.nodes.map((n: { id: string }) => n.id));
      expect(r.totals.count).toBe(4); // totals are over every row, not the page
      if (!r.pageInfo.hasNextPage) break;
      after = r.pageInfo.endCursor;
    }
    expect(seen).toEqual([invoices[3].id, invoices[2].id, invoices[1].id, invoices[0].id]);
  });

  it.each([
    [{ from: '2026-02-30' }],
    [{ from: '2026-03-01', to: '2026-02-01' }],
    [{ clientId: 'nope' }],
  ])('refuses %j as BAD_USER_INPUT', async (filter) => {
    const r = await app.gql(REPORT, { filter }, { token: t.accountant.token });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a malformed cursor as BAD_USER_INPUT', async () => {
    const r = await app.gql(REPORT, { after: 'garbage' }, { token: t.accountant.token });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('streams the same rows and totals as CSV, to the organization only', async () => {
    const r = await report({ statuses: ['OPEN', 'VOID'] });
    const res = await fetch(`${app.url}${r.csvUrl}`, { headers: { authorization: `Bearer ${t.accountant.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe('Invoice,Kind,Invoice date,Due date,Status,Client,Project,Sales order,Subtotal,Tax,Total,Paid,Deposit applied,Credited,Refunded,Balance,Sales order remaining');
    expect(lines).toHaveLength(1 + r.totalCount + 1);
    expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual(r.nodes.map((n: { number: string }) => n.number));
    const dec = (c: number) => `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}`;
    // No deposit, credit or refund in this data: those sums are 0.
    expect(lines.at(-1)).toBe(
      `TOTAL (${r.totals.count} documents),,,,,,,,${dec(r.totals.subtotalCents)},${dec(r.totals.taxCents)},${dec(r.totals.totalCents)},${dec(r.totals.paidCents)},0.00,0.00,0.00,${dec(r.totals.balanceCents)},`,
    );
    // Statuses in the screens' words, never enum names.
    expect(lines.slice(1, -1).every((l) => /,(Open|Void),/.test(l) && l.split(',')[1] === 'Invoice')).toBe(true);

    const stranger = await team(app, 'Stranger Co');
    const theirs = await (await fetch(`${app.url}${r.csvUrl}`, { headers: { authorization: `Bearer ${stranger.accountant.token}` } })).text();
    expect(theirs.trim().split('\n')).toHaveLength(2); // header and a zero totals row
    expect((await fetch(`${app.url}${r.csvUrl}`)).status).toBe(404);
    expect((await fetch(`${app.url}/reports/invoices.csv?filter=%%%`, { headers: { authorization: `Bearer ${t.accountant.token}` } })).status).toBe(400);
  });
});

describe('stock reports and alerts', () => {
  it('backorder report: the 200 mugs waiting on the invoiced order, valued before tax', async () => {
    const r = (await app.gql(`{ backorderReport { totalBackordered totalBackorderedCents rows { salesOrder { id } line { id backordered } ordered shipped invoiced backordered backorderedCents } } }`, {}, { token: t.purchasing.token })).data.backorderReport;
    const row = r.rows.find((x: { line: { id: string } }) => x.line.id === drop.lineId);
    const invoiced = 50 + 51 + 52;
    expect(row).toEqual({ salesOrder: { id: drop.soId }, line: { id: drop.lineId, backordered: 200 }, ordered: 500, shipped: 300, invoiced, backordered: 200, backorderedCents: 200 * 1250 });
    // The widget order is partly fulfilled (scheduled) but has no invoice: only with includeNotYetInvoiced.
    expect(r.rows).toHaveLength(1);
    const all = (await app.gql(`{ backorderReport(filter: { includeNotYetInvoiced: true }) { rows { backordered line { id } } totalBackordered } }`, {}, { token: t.purchasing.token })).data.backorderReport;
    expect(all.totalBackordered).toBe(200 + 40);
  });

  it('order backlog by product and the reorder report agree with the products’ own figures', async () => {
    const backlog = (await app.gql(`query($id: ID) { orderBacklogByProduct(productId: $id) { product { id onHand committed } onHand openQuantity backordered lines { id remaining } } }`, { id: widgetId }, { token: t.purchasing.token })).data.orderBacklogByProduct;
    expect(backlog).toEqual([{ product: { id: widgetId, onHand: 60, committed: 100 }, onHand: 60, openQuantity: 100, backordered: 40, lines: [expect.objectContaining({ remaining: 100 })] }]);
    const reorder = (await app.gql(`{ inventoryReorderReport { product { id available } onHand committed onOrder available minStock maxStock suggestedQuantity } }`, {}, { token: t.purchasing.token })).data.inventoryReorderReport;
    expect(reorder).toEqual([{ product: { id: widgetId, available: -40 }, onHand: 60, committed: 100, onOrder: 0, available: -40, minStock: 20, maxStock: 150, suggestedQuantity: 190 }]);
  });

  it('business alerts count what needs attention', async () => {
    const alerts = (await app.gql(`{ businessAlerts { lowStock backorderedOrders problemPurchaseOrders readyToInvoice unreadNotifications } invoicingQueue { id } }`, {}, { token: t.invoicing.token })).data;
    expect(alerts.businessAlerts).toMatchObject({ lowStock: 1, backorderedOrders: 2, problemPurchaseOrders: 0, readyToInvoice: alerts.invoicingQueue.length });
    // The scheduled widget order, and the drop-ship order: 300 received, 153 invoiced, so 147 ready (DOMAIN.md, "Work lists").
    expect(alerts.invoicingQueue.map((o: { id: string }) => o.id)).toContain(drop.soId);
    expect(alerts.invoicingQueue).toHaveLength(2);
  });
});
