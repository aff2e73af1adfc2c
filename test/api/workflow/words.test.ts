// Issue 16, "One vocabulary": a run through both hand-offs (drop-ship with a PROBLEM flag, partial
// invoices, an edited due date, sending, a payment, a deposit, a credit memo, a void, a note with a
// mention and a follow-up, catalog and user edits) stores no activity message, notification or
// e-mail that says an enum name, "cents", a backticked identifier or an ISO date; money reads as
// "$6,495.00" and dates as "Dec 7, 2026". (The templates themselves: test/architecture/words.test.ts.)
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

const ERRORS = 'userErrors { code message field }';
const MORE = {
  sendInvoice: `mutation($id: ID!) { sendInvoice(id: $id) { invoice { id status } ${ERRORS} } }`,
  requestDeposit: `mutation($input: RequestDepositInput!) { requestDeposit(input: $input) { invoice { id number } ${ERRORS} } }`,
  createCreditMemo: `mutation($input: CreateCreditMemoInput!) { createCreditMemo(input: $input) { invoice { id number } ${ERRORS} } }`,
  addNote: `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } ${ERRORS} } }`,
  updateProduct: `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { id } ${ERRORS} } }`,
  updateUser: `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id } ${ERRORS} } }`,
};

/** What a person must not read (the same checks as the architecture test). */
function internalWords(text: string): string[] {
  const found: string[] = [];
  const token = /\b[A-Z]{2,}(?:_[A-Z]+)+\b/.exec(text);
  if (token) found.push(token[0]);
  const single = /\b(OPEN|SHIPPED|PROBLEM|INVOICED|BACKORDERED|CANCELLED|CREATED|SUBMITTED|CONFIRMED|BILLED|CLOSED|EXPORTED|PAID|VOID|STANDARD|DEPOSIT|ADMIN|ACCOUNTANT|PURCHASING)\b/.exec(text);
  if (single) found.push(single[0]);
  if (/\bcents?\b/i.test(text)) found.push('cents');
  if (text.includes('`')) found.push('backtick');
  if (/\b\d{4}-\d{2}-\d{2}\b/.test(text)) found.push('ISO date');
  return found;
}

describe('the messages a workflow stores read in the users’ words', () => {
  it('activity, notifications and e-mails of both hand-offs', async () => {
    const mug = await product(t, false, 1250);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 500 }], 825);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
    await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 300 }] } }, 'receivePurchaseOrder');
    await ok(t, t.production.token, OPS.setPoStatus, { id: po.id, status: 'PROBLEM' }, 'setPurchaseOrderStatus');
    const handle = (await app.sql<{ handle: string }>('select handle from app_user where id = $1', [t.order.userId]))[0]!.handle;
    await ok(t, t.production.token, MORE.addNote, { input: { projectId: prj.id, body: `Only **300 mugs** shipped, @${handle}`, pinned: true, purchaseOrderId: po.id, followUp: { assigneeId: t.order.userId, dueOn: '2026-12-08' } } }, 'addNote');
    await ok(t, t.production.token, OPS.setSalesOrderStatus, { id: so.id, status: 'READY_TO_BE_INVOICED' }, 'setSalesOrderStatus');
    await ok(t, t.invoicing.token, MORE.requestDeposit, { input: { salesOrderId: so.id, percent: 10 } }, 'requestDeposit');
    const first = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    await ok(t, t.invoicing.token, OPS.updateInvoice, { input: { invoiceId: first.id, dueDate: '2027-01-15' } }, 'updateInvoice');
    await ok(t, t.invoicing.token, MORE.sendInvoice, { id: first.id }, 'sendInvoice');
    await ok(t, t.accountant.token, OPS.recordPayment, { input: { invoiceId: first.id, amountCents: 100000 } }, 'recordPayment');
    await ok(t, t.invoicing.token, MORE.createCreditMemo, { input: { invoiceId: first.id, lines: [{ invoiceLineId: first.lines[0].id, quantity: 10 }], reason: 'Ten chipped', reinvoice: true } }, 'createCreditMemo');
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'READY_FOR_BILLING' }, 'setPurchaseOrderStage');
    const second = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    await ok(t, t.invoicing.token, OPS.voidInvoice, { id: second.id, reason: 'Wrong address' }, 'voidInvoice');
    await ok(t, t.admin.token, MORE.updateProduct, { input: { productId: mug.id, priceCents: 1300 } }, 'updateProduct');
    await ok(t, t.admin.token, MORE.updateUser, { input: { userId: t.purchasing.userId, roles: ['PURCHASING', 'ORDER_REP'] } }, 'updateUser');

    const activity = await app.sql<{ kind: string; message: string }>('select kind, message from activity_event where organization_id = $1', [t.admin.organizationId]);
    const notifications = await app.sql<{ kind: string; message: string }>('select kind, message from notification where organization_id = $1', [t.admin.organizationId]);
    const emails = await app.sql<{ kind: string; message: string }>("select kind, subject || ' ' || text as message from outbox_email where organization_id = $1", [t.admin.organizationId]);
    // The run reached every kind it means to check.
    const kinds = [...new Set(activity.map((a) => a.kind))];
    expect(kinds).toEqual(
      expect.arrayContaining(['purchase_order.status_changed', 'sales_order.status_changed', 'invoice.created', 'invoice.updated', 'invoice.sent', 'invoice.payment_recorded', 'invoice.deposit_requested', 'invoice.credited', 'invoice.voided', 'note.added', 'follow_up.created', 'product.updated', 'user.updated']),
    );
    expect([...new Set(notifications.map((n) => n.kind))]).toEqual(expect.arrayContaining(['PURCHASE_ORDER_PROBLEM', 'MENTION', 'FOLLOW_UP_ASSIGNED', 'READY_TO_INVOICE', 'INVOICE_SENT']));
    expect(emails.map((e) => e.kind)).toContain('INVOICE');

    const wrong = [...activity, ...notifications, ...emails].map((m) => ({ ...m, found: internalWords(m.message) })).filter((m) => m.found.length);
    expect(wrong).toEqual([]);

    // Money and dates as the screens show them.
    const messages = activity.map((a) => a.message);
    expect(messages).toContain(`${po.number} flagged Problem (was OK)`);
    expect(messages.some((m) => /edited: due Jan 15, 2027$/.test(m))).toBe(true);
    expect(messages.some((m) => /total \$4,059\.38$/.test(m))).toBe(true);
    expect(notifications.map((n) => n.message)).toContain(`Priya Production flagged ${po.number} Problem on ${prj.number} Spring promo`);
  });
});
