// The invoices report, the sales orders list and the project tree serve plain read rows, not
// entities (issue 13, apps/api/src/common/rows.ts). Every field of such a row — its permissions, its lines, the figures,
// client and project read with it, and what it was not read with — answers as the same record read
// by id (an entity) does, for every role that reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
let projectId: string;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const mug = await product(t, false, 1250);
  // A stocked product too, with some on hand: an order's `can` (schedule) reads its free stock.
  const tee = await product(t, true, 900);
  await ok(t, t.admin.token, OPS.adjustStock, { id: tee.id, q: 7, reason: 'count' }, 'adjustStock');
  const prj = await project(t);
  projectId = prj.id;
  for (let o = 0; o < 2; o++) {
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }, ...(o === 0 ? [{ productId: tee.id, quantity: 5 }] : [])], 825);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SHIPPED' }, 'setPurchaseOrderStage');
    await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, invoiceDate: `2026-0${o + 1}-10`, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 3 }] } }, 'createInvoice');
    const target = o === 0 ? { salesOrderId: so.id } : { purchaseOrderId: po.id };
    await ok(t, t.production.token, `mutation($input: CreateFollowUpInput!) { createFollowUp(input: $input) { followUp { id } userErrors { code } } }`, { input: { projectId: prj.id, ...target, assigneeId: t.invoicing.userId, dueOn: '2026-01-02', body: `Chase order ${o}` } }, 'createFollowUp');
  }
  const users = (await app.gql('{ users { id handle } }', {}, { token: t.admin.token })).data.users as { id: string; handle: string }[];
  const handle = users.find((u) => u.id === t.invoicing.userId)!.handle;
  await ok(t, t.production.token, `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`, { input: { projectId: prj.id, body: `@${handle} two orders, two invoices`, pinned: true } }, 'addNote');
  await ok(t, t.production.token, `mutation($input: CreateFollowUpInput!) { createFollowUp(input: $input) { followUp { id } userErrors { code } } }`, { input: { projectId: prj.id, assigneeId: t.order.userId, dueOn: '2099-01-01', body: 'Project-wide' } }, 'createFollowUp');
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

const FOLLOW_UP = `id body dueOn done doneAt createdAt overdue assignee { id name } createdBy { id } doneBy { id } project { id } salesOrder { id } purchaseOrder { id } invoice { id } can { complete { ${PERMISSION} } }`;
const PURCHASE_ORDER = `id number stage status inHandsDate shipDate trackingNumber version createdAt totalCents nextStages supplier { id name } productionRep { id name }
  project { id } salesOrder { id number } lines { id description quantity received outstanding unitCostCents product { id sku name available committed onOrder } salesOrderLine { id } }
  followUps(includeDone: true) { ${FOLLOW_UP} } can { cancel { ${PERMISSION} } receive { ${PERMISSION} } setStage { ${PERMISSION} } setStatus { ${PERMISSION} } }`;
const TREE_ORDER = `${ORDER} followUps(includeDone: true) { ${FOLLOW_UP} } lines { id description quantity cancelled invoiced totalCents product { id sku available } }`;
const NOTE = `id body bodyHtml pinned pinnedAt editedAt version createdAt author { id name } pinnedBy { id } mentions { id handle } project { id } can { edit { ${PERMISSION} } delete { ${PERMISSION} } }`;

describe('read rows answer as entities do', () => {
  it('every record of a project tree (orders, POs, invoices, follow-ups, notes) equals the same record read by id, for every role', async () => {
    for (const who of [t.admin, t.order, t.production, t.invoicing, t.accountant]) {
      const r = await app.gql(
        `query($id: ID!) { project(id: $id) { id number name client { id name } orderRep { id } salesOrders { ${TREE_ORDER} } purchaseOrders { ${PURCHASE_ORDER} } invoices { ${INVOICE} }
          followUps(includeDone: true) { ${FOLLOW_UP} } notes { ${NOTE} } } }`,
        { id: projectId },
        { token: who.token },
      );
      expect(r.errors).toBeUndefined();
      const tree = r.data.project;
      expect([tree.salesOrders.length, tree.purchaseOrders.length, tree.invoices.length, tree.followUps.length, tree.notes.length]).toEqual([2, 2, 2, 3, 1]);
      const alone = async (field: string, selection: string, id: string) => {
        const one = await app.gql(`query($id: ID!) { ${field}(id: $id) { ${selection} } }`, { id }, { token: who.token });
        expect(one.errors).toBeUndefined();
        return one.data[field];
      };
      for (const so of tree.salesOrders) expect(so).toEqual(await alone('salesOrder', TREE_ORDER, so.id));
      for (const po of tree.purchaseOrders) expect(po).toEqual(await alone('purchaseOrder', PURCHASE_ORDER, po.id));
      for (const i of tree.invoices) expect(i).toEqual(await alone('invoice', INVOICE, i.id));
      // Follow-ups and notes have no query by id: the same ones read through the project as an entity (its own query, no tree) agree.
      const byEntity = await app.gql(`query($id: ID!) { salesOrder(id: $id) { project { followUps(includeDone: true) { ${FOLLOW_UP} } notes { ${NOTE} } } } }`, { id: tree.salesOrders[0].id }, { token: who.token });
      expect(byEntity.errors).toBeUndefined();
      expect(tree.followUps).toEqual(byEntity.data.salesOrder.project.followUps);
      expect(tree.notes).toEqual(byEntity.data.salesOrder.project.notes);
    }
  });

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
