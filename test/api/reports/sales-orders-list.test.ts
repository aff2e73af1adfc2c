// The sales orders list (DOMAIN.md, "Work lists"): filters, keyset pages in its order, totals over
// every matching order equal to the sum of the orders' own figures, and a statement count that does
// not grow with the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
let otherClientId: string;
const made: { id: string; number: string; projectId: string; clientId: string }[] = [];

const LIST = `query($filter: SalesOrderFilter, $first: Int, $after: String) { salesOrders(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  totals { count totalCents invoicedCents remainingCents readyToInvoiceCents }
  nodes { id number status orderDate totalCents invoicedCents remainingCents readyToInvoiceCents client { id name } project { id number orderRep { id } } } } }`;

type Node = { id: string; number: string; status: string; orderDate: string; totalCents: number; invoicedCents: number; remainingCents: number; readyToInvoiceCents: number };

/** Every page of the list for `filter`, `first` at a time. */
async function all(filter: Record<string, unknown> | null, first = 3) {
  const nodes: Node[] = [];
  let after: string | null = null;
  let totals: Record<string, number> | null = null;
  for (;;) {
    const r: { data: any; errors?: unknown } = await app.gql(LIST, { filter, first, after }, { token: t.accountant.token });
    expect(r.errors).toBeUndefined();
    const c: { totals: Record<string, number>; nodes: Node[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = r.data.salesOrders;
    totals = c.totals;
    nodes.push(...c.nodes);
    if (!c.pageInfo.hasNextPage) break;
    after = c.pageInfo.endCursor;
  }
  return { nodes, totals: totals! };
}

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  otherClientId = (await ok(t, t.admin.token, OPS.createClient, { name: 'Initech', email: 'ap@initech.example', terms: 15 }, 'createClient')).client.id;
  const mug = await product(t, false, 1250);
  const prjA = await project(t);
  const prjB = (await ok(t, t.order.token, OPS.createProject, { name: 'Initech launch', clientId: otherClientId, o: t.order.userId }, 'createProject')).project;
  for (const [i, prj] of [prjA, prjA, prjB, prjA, prjB, prjA, prjB].entries()) {
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 + i }], i % 2 ? 825 : 0);
    made.push({ id: so.id, number: so.number, projectId: prj.id, clientId: prj === prjB ? otherClientId : t.clientId });
    if (i % 3 === 0) {
      const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
      await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
      await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 6 }] } }, 'receivePurchaseOrder');
      await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 4 }] } }, 'createInvoice');
    }
  }
});
afterAll(() => app?.stop());

describe('the sales orders list', () => {
  it('pages every order once, newest order date first then number descending, with totals equal to the sum of its records', async () => {
    const { nodes, totals } = await all(null);
    expect(nodes.map((n) => n.id).sort()).toEqual(made.map((m) => m.id).sort());
    const order = [...nodes].sort((x, y) => (y.orderDate.localeCompare(x.orderDate)) || y.number.length - x.number.length || y.number.localeCompare(x.number));
    expect(nodes.map((n) => n.number)).toEqual(order.map((n) => n.number));
    const sum = (k: keyof Node) => nodes.reduce((s, n) => s + (n[k] as number), 0);
    expect(totals).toEqual({ count: nodes.length, totalCents: sum('totalCents'), invoicedCents: sum('invoicedCents'), remainingCents: sum('remainingCents'), readyToInvoiceCents: sum('readyToInvoiceCents') });
    expect(totals.invoicedCents).toBeGreaterThan(0);
    expect(totals.readyToInvoiceCents).toBeGreaterThan(0);
    for (const n of nodes) expect(n.totalCents).toBe(n.invoicedCents + n.remainingCents);
  });

  it('filters by client, project, status, rep, text and remaining balance, totals following the filter', async () => {
    const byClient = await all({ clientId: otherClientId });
    expect(byClient.nodes.map((n) => n.id).sort()).toEqual(made.filter((m) => m.clientId === otherClientId).map((m) => m.id).sort());
    expect(byClient.totals.count).toBe(byClient.nodes.length);
    const projectId = made[0]!.projectId;
    expect((await all({ projectId })).nodes).toHaveLength(made.filter((m) => m.projectId === projectId).length);
    const backordered = await all({ statuses: ['BACKORDERED'] });
    expect(backordered.nodes.length).toBeGreaterThan(0);
    expect(backordered.nodes.every((n) => n.status === 'BACKORDERED')).toBe(true);
    expect((await all({ repId: t.production.userId })).nodes.map((n) => n.id).sort()).toEqual(made.filter((m) => m.projectId === projectId).map((m) => m.id).sort());
    expect((await all({ search: made[2]!.number })).nodes.map((n) => n.id)).toEqual([made[2]!.id]);
    expect((await all({ search: 'initech' })).nodes).toHaveLength(byClient.nodes.length);
    const remaining = await all({ withRemainingBalance: true });
    expect(remaining.nodes.every((n) => n.remainingCents > 0)).toBe(true);
    expect(remaining.totals.remainingCents).toBe(remaining.nodes.reduce((s, n) => s + n.remainingCents, 0));
  });

  it('refuses a malformed cursor or id as BAD_USER_INPUT', async () => {
    for (const vars of [{ after: 'nope' }, { filter: { clientId: 'x' } }, { first: 0 }]) {
      const r = await app.gql(LIST, vars, { token: t.accountant.token });
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('runs the same number of statements for a page of 2 and a page of 7', async () => {
    const count = async (first: number) => {
      app.queries.reset();
      const r = await app.gql(LIST, { first }, { token: t.accountant.token });
      expect(r.errors).toBeUndefined();
      expect(r.data.salesOrders.nodes).toHaveLength(first);
      // The session is read once, then cached for SESSION_CACHE_MS: counted apart.
      return app.queries.statements.filter((q) => !/from session s join app_user u/.test(q)).length;
    };
    const small = await count(2);
    const large = await count(7);
    console.info(`[sql] sales orders list: ${small} statements for 2 orders, ${large} for 7`);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });
});
