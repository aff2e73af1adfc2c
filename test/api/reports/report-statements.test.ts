// The invoices report reads in one statement what a query asks of it (issue 13): the page, its totals
// and the rows' client and sales order in one round trip; totals alone without the rows; and the
// session at most once per instance while it is cached. What it answers is the same as reading each
// part on its own (the relations mapped from the statement's JSON equal those loaded by id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  // A cache longer than the file, so "the next request reads no session" holds on a slow machine too.
  app = await startTestApp({ SESSION_CACHE_MS: '600000' });
  t = await team(app);
  const mug = await product(t, false, 1250);
  const prj = await project(t);
  for (let o = 0; o < 3; o++) {
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 100 }], 825);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SHIPPED' }, 'setPurchaseOrderStage');
    for (let i = 0; i < 4; i++) await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, invoiceDate: `2026-0${o + 1}-1${i}`, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 3 + i }] } }, 'createInvoice');
  }
});
afterAll(() => app?.stop());

const CLIENT = 'client { id name email paymentTermsDays version }';
const ORDER = 'salesOrder { id number status orderDate inHandsDate taxRateBasisPoints version locked }';
/** The order's figures come from their own view (one more statement, batched for the page). */
const FIGURES = 'salesOrder { id totalCents remainingCents invoicedCents }';
const PAGE = `query($filter: InvoicesReportFilter, $first: Int) { invoicesReport(filter: $filter, first: $first) {
  totalCount totals { count subtotalCents taxCents totalCents paidCents balanceCents } pageInfo { hasNextPage endCursor }
  nodes { id number invoiceDate status totalCents balanceCents ${CLIENT} ${ORDER} } } }`;
const TOTALS = `query($filter: InvoicesReportFilter) { invoicesReport(filter: $filter, first: 1) { totals { count subtotalCents taxCents totalCents paidCents balanceCents } } }`;
const ROWS = `query($filter: InvoicesReportFilter, $first: Int) { invoicesReport(filter: $filter, first: $first) { pageInfo { hasNextPage endCursor } nodes { id number ${CLIENT} ${ORDER} } } }`;

async function statements(query: string, variables: Record<string, unknown>) {
  app.queries.reset();
  const r = await app.gql(query, variables, { token: t.accountant.token });
  expect(r.errors).toBeUndefined();
  return { count: app.queries.count, statements: [...app.queries.statements], data: r.data.invoicesReport };
}

describe('invoices report statements', () => {
  for (const [name, filter] of [
    ['broad (rollup totals)', { from: '2026-01-01', to: '2026-12-31' }],
    ['narrow (a client, detail totals)', null],
  ] as const) {
    it(`${name}: the page with totals, client and sales order is one statement, and the session is read once`, async () => {
      const f = filter ?? { clientId: (await app.gql(`{ clients { id } }`, {}, { token: t.accountant.token })).data.clients[0].id };
      // Each token's first request reads its session; with the session cached (SESSION_CACHE_MS), the next does not.
      const first = await statements(PAGE, { filter: f, first: 5 });
      const second = await statements(PAGE, { filter: f, first: 5 });
      expect(first.count, first.statements.join('\n---\n')).toBeLessThanOrEqual(2);
      expect(second.count).toBe(1);
      expect(second.data).toEqual(first.data);
      expect(second.data.nodes).toHaveLength(5);
      expect(second.data.totals.count).toBe(12);
      expect(second.data.totalCount).toBe(12);

      const totals = await statements(TOTALS, { filter: f });
      expect(totals.count).toBe(1);
      expect(totals.data.totals).toEqual(first.data.totals);
      const rows = await statements(ROWS, { filter: f, first: 5 });
      expect(rows.count).toBe(1);
      expect(rows.data.nodes.map((n: { id: string }) => n.id)).toEqual(first.data.nodes.map((n: { id: string }) => n.id));
    });
  }

  it('answers rows, relations and totals as reading each on its own does, on every page', async () => {
    const all: { id: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const r: { errors?: unknown; data: { invoicesReport: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string }[] } } } = await app.gql(`query($after: String) { invoicesReport(first: 5, after: $after) { pageInfo { hasNextPage endCursor } nodes { id number invoiceDate status totalCents balanceCents ${CLIENT} ${ORDER} figures: ${FIGURES} } } }`, { after }, { token: t.accountant.token });
      expect(r.errors).toBeUndefined();
      all.push(...r.data.invoicesReport.nodes);
      if (!r.data.invoicesReport.pageInfo.hasNextPage) break;
      after = r.data.invoicesReport.pageInfo.endCursor;
    }
    expect(all).toHaveLength(12);
    for (const node of all) {
      const alone = await app.gql(`query($id: ID!) { invoice(id: $id) { id number invoiceDate status totalCents balanceCents ${CLIENT} ${ORDER} figures: ${FIGURES} } }`, { id: node.id }, { token: t.accountant.token });
      expect(alone.data.invoice).toEqual(node);
    }
    const sums = (await app.sql<{ n: number; total: string }>(`select count(*)::int as n, sum(total_cents)::text as total from invoice where status <> 'VOID' and organization_id = (select organization_id from app_user where id = $1)`, [t.accountant.userId]))[0]!;
    const totals = (await app.gql(TOTALS, { filter: null }, { token: t.accountant.token })).data.invoicesReport.totals;
    expect(totals.count).toBe(sums.n);
    expect(String(totals.totalCents)).toBe(sums.total);
  });

  it('keeps answering when a table changes shape under its prepared statement (a migration while running)', async () => {
    const before = await statements(PAGE, { filter: null, first: 5 });
    await app.sql(`alter table invoice add column bench_probe int`);
    try {
      const after = await app.gql(PAGE, { filter: null, first: 5 }, { token: t.accountant.token });
      expect(after.errors).toBeUndefined();
      expect(after.data.invoicesReport).toEqual(before.data);
    } finally {
      await app.sql(`alter table invoice drop column bench_probe`);
    }
    const again = await app.gql(PAGE, { filter: null, first: 5 }, { token: t.accountant.token });
    expect(again.data.invoicesReport).toEqual(before.data);
  });
});
