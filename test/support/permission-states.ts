// The states the two workflows of DOMAIN.md pass a record through, each built from nothing through
// GraphQL only (one builder per state), for the test that every Permission agrees with its
// mutation (test/api/workflow/permissions.test.ts). Builders are deterministic: called twice they
// make two records in the same state, so a call that succeeds can be made on a copy of its own.
import type { Role } from '../../packages/domain/src/index.js';
import type { TestApp } from './api-app.js';
import { ok, OPS, product, project, team, type Team } from './workflow.js';

export interface Setup extends Team {
  /** Drop-ship products (no stock, so orders of them never share anything). */
  mug: { id: string };
  tee: { id: string };
  /** The project the orders are made on. */
  projectId: string;
}

export async function setup(app: TestApp): Promise<Setup> {
  const t = await team(app);
  const mug = await product(t, false, 1250);
  const tee = await product(t, false, 899);
  const prj = await project(t);
  return { ...t, mug, tee, projectId: prj.id };
}

export function member(s: Team, role: Role) {
  return { ADMIN: s.admin, ORDER_REP: s.order, PRODUCTION_REP: s.production, INVOICING_REP: s.invoicing, ACCOUNTANT: s.accountant, PURCHASING: s.purchasing }[role];
}

const ERRORS = 'userErrors { code message field }';
const M = {
  createSalesOrder: `mutation($input: CreateSalesOrderInput!) { createSalesOrder(input: $input) { salesOrder { id lines { id } } ${ERRORS} } }`,
  buy: `mutation($id: ID!) { createPurchaseOrdersForSalesOrder(salesOrderId: $id) { purchaseOrders { id lines { id salesOrderLine { id } } } ${ERRORS} } }`,
  setStage: `mutation($id: ID!, $stage: PurchaseOrderStage!) { setPurchaseOrderStage(id: $id, stage: $stage) { purchaseOrder { id } ${ERRORS} } }`,
  receive: `mutation($input: ReceivePurchaseOrderInput!) { receivePurchaseOrder(input: $input) { purchaseOrder { id } ${ERRORS} } }`,
  setStatus: `mutation($id: ID!, $status: SalesOrderStatus!) { setSalesOrderStatus(id: $id, status: $status) { salesOrder { id } ${ERRORS} } }`,
  createInvoice: `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id totalCents } ${ERRORS} } }`,
  schedule: `mutation($id: ID!) { scheduleSalesOrder(id: $id) { salesOrder { id } ${ERRORS} } }`,
  send: `mutation($id: ID!, $to: [String!]) { sendInvoice(id: $id, to: $to) { invoice { id } ${ERRORS} } }`,
  export: `mutation($ids: [ID!]!) { exportInvoices(ids: $ids) { invoices { id } ${ERRORS} } }`,
  pay: `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { invoice { id } ${ERRORS} } }`,
  void: `mutation($id: ID!, $reason: String!) { voidInvoice(id: $id, reason: $reason) { invoice { id } ${ERRORS} } }`,
  addNote: `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } ${ERRORS} } }`,
  createProject: `mutation($name: String!, $clientId: ID!, $o: ID!, $p: ID, $i: ID) { createProject(name: $name, clientId: $clientId, orderRepId: $o, productionRepId: $p, invoicingRepId: $i) { project { id } ${ERRORS} } }`,
  createPo: `mutation($input: CreatePurchaseOrderInput!) { createPurchaseOrder(input: $input) { purchaseOrder { id } ${ERRORS} } }`,
  deposit: `mutation($input: RequestDepositInput!) { requestDeposit(input: $input) { invoice { id totalCents } ${ERRORS} } }`,
  creditMemo: `mutation($input: CreateCreditMemoInput!) { createCreditMemo(input: $input) { invoice { id } ${ERRORS} } }`,
  invoiceLines: `query($id: ID!) { invoice(id: $id) { lines { id } } }`,
};

// ── drop-ship (workflow A): 10 mugs and 4 tees at 8.25 % tax, bought on one purchase order ──

const DROP_SHIP_STEPS = ['OPEN', 'PURCHASED', 'IN_PRODUCTION', 'PARTLY_RECEIVED', 'READY', 'BACKORDERED', 'INVOICED'] as const;
export type DropShipStep = (typeof DROP_SHIP_STEPS)[number];

export interface Built {
  soId: string;
  poId: string;
  invoiceId: string;
}

/**
 * A drop-ship order taken up to `upTo`: PURCHASED (its PO CREATED), IN_PRODUCTION (PO submitted),
 * PARTLY_RECEIVED (the 10 mugs arrived, the tees did not), READY (released by the production rep:
 * READY_TO_BE_INVOICED), BACKORDERED (the mugs invoiced), INVOICED (the PO at READY_FOR_BILLING
 * received the tees; they are invoiced too: locked).
 */
export async function dropShipOrder(s: Setup, upTo: DropShipStep): Promise<Built> {
  const reached = (step: DropShipStep) => DROP_SHIP_STEPS.indexOf(upTo) >= DROP_SHIP_STEPS.indexOf(step);
  const input = { projectId: s.projectId, taxRateBasisPoints: 825, lines: [{ productId: s.mug.id, quantity: 10 }, { productId: s.tee.id, quantity: 4 }] };
  const so = (await ok(s, s.order.token, M.createSalesOrder, { input }, 'createSalesOrder')).salesOrder;
  const built: Built = { soId: so.id, poId: '', invoiceId: '' };
  if (!reached('PURCHASED')) return built;
  const [po] = (await ok(s, s.production.token, M.buy, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  built.poId = po.id;
  if (!reached('IN_PRODUCTION')) return built;
  await ok(s, s.production.token, M.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
  if (!reached('PARTLY_RECEIVED')) return built;
  const mugs = po.lines.find((l: { salesOrderLine: { id: string } }) => l.salesOrderLine.id === so.lines[0].id);
  await ok(s, s.production.token, M.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: mugs.id, quantity: 10 }] } }, 'receivePurchaseOrder');
  if (!reached('READY')) return built;
  await ok(s, s.production.token, M.setStatus, { id: so.id, status: 'READY_TO_BE_INVOICED' }, 'setSalesOrderStatus');
  if (!reached('BACKORDERED')) return built;
  built.invoiceId = (await ok(s, s.invoicing.token, M.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice.id;
  if (!reached('INVOICED')) return built;
  await ok(s, s.production.token, M.setStage, { id: po.id, stage: 'READY_FOR_BILLING' }, 'setPurchaseOrderStage');
  built.invoiceId = (await ok(s, s.invoicing.token, M.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice.id;
  return built;
}

/** A drop-ship order's purchase order, CREATED and then moved by hand to `stage` (CREATED: left as it is). */
export async function dropShipPurchaseOrder(s: Setup, stage: 'CREATED' | 'SHIPPED' | 'READY_FOR_BILLING' | 'CLOSED' | 'CANCELLED'): Promise<string> {
  const { poId } = await dropShipOrder(s, 'PURCHASED');
  if (stage !== 'CREATED') await ok(s, s.production.token, M.setStage, { id: poId, stage }, 'setPurchaseOrderStage');
  return poId;
}

export async function cancelledOrder(s: Setup): Promise<string> {
  const { soId } = await dropShipOrder(s, 'OPEN');
  await ok(s, s.order.token, M.setStatus, { id: soId, status: 'CANCELLED' }, 'setSalesOrderStatus');
  return soId;
}

// ── invoices of a drop-ship order: everything shipped and invoiced at once ──

export type InvoiceStep = 'OPEN' | 'SENT' | 'EXPORTED' | 'PARTLY_PAID' | 'PAID' | 'VOID';

export async function dropShipInvoice(s: Setup, step: InvoiceStep): Promise<string> {
  const { soId, poId } = await dropShipOrder(s, 'PURCHASED');
  await ok(s, s.production.token, M.setStage, { id: poId, stage: 'SHIPPED' }, 'setPurchaseOrderStage');
  const invoice = (await ok(s, s.invoicing.token, M.createInvoice, { input: { salesOrderId: soId } }, 'createInvoice')).invoice;
  const pay = (amountCents: number) => ok(s, s.accountant.token, M.pay, { input: { invoiceId: invoice.id, amountCents, reference: 'wire' } }, 'recordPayment');
  if (step === 'SENT' || step === 'PARTLY_PAID') await ok(s, s.invoicing.token, M.send, { id: invoice.id, to: ['ap@client.test'] }, 'sendInvoice');
  if (step === 'EXPORTED') await ok(s, s.accountant.token, M.export, { ids: [invoice.id] }, 'exportInvoices');
  if (step === 'PARTLY_PAID') await pay(5000);
  if (step === 'PAID') await pay(invoice.totalCents);
  if (step === 'VOID') await ok(s, s.invoicing.token, M.void, { id: invoice.id, reason: 'Billed to the wrong address' }, 'voidInvoice');
  return invoice.id;
}

// ── stocked goods (workflow B): 10 widgets ordered, 6 on hand ──

export type StockedStep = 'OPEN' | 'OPEN_WITH_STOCK' | 'SCHEDULED' | 'INVOICE' | 'BACKORDERED';

/**
 * A stocked order: OPEN (nothing on hand), OPEN_WITH_STOCK (6 on hand, not scheduled), SCHEDULED
 * (the 6 allocated), INVOICE (the 6 on an OPEN invoice; the order BACKORDERED), BACKORDERED (the
 * same, then 4 more counted into stock and not scheduled: purchasing may schedule them).
 */
export async function stockedOrder(s: Setup, step: StockedStep): Promise<Built> {
  const widget = await product(s, true, 400);
  const adjust = (q: number) => ok(s, s.purchasing.token, OPS.adjustStock, { id: widget.id, q, reason: 'Counted' }, 'adjustStock');
  if (step !== 'OPEN') await adjust(6);
  const so = (await ok(s, s.order.token, M.createSalesOrder, { input: { projectId: s.projectId, lines: [{ productId: widget.id, quantity: 10 }] } }, 'createSalesOrder')).salesOrder;
  const built: Built = { soId: so.id, poId: '', invoiceId: '' };
  if (step === 'OPEN' || step === 'OPEN_WITH_STOCK') return built;
  await ok(s, s.purchasing.token, M.schedule, { id: so.id }, 'scheduleSalesOrder');
  if (step === 'SCHEDULED') return built;
  built.invoiceId = (await ok(s, s.invoicing.token, M.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice.id;
  if (step === 'BACKORDERED') await adjust(4);
  return built;
}

/** A stock purchase order (no sales order) of 40 widgets, SUBMITTED, nothing received yet. */
export async function stockPurchaseOrder(s: Setup): Promise<string> {
  const widget = await product(s, true, 400);
  const po = (await ok(s, s.purchasing.token, M.createPo, { input: { supplierId: s.supplierId, lines: [{ productId: widget.id, quantity: 40 }] } }, 'createPurchaseOrder')).purchaseOrder;
  await ok(s, s.purchasing.token, M.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
  return po.id;
}

// ── notes and projects ──

export async function note(s: Setup, author: Role): Promise<string> {
  const body = 'The supplier shipped the mugs; the tees follow next week.';
  return (await ok(s, member(s, author).token, M.addNote, { input: { projectId: s.projectId, body } }, 'addNote')).note.id;
}

/** A follow-up on the project made by `creator` for themself; `done` completed by them. */
export async function followUp(s: Setup, creator: Role, done = false): Promise<string> {
  const token = member(s, creator).token;
  const create = `mutation($input: CreateFollowUpInput!) { createFollowUp(input: $input) { followUp { id } ${ERRORS} } }`;
  const id = (await ok(s, token, create, { input: { projectId: s.projectId, assigneeId: member(s, creator).userId, dueOn: '2026-12-31', body: 'Call the supplier about the tees.' } }, 'createFollowUp')).followUp.id as string;
  if (done) await ok(s, token, `mutation($id: ID!) { completeFollowUp(id: $id) { followUp { id } ${ERRORS} } }`, { id }, 'completeFollowUp');
  return id;
}

/** Someone other than `viewer` (the production rep, or the order rep when the viewer is the production rep). */
export const someoneElse = (viewer: Role): Role => (viewer === 'PRODUCTION_REP' ? 'ORDER_REP' : 'PRODUCTION_REP');

export async function newProject(s: Setup): Promise<string> {
  const vars = { name: 'Summer promo', clientId: s.clientId, o: s.order.userId, p: s.production.userId, i: s.invoicing.userId };
  return (await ok(s, s.order.token, M.createProject, vars, 'createProject')).project.id;
}

// ── the money documents: deposits, credit memos, an invoice a refund is owed on ──

export type MoneyStep = 'DEPOSIT_OPEN' | 'DEPOSIT_PAID' | 'CREDIT_MEMO' | 'REFUND_OWED';

/**
 * DEPOSIT_OPEN / DEPOSIT_PAID: a 20 % deposit on an open drop-ship order, unpaid or paid in full
 * (the deposit invoice's id). CREDIT_MEMO / REFUND_OWED: a paid invoice with one mug credited back,
 * so a refund is owed on it (the memo's id, or the invoice's).
 */
export async function moneyDocument(s: Setup, step: MoneyStep): Promise<string> {
  if (step === 'DEPOSIT_OPEN' || step === 'DEPOSIT_PAID') {
    const { soId } = await dropShipOrder(s, 'OPEN');
    const deposit = (await ok(s, s.invoicing.token, M.deposit, { input: { salesOrderId: soId, percent: 20 } }, 'requestDeposit')).invoice;
    if (step === 'DEPOSIT_PAID') await ok(s, s.accountant.token, M.pay, { input: { invoiceId: deposit.id, amountCents: deposit.totalCents, reference: 'wire' } }, 'recordPayment');
    return deposit.id;
  }
  const invoiceId = await dropShipInvoice(s, 'PAID');
  const r = await s.app.gql(M.invoiceLines, { id: invoiceId }, { token: s.invoicing.token });
  const lineId = r.data.invoice.lines[0].id;
  const memo = (await ok(s, s.invoicing.token, M.creditMemo, { input: { invoiceId, lines: [{ invoiceLineId: lineId, quantity: 1 }], reason: 'One mug arrived chipped' } }, 'createCreditMemo')).invoice;
  return step === 'CREDIT_MEMO' ? memo.id : invoiceId;
}
