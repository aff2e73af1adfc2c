// The reports equal the records, on a generated mixed dataset (seeded, so a failure replays): drop-ship
// and stocked lines, partial receipts, cancelled quantities (credit), several invoices per order, some
// voided, some exported, partial and full payments. Every invoices-report page, the totals, every CSV row
// and the backorder report are compared with the records' own screens (invoice(id), salesOrder(id)).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

const SEED = Number(process.env.REPORT_SEED ?? 20261122);
let state = SEED;
/** A small deterministic generator (mulberry32): the same seed builds the same dataset. */
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let x = Math.imul(state ^ (state >>> 15), 1 | state);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

let app: TestApp;
let t: Team;
const orderIds: string[] = [];
const invoiceIds: string[] = [];

const RECORD = `query($id: ID!) { invoice(id: $id) { id number status invoiceDate subtotalCents taxCents totalCents paidCents balanceCents salesOrder { id number remainingCents } } }`;
const REPORT = `query($filter: InvoicesReportFilter, $first: Int, $after: String) { invoicesReport(filter: $filter, first: $first, after: $after) {
  totalCount csvUrl pageInfo { hasNextPage endCursor }
  totals { count subtotalCents taxCents totalCents paidCents balanceCents }
  nodes { id number status invoiceDate subtotalCents taxCents totalCents paidCents balanceCents salesOrder { id number remainingCents } } } }`;
const BACKORDERS = `query($filter: BackorderReportFilter) { backorderReport(filter: $filter) { totalBackordered totalBackorderedCents
  rows { salesOrder { id } line { id } ordered shipped invoiced backordered backorderedCents } } }`;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const dropShip = [await product(t, false, 1250), await product(t, false, 1899), await product(t, false, 333)];
  const stocked = [await product(t, true, 400), await product(t, true, 7)];
  for (const p of stocked) await ok(t, t.purchasing.token, OPS.adjustStock, { id: p.id, q: int(50, 400), reason: 'count' }, 'adjustStock');
  const projects = [await project(t), await project(t)];
  const days = ['2025-12-30', '2026-01-15', '2026-01-15', '2026-02-01', '2026-02-28', '2026-03-10'];

  for (let n = 0; n < 10; n++) {
    const lines = [...new Set(Array.from({ length: int(1, 3) }, () => pick([...dropShip, ...stocked])))].map((p) => ({ productId: p.id, quantity: int(5, 120) }));
    const so = await salesOrder(t, pick(projects).id, lines, pick([0, 825, 1000, 725]));
    orderIds.push(so.id);
    // Goods: drop-ship lines bought and partly (or fully) received; stocked lines scheduled from stock.
    if (so.lines.some((l: { product: { id: string } }) => dropShip.some((d) => d.id === l.product.id))) {
      const pos = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
      for (const po of pos) {
        await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
        const receipt = po.lines.map((l: { id: string; quantity: number }) => ({ purchaseOrderLineId: l.id, quantity: int(0, l.quantity) })).filter((l: { quantity: number }) => l.quantity > 0);
        if (receipt.length) await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: receipt } }, 'receivePurchaseOrder');
      }
    }
    if (so.lines.some((l: { product: { id: string } }) => stocked.some((s) => s.id === l.product.id))) {
      const r = await app.gql(OPS.scheduleSalesOrder, { id: so.id }, { token: t.purchasing.token });
      expect(r.errors).toBeUndefined(); // INSUFFICIENT_STOCK is a fair answer once stock runs out
    }
    // Credit: a cancelled part of a line, before invoicing.
    let current = (await app.gql(OPS.salesOrder, { id: so.id }, { token: t.order.token })).data.salesOrder;
    if (random() < 0.4) {
      const line = pick(current.lines as { id: string; remaining: number; readyToInvoice: number }[]);
      const q = Math.min(int(1, 10), line.remaining - line.readyToInvoice);
      if (q > 0) await ok(t, t.order.token, OPS.cancelQuantity, { lineId: line.id, q, reason: 'client reduced' }, 'cancelSalesOrderQuantity');
    }
    // One to three invoices of part of what is ready.
    for (let k = int(1, 3); k > 0; k--) {
      current = (await app.gql(OPS.salesOrder, { id: so.id }, { token: t.invoicing.token })).data.salesOrder;
      const invoiceLines = (current.lines as { id: string; readyToInvoice: number }[])
        .filter((l) => l.readyToInvoice > 0 && random() < 0.8)
        .map((l) => ({ salesOrderLineId: l.id, quantity: int(1, l.readyToInvoice) }));
      if (!invoiceLines.length) break;
      const inv = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, invoiceDate: pick(days), lines: invoiceLines } }, 'createInvoice')).invoice;
      invoiceIds.push(inv.id);
      const fate = random();
      if (fate < 0.2) await ok(t, t.invoicing.token, OPS.voidInvoice, { id: inv.id, reason: 'wrong quantities' }, 'voidInvoice');
      else if (fate < 0.45) await ok(t, t.accountant.token, OPS.recordPayment, { input: { invoiceId: inv.id, amountCents: int(1, inv.totalCents) } }, 'recordPayment');
      else if (fate < 0.6) await ok(t, t.accountant.token, OPS.recordPayment, { input: { invoiceId: inv.id, amountCents: inv.totalCents } }, 'recordPayment');
      else if (fate < 0.75) await ok(t, t.accountant.token, OPS.exportInvoices, { ids: [inv.id] }, 'exportInvoices');
    }
  }
}, 300_000);
afterAll(() => app?.stop());

type Row = { id: string; number: string; status: string; invoiceDate: string; subtotalCents: number; taxCents: number; totalCents: number; paidCents: number; balanceCents: number; salesOrder: { id: string; number: string; remainingCents: number } };
const record = async (id: string): Promise<Row> => (await app.gql(RECORD, { id }, { token: t.accountant.token })).data.invoice;
const sum = (rows: Row[], key: 'subtotalCents' | 'taxCents' | 'totalCents' | 'paidCents' | 'balanceCents') => rows.reduce((s, r) => s + r[key], 0);

interface Totals {
  count: number;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  paidCents: number;
  balanceCents: number;
}

async function walk(filter: Record<string, unknown> | null, first: number) {
  const rows: Row[] = [];
  let after: string | null = null;
  let totals: Totals | undefined;
  let csvUrl = '';
  for (;;) {
    const r: { data: any; errors?: unknown } = await app.gql(REPORT, { filter, first, after }, { token: t.accountant.token });
    expect(r.errors).toBeUndefined();
    const page: { totals: Totals; csvUrl: string; nodes: Row[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = r.data.invoicesReport;
    totals ??= page.totals;
    expect(page.totals).toEqual(totals); // the same over every page
    csvUrl = page.csvUrl;
    rows.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { rows, totals: totals!, csvUrl };
}

const ALL = ['OPEN', 'SENT_TO_CLIENT', 'EXPORTED', 'PAID', 'VOID'];

describe('reports on a generated mixed dataset', () => {
  it(`built something mixed (seed ${SEED})`, async () => {
    const statuses = new Set((await Promise.all(invoiceIds.map(record))).map((r) => r.status));
    expect(invoiceIds.length).toBeGreaterThan(8);
    expect(statuses.has('VOID')).toBe(true);
    expect(statuses.size).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['default (every status but VOID)', null],
    ['every status, VOID included', { statuses: ALL }],
    ['January 2026 only', { from: '2026-01-01', to: '2026-01-31', statuses: ALL }],
    ['orders with a remaining balance', { withRemainingBalance: true }],
  ])('%s: each row page by page equals its record, totals equal the sum of the records, the CSV says the same', async (_name, filter) => {
    const { rows, totals, csvUrl } = await walk(filter, 4);
    const records = await Promise.all(invoiceIds.map(record));
    const f = (filter ?? {}) as { statuses?: string[]; from?: string; to?: string; withRemainingBalance?: boolean };
    const matching = records
      .filter((r) => (f.statuses ?? ALL.filter((s) => s !== 'VOID')).includes(r.status))
      .filter((r) => (!f.from || r.invoiceDate >= f.from) && (!f.to || r.invoiceDate <= f.to))
      .filter((r) => !f.withRemainingBalance || r.salesOrder.remainingCents > 0)
      .sort((a, b) => (a.invoiceDate === b.invoiceDate ? b.number.localeCompare(a.number, 'en', { numeric: true }) : b.invoiceDate.localeCompare(a.invoiceDate)));

    // Each row once, in order, and equal to its own record.
    expect(rows.map((r) => r.id)).toEqual(matching.map((r) => r.id));
    expect(rows).toEqual(matching);
    for (const r of rows) expect(r.balanceCents).toBe(r.totalCents - r.paidCents);
    expect(totals).toEqual({
      count: matching.length,
      subtotalCents: sum(matching, 'subtotalCents'),
      taxCents: sum(matching, 'taxCents'),
      totalCents: sum(matching, 'totalCents'),
      paidCents: sum(matching, 'paidCents'),
      balanceCents: sum(matching, 'balanceCents'),
    });

    // The CSV: a header, the same rows with the same money (decimal text of the cents), a totals row.
    const res = await fetch(`${app.url}${csvUrl}`, { headers: { authorization: `Bearer ${t.accountant.token}` } });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    const dec = (cents: number) => `${cents < 0 ? '-' : ''}${Math.trunc(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
    expect(lines).toHaveLength(matching.length + 2);
    matching.forEach((r, i) => {
      const cells = lines[i + 1]!.split(',');
      expect(cells[0]).toBe(r.number);
      // Subtotal, tax, total, paid, deposit applied, credited, refunded, balance, the order's remaining (no deposits or credits in this data).
      expect(cells.slice(8, 17)).toEqual([r.subtotalCents, r.taxCents, r.totalCents, r.paidCents, 0, 0, 0, r.balanceCents, r.salesOrder.remainingCents].map(dec));
    });
    expect(lines.at(-1)!.split(',').slice(8, 16)).toEqual([totals.subtotalCents, totals.taxCents, totals.totalCents, totals.paidCents, 0, 0, 0, totals.balanceCents].map(dec));
  });

  it('backorder report: every row equals its line, the totals equal the rows, and no qualifying line is missing', async () => {
    const r = (await app.gql(BACKORDERS, { filter: { includeNotYetInvoiced: true } }, { token: t.purchasing.token })).data.backorderReport;
    const orders = await Promise.all(orderIds.map(async (id) => (await app.gql(`query($id: ID!) { salesOrder(id: $id) { id status backordered invoices { status }
      lines { id quantity cancelled shipped invoiced backordered readyToInvoice unitPriceCents } } }`, { id }, { token: t.purchasing.token })).data.salesOrder));
    const open = (s: string) => !['INVOICED', 'CANCELLED'].includes(s);
    const expected = orders
      .filter((o) => open(o.status) && (o.invoices.some((i: { status: string }) => i.status !== 'VOID') || o.backordered))
      .flatMap((o) => o.lines.filter((l: { backordered: number }) => l.backordered > 0).map((l: { id: string }) => ({ order: o, line: l })));
    expect(r.rows.map((row: { line: { id: string } }) => row.line.id).sort()).toEqual(expected.map((e) => e.line.id).sort());
    for (const row of r.rows) {
      const { line } = expected.find((e) => e.line.id === row.line.id)!;
      expect(row).toMatchObject({
        ordered: line.quantity - line.cancelled,
        shipped: line.shipped,
        invoiced: line.invoiced,
        backordered: line.backordered,
        backorderedCents: line.backordered * line.unitPriceCents,
      });
    }
    expect(r.totalBackordered).toBe(r.rows.reduce((s: number, row: { backordered: number }) => s + row.backordered, 0));
    expect(r.totalBackorderedCents).toBe(r.rows.reduce((s: number, row: { backorderedCents: number }) => s + row.backorderedCents, 0));
  });
});
