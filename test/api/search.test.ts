// The global search (issue 16): every kind of number and name found, best match first, only the
// viewer's organization, one statement whatever it finds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/api-app.js';
import { MONEY, stockedOrder } from '../support/money.js';
import { ok, OPS, product, salesOrder, team, type Team } from '../support/workflow.js';

let app: TestApp;
let t: Team;
let other: Team;
const mine: Record<string, { id: string; number: string }> = {};

const SEARCH = `query($q: String!, $first: Int) { search(query: $q, first: $first) { kind id number title subtitle } }`;
type Result = { kind: string; id: string; number: string | null; title: string; subtitle: string | null };

async function search(q: string, first?: number, token = t.accountant.token): Promise<Result[]> {
  const r = await app.gql(SEARCH, { q, first }, { token });
  expect(r.errors).toBeUndefined();
  return r.data.search;
}

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  // Another organization with the same numbers (every series starts at 1001) and a client of the same name.
  other = await team(app, 'Other Promo');
  const { so, projectId } = await stockedOrder(t, [{ units: 10, priceCents: 1_250 }], 0);
  mine.so = so;
  const prj = await app.gql(`query($id: ID!) { project(id: $id) { id number } }`, { id: projectId }, { token: t.accountant.token });
  mine.project = prj.data.project;
  const dep = (await ok(t, t.invoicing.token, MONEY.requestDeposit, { input: { salesOrderId: so.id, percent: 10 } }, 'requestDeposit')).invoice;
  mine.deposit = dep;
  const inv = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0]!.id, quantity: 4 }] } }, 'createInvoice')).invoice;
  mine.invoice = inv;
  await ok(t, t.accountant.token, MONEY.exportInvoices, { ids: [inv.id] }, 'exportInvoices');
  mine.creditMemo = (await ok(t, t.accountant.token, MONEY.createCreditMemo, { input: { invoiceId: inv.id, lines: [{ invoiceLineId: inv.lines[0].id, quantity: 1 }], reason: 'One arrived chipped' } }, 'createCreditMemo')).invoice;
  const tee = await product(t, false, 900);
  const so2 = await salesOrder(t, projectId, [{ productId: tee.id, quantity: 5 }]);
  mine.so2 = so2;
  mine.po = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so2.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders[0];
  // The other organization: a project and an order numbered like ours.
  const otherProject = (await ok(other, other.order.token, OPS.createProject, { name: 'Secret launch', clientId: other.clientId, o: other.order.userId }, 'createProject')).project;
  await salesOrder(other, otherProject.id, [{ productId: (await product(other, false, 500)).id, quantity: 1 }]);
}, 120_000);
afterAll(() => app?.stop());

describe('search', () => {
  it('finds each kind of number by its prefix, case-insensitive, the exact number first', async () => {
    const expected: [string, string][] = [
      ['project', 'PROJECT'],
      ['so', 'SALES_ORDER'],
      ['po', 'PURCHASE_ORDER'],
      ['invoice', 'INVOICE'],
      ['deposit', 'DEPOSIT'],
      ['creditMemo', 'CREDIT_MEMO'],
    ];
    for (const [key, kind] of expected) {
      const record = mine[key]!;
      expect(record.number).toMatch(/^(PRJ|SO|PO|INV|DEP|CM)-\d+$/);
      const found = await search(record.number.toLowerCase());
      expect(found[0], record.number).toMatchObject({ kind, id: record.id, number: record.number });
      const prefix = await search(record.number.slice(0, record.number.length - 2));
      expect(prefix.map((r) => r.id)).toContain(record.id);
    }
  });

  it('finds every series by the serial alone ("1001")', async () => {
    const found = await search('1001', 25);
    expect(found.map((r) => r.number).sort()).toEqual(['CM-1001', 'DEP-1001', 'INV-1001', 'PO-1001', 'PRJ-1001', 'SO-1001']);
  });

  it('names the record: project name, client, supplier', async () => {
    const [so] = await search(mine.so!.number);
    expect(so).toMatchObject({ title: 'Spring promo', subtitle: 'Globex' });
    const [po] = await search(mine.po!.number);
    expect(po).toMatchObject({ kind: 'PURCHASE_ORDER', title: 'Mugs & Co', subtitle: 'Globex' });
  });

  it('finds clients and projects by a part of their name', async () => {
    const found = await search('LOBE');
    expect(found).toContainEqual({ kind: 'CLIENT', id: t.clientId, number: null, title: 'Globex', subtitle: null });
    const projects = await search('ring pro');
    expect(projects.map((r) => r.kind)).toEqual(['PROJECT']);
    expect(projects[0]).toMatchObject({ id: mine.project!.id, title: 'Spring promo' });
  });

  it("never shows another organization's records", async () => {
    const ids = (await search('1001', 25)).map((r) => r.id);
    const theirs = (await search('1001', 25, other.accountant.token)).map((r) => r.id);
    expect(theirs.length).toBeGreaterThan(0);
    expect(ids.filter((id) => theirs.includes(id))).toEqual([]);
    expect(await search('secret')).toEqual([]);
    expect((await search('secret', 10, other.accountant.token)).map((r) => r.title)).toEqual(['Secret launch']);
  });

  it('limits the results and finds nothing for one character or a wildcard of its own', async () => {
    expect(await search('1', 25)).toEqual([]);
    expect(await search('%%', 25)).toEqual([]);
    expect(await search('__', 25)).toEqual([]);
    expect(await search('10', 2)).toHaveLength(2);
    expect((await search('10', 25)).length).toBeGreaterThan(2);
  });

  it('is one statement, whatever it finds', async () => {
    const count = async (q: string) => {
      app.queries.reset();
      await search(q, 25);
      // The session is read once, then cached for SESSION_CACHE_MS: counted apart.
      return app.queries.statements.filter((s) => !/from session s join app_user u/.test(s)).length;
    };
    expect(await count('1001')).toBe(1);
    expect(await count('globex')).toBe(1);
  });
});
