// Nested lists load in batches: the statements behind a project overview do not grow with its
// purchase orders and lines (no query per row).
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

const OVERVIEW = /* GraphQL */ `
  query($id: ID!) {
    project(id: $id) {
      id number name client { id name } orderRep { id name } productionRep { id } invoicingRep { id }
      salesOrders {
        id number status nextStatuses totalCents invoicedCents remainingCents backordered
        lines { id quantity invoiced remaining shipped readyToInvoice backordered product { id sku onHand committed onOrder available supplier { id name } } }
        purchaseOrders { id number }
        invoices { id number totalCents lines { id quantity salesOrderLine { id } } }
      }
      purchaseOrders {
        id number stage status nextStages totalCents supplier { id name } productionRep { id name } salesOrder { id number }
        lines { id quantity received outstanding product { id sku } salesOrderLine { id remaining } }
      }
      invoices { id number status totalCents client { id } salesOrder { id } }
      activity(first: 20) { nodes { id kind actor { id name } } }
    }
  }
`;

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

async function statementsFor(projectId: string) {
  app.queries.reset();
  const r = await app.gql(OVERVIEW, { id: projectId }, { token: t.accountant.token });
  expect(r.errors).toBeUndefined();
  return { count: app.queries.count, data: r.data.project };
}

describe('project overview', () => {
  it('runs about the same number of statements for 2 POs with 10 lines as for 20 POs with 100 lines', async () => {
    const small = await buildProject(2, 5);
    const large = await buildProject(20, 5);
    const a = await statementsFor(small.id);
    const b = await statementsFor(large.id);
    expect(a.data.purchaseOrders).toHaveLength(2);
    expect(b.data.purchaseOrders).toHaveLength(20);
    expect(b.data.purchaseOrders.flatMap((p: { lines: unknown[] }) => p.lines)).toHaveLength(100);
    console.info(`[sql] project overview: ${a.count} statements for 2 POs / 10 lines, ${b.count} for 20 POs / 100 lines`);
    expect(a.count).toBeGreaterThan(5); // the counter sees the statements at all
    // Batches follow the event loop's ticks, so a batch may split now and then (a statement or two); one query
    // per row would add dozens (20 POs, 100 lines), not one or two.
    expect(Math.abs(b.count - a.count)).toBeLessThanOrEqual(3);
    // And it stays a small constant: a few statements per level of the tree, not per row.
    expect(b.count).toBeLessThanOrEqual(30);
  }, 120_000);
});
