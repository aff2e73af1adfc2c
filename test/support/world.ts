// An organization holding one record of every kind the API serves (client, supplier, products,
// project, sales order, purchase order, invoice, note, notification…), built through the API, with
// the ids by kind: what isolation, authorization and fuzz tests aim at.
import type { TestApp } from './api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from './workflow.js';

export interface World extends Team {
  ids: Record<Kind, string>;
}

export type Kind =
  | 'client'
  | 'supplier'
  | 'product'
  | 'project'
  | 'salesOrder'
  | 'salesOrderLine'
  | 'purchaseOrder'
  | 'purchaseOrderLine'
  | 'invoice'
  | 'invoiceLine'
  | 'note'
  | 'followUp'
  | 'notification'
  | 'user';

export async function world(app: TestApp, name = 'Acme Promo'): Promise<World> {
  const t = await team(app, name);
  const mug = await product(t, false, 1250);
  const pen = await product(t, true, 300);
  await ok(t, t.purchasing.token, OPS.adjustStock, { id: pen.id, q: 20, reason: 'opening stock' }, 'adjustStock');
  const prj = await project(t);
  const so = await salesOrder(t, prj.id, [
    { productId: mug.id, quantity: 10 },
    { productId: pen.id, quantity: 5 },
  ]);
  const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  await ok(t, t.purchasing.token, OPS.scheduleSalesOrder, { id: so.id }, 'scheduleSalesOrder');
  const invoice = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
  const users = (await app.gql('{ users { id handle } }', {}, { token: t.admin.token })).data.users as { id: string; handle: string }[];
  const handle = users.find((u) => u.id === t.invoicing.userId)!.handle;
  const note = (
    await ok(t, t.production.token, `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`, { input: { projectId: prj.id, body: `@${handle} please invoice`, salesOrderId: so.id } }, 'addNote')
  ).note;
  // The production rep's own follow-up: only they (its assignee and creator) or an ADMIN complete it.
  const followUp = (
    await ok(t, t.production.token, `mutation($input: CreateFollowUpInput!) { createFollowUp(input: $input) { followUp { id } userErrors { code } } }`, { input: { projectId: prj.id, assigneeId: t.production.userId, dueOn: '2026-12-31', body: 'Chase the supplier', purchaseOrderId: po.id } }, 'createFollowUp')
  ).followUp;
  const inbox = await app.gql('{ notifications { nodes { id } } }', {}, { token: t.invoicing.token });
  return {
    ...t,
    ids: {
      client: t.clientId,
      supplier: t.supplierId,
      product: pen.id,
      project: prj.id,
      salesOrder: so.id,
      salesOrderLine: so.lines[0].id,
      purchaseOrder: po.id,
      purchaseOrderLine: po.lines[0].id,
      invoice: invoice.id,
      invoiceLine: invoice.lines[0].id,
      note: note.id,
      followUp: followUp.id,
      notification: inbox.data.notifications.nodes[0].id,
      user: t.order.userId,
    },
  };
}
