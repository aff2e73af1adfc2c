// Nested lists load in batches: the statements behind a project overview do not grow with its
// purchase orders and lines (no query per row).
import fs from 'node:fs';
import path from 'node:path';
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

const SALES_ORDER = /* GraphQL */ `
  id number status nextStatuses totalCents invoicedCents remainingCents backordered
  lines { id quantity invoiced remaining shipped readyToInvoice backordered product { id sku onHand committed onOrder available supplier { id name } } }
  purchaseOrders { id number }
  invoices { id number totalCents lines { id quantity salesOrderLine { id } } }
`;
const PURCHASE_ORDER = /* GraphQL */ `
  id number stage status nextStages totalCents supplier { id name } productionRep { id name } salesOrder { id number }
  lines { id quantity received outstanding product { id sku } salesOrderLine { id remaining } }
`;
const OVERVIEW = /* GraphQL */ `
  query($id: ID!) {
    project(id: $id) {
      id number name client { id name } orderRep { id name } productionRep { id } invoicingRep { id }
      salesOrders { ${SALES_ORDER} }
      purchaseOrders { ${PURCHASE_ORDER} }
      invoices { id number status totalCents client { id } salesOrder { id } }
      activity(first: 20) { nodes { id kind actor { id name } } }
    }
  }
`;

/** The query the project page sends (apps/web), with its fragments. */
const WEB_OVERVIEW = [
  'features/projects/graphql/project-overview.query',
  'features/projects/graphql/project-note.fragment',
  'features/projects/graphql/project-purchase-order.fragment',
  'features/projects/graphql/project-activity-event.fragment',
  'features/follow-ups/graphql/follow-up-item.fragment',
  'shared/graphql/permission.fragment',
]
  .map((f) => fs.readFileSync(path.join(import.meta.dirname, '../../../apps/web/src', `${f}.graphql`), 'utf8'))
  .join('\n');

/** A project with `orders` sales orders, each with `linesPerOrder` drop-ship lines, one PO each, invoiced in part. */
async function buildProject(orders: number, linesPerOrder: number) {
  const prj = await project(t);
  const products = await Promise.all(Array.from({ length: linesPerOrder }, () => product(t, false, 1000)));
  for (let i = 0; i < orders; i++) {
    const so = await salesOrder(t, prj.id, products.map((p) => ({ productId: p.id, quantity: 10 })));
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SHIPPED' }, 'setPurchaseOrderStage');
    await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 5 }] } }, 'createInvoice');
  }
  return prj;
}

async function statementsFor(projectId: string, query = OVERVIEW) {
  app.queries.reset();
  const r = await app.gql(query, { id: projectId }, { token: t.accountant.token });
  expect(r.errors).toBeUndefined();
  // The session is read once per instance while cached (SESSION_CACHE_MS): counted apart.
  const session = app.queries.statements.filter((q) => /from session s join app_user u/.test(q)).length;
  return { count: app.queries.count, withoutSession: app.queries.count - session, data: r.data.project };
}

describe('project overview', () => {
  it('runs at most 5 statements, session included, for 2 POs with 10 lines and for 20 POs with 100 lines', async () => {
    const small = await buildProject(2, 5);
    const large = await buildProject(20, 5);
    const a = await statementsFor(small.id);
    const b = await statementsFor(large.id);
    expect(a.data.purchaseOrders).toHaveLength(2);
    expect(b.data.purchaseOrders).toHaveLength(20);
    expect(b.data.purchaseOrders.flatMap((p: { lines: unknown[] }) => p.lines)).toHaveLength(100);
    console.info(`[sql] project overview: ${a.count} statements for 2 POs / 10 lines, ${b.count} for 20 POs / 100 lines`);
    expect(a.count).toBeGreaterThan(0); // the counter sees the statements at all
    // The whole tree is prefetched in a fixed number of statements, not one per level or row.
    expect(a.count).toBeLessThanOrEqual(5);
    expect(b.count).toBeLessThanOrEqual(5);
  }, 120_000);

  it('answers the same as each order read on its own (prefetched figures equal the loaders\' ones)', async () => {
    const prj = await buildProject(3, 4);
    const { data } = await statementsFor(prj.id);
    for (const so of data.salesOrders) {
      const r = await app.gql(`query($id: ID!) { salesOrder(id: $id) { ${SALES_ORDER} } }`, { id: so.id }, { token: t.accountant.token });
      expect(r.data.salesOrder).toEqual(so);
    }
    for (const po of data.purchaseOrders) {
      const r = await app.gql(`query($id: ID!) { purchaseOrder(id: $id) { ${PURCHASE_ORDER} } }`, { id: po.id }, { token: t.accountant.token });
      expect(r.data.purchaseOrder).toEqual(po);
    }
    const activity = await app.gql(`query($id: ID!) { project(id: $id) { activity(first: 3) { nodes { id } pageInfo { hasNextPage endCursor } } } }`, { id: prj.id }, { token: t.accountant.token });
    const next = await app.gql(`query($id: ID!, $after: String) { project(id: $id) { activity(first: 100, after: $after) { nodes { id } } } }`, { id: prj.id, after: activity.data.project.activity.pageInfo.endCursor }, { token: t.accountant.token });
    const all = await app.gql(`query($id: ID!) { project(id: $id) { activity(first: 100) { nodes { id } } } }`, { id: prj.id }, { token: t.accountant.token });
    expect(activity.data.project.activity.pageInfo.hasNextPage).toBe(true);
    expect([...activity.data.project.activity.nodes, ...next.data.project.activity.nodes]).toEqual(all.data.project.activity.nodes);
  }, 120_000);

  it('prefetches the order figures subtotalCents, taxCents and readyToInvoiceCents with the tree', async () => {
    const prj = await buildProject(3, 2);
    const FIGURES = `query($id: ID!) { project(id: $id) { salesOrders { id subtotalCents taxCents readyToInvoiceCents } } }`;
    const { withoutSession, data } = await statementsFor(prj.id, FIGURES);
    expect(data.salesOrders).toHaveLength(3);
    // The tree's only: no batch of lines or invoice totals after it.
    expect(withoutSession).toBe(1);
    for (const so of data.salesOrders) {
      const r = await app.gql(`query($id: ID!) { salesOrder(id: $id) { id subtotalCents taxCents readyToInvoiceCents } }`, { id: so.id }, { token: t.accountant.token });
      expect(r.data.salesOrder).toEqual(so);
      expect(so.subtotalCents).toBe(2 * 10 * 1000);
    }
  }, 120_000);

  it('runs at most 2 statements besides the session for the project page\'s own query, notes, mentions, follow-ups and order permissions included', async () => {
    const prj = await buildProject(2, 3);
    const users = await app.gql(`{ users { id handle } }`, {}, { token: t.admin.token });
    const handle = users.data.users.find((u: { id: string }) => u.id === t.invoicing.userId).handle;
    for (const pinned of [true, false])
      await ok(t, t.production.token, `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`, { input: { projectId: prj.id, body: `@${handle} see this`, pinned } }, 'addNote');
    for (const assigneeId of [t.invoicing.userId, t.order.userId])
      await ok(t, t.production.token, `mutation($input: CreateFollowUpInput!) { createFollowUp(input: $input) { followUp { id } userErrors { code } } }`, { input: { projectId: prj.id, assigneeId, dueOn: '2026-12-31', body: 'Invoice what shipped' } }, 'createFollowUp');
    // The mention e-mails go out in the background: wait, or the outbox worker's statements count too.
    await expect
      .poll(async () => (await app.sql<{ n: number }>('select count(*)::int as n from outbox_email where sent_at is null'))[0]!.n, { timeout: 20_000 })
      .toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { withoutSession, data } = await statementsFor(prj.id, WEB_OVERVIEW);
    // The tree (orders, lines, POs, invoices, notes, follow-ups, activity, free stock, units on POs) and the organization's currency for the activity's words.
    expect(withoutSession).toBeLessThanOrEqual(2);
    expect(data.notes.map((n: { pinned: boolean }) => n.pinned)).toEqual([true, false]);
    expect(data.followUps).toHaveLength(2);
    expect(data.notes[0].bodyHtml).toContain(handle);
    expect(data.notes[0].author.id).toBe(t.production.userId);
    const pinnedOnly = await app.gql(`query($id: ID!) { project(id: $id) { notes(pinnedOnly: true) { id } } }`, { id: prj.id }, { token: t.accountant.token });
    expect(pinnedOnly.data.project.notes).toEqual([{ id: data.notes[0].id }]);
  }, 120_000);

  it('answers the bench\'s overview (orders, lines, products, POs, invoices) in one statement besides the session', async () => {
    const prj = await buildProject(4, 3);
    const BENCH_OVERVIEW = `query($id: ID!) { project(id: $id) { id number name client { id name }
      salesOrders { id number status lines { id quantity cancelled invoiced product { id sku } } }
      purchaseOrders { id number stage status lines { id quantity received } }
      invoices { id number status totalCents lines { id quantity } } } }`;
    const { count, withoutSession, data } = await statementsFor(prj.id, BENCH_OVERVIEW);
    expect(data.salesOrders).toHaveLength(4);
    expect(data.purchaseOrders.flatMap((p: { lines: unknown[] }) => p.lines)).toHaveLength(12);
    expect(withoutSession).toBe(1);
    expect(count).toBeLessThanOrEqual(2);
  }, 120_000);
});
