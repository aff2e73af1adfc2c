// The invoices report and the sales orders list serve plain read rows, not entities (issue 13,
// apps/api/src/common/rows.ts). Every field of such a row — its permissions, its lines, the figures,
// client and project read with it, and what it was not read with — answers as the same record read
// by id (an entity) does, for every role that reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const mug = await product(t, false, 1250);
  const prj = await project(t);
  for (let o = 0; o < 2; o++) {
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }], 825);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SHIPPED' }, 'setPurchaseOrderStage');
    await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, invoiceDate: `2026-0${o + 1}-10`, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 3 }] } }, 'createInvoice');
  }
});
afterAll(() => app?.stop());

const PERMISSION = 'allowed code reason';
const INVOICE = `id number kind status invoiceDate dueDate subtotalCents taxCents totalCents paidCents depositAppliedCents creditedCents refundedCents balanceCents overdue pdfUrl version createdAt sentTo
  client { id name email paymentTermsDays version } project { id number name createdAt client { id name } orderRep { id } invoices { id } }
  salesOrder { id number status orderDate locked version totalCents invoicedCents remainingCents readyToInvoiceCents backordered nextStatuses lines { id remaining } }
  lines { id quantity } creditMemos { id } creditedInvoice { id }
  can { send { ${PERMISSION} } void { ${PERMISSION} } edit { ${PERMISSION} } recordPayment { ${PERMISSION} } }`;
const ORDER = `id number status orderDate inHandsDate taxRateBasisPoints version locked subtotalCents taxCents totalCents invoicedCents remainingCents readyToInvoiceCents backordered
  depositPaidCents depositAvailableCents nextStatuses client { id name version } project { id number name salesOrders { id } }
  lines { id quantity invoiced remaining readyToInvoice backordered } invoices { id } purchaseOrders { id }
  can { createInvoice { ${PERMISSION} } requestDeposit { ${PERMISSION} } addChargeLine { ${PERMISSION} } cancelQuantity { ${PERMISSION} } schedule { ${PERMISSION} } }`;

describe('read rows answer as entities do', () => {
  it('every field of an invoices report row equals the invoice read by id, for every role', async () => {
    for (const who of [t.admin, t.order, t.production, t.invoicing, t.accountant]) {
      const r = await app.gql(`{ invoicesReport(first: 10) { nodes { ${INVOICE} } } }`, {}, { token: who.token });
      expect(r.errors).toBeUndefined();
      expect(r.data.invoicesReport.nodes).toHaveLength(2);
      for (const node of r.data.invoicesReport.nodes) {
        const alone = await app.gql(`query($id: ID!) { invoice(id: $id) { ${INVOICE} } }`, { id: node.id }, { token: who.token });
        expect(alone.errors).toBeUndefined();
        expect(node).toEqual(alone.data.invoice);
      }
    }
  });

  it('every field of a sales orders list row equals the order read by id, for every role', async () => {
    for (const who of [t.admin, t.order, t.production, t.invoicing, t.accountant]) {
      const r = await app.gql(`{ salesOrders(first: 10) { nodes { ${ORDER} } } }`, {}, { token: who.token });
      expect(r.errors).toBeUndefined();
      expect(r.data.salesOrders.nodes).toHaveLength(2);
      for (const node of r.data.salesOrders.nodes) {
        const alone = await app.gql(`query($id: ID!) { salesOrder(id: $id) { ${ORDER} } }`, { id: node.id }, { token: who.token });
        expect(alone.errors).toBeUndefined();
        expect(node).toEqual(alone.data.salesOrder);
      }
    }
  });
});
