// Every Permission agrees with its mutation (DOMAIN.md, "What the viewer may do: the server says, the
// screens follow"; issue 11). For every record type with `can` (and viewerCan), every role, and the
// record in each state the two workflows pass through, each action's mutation is called with its
// default input (the table below):
// - not allowed ⇒ the call answers the same code (FORBIDDEN as the top-level error, any other as
//   the first userErrors entry) and nothing of the organization was written;
// - allowed ⇒ the call succeeds, on a copy of the state built for it;
// - `reason` is null when allowed, else a sentence with no enum name and no figure in cents.
import { ROLES, STAGE_ORDER, type Permission, type PurchaseOrderStage, type Role } from '../../../packages/domain/src/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, uniqueEmail, type TestApp } from '../../support/api-app.js';
import { checkInvariants, describeViolations } from '../../support/invariants.js';
import { product } from '../../support/workflow.js';
import { checker, LEGEND, permissionFields, type Action, type Checker, type Kind, type Ref, type State } from '../../support/permission-check.js';
import {
  cancelledOrder,
  dropShipInvoice,
  dropShipOrder,
  dropShipPurchaseOrder,
  followUp,
  member,
  moneyDocument,
  newProject,
  note,
  setup,
  someoneElse,
  stockedOrder,
  stockPurchaseOrder,
  type Setup,
} from '../../support/permission-states.js';

let app: TestApp;
let s: Setup;
let check: Checker;
const started = performance.now();
beforeAll(async () => {
  app = await startTestApp();
  s = await setup(app);
  const tokens = Object.fromEntries(ROLES.map((r) => [r, member(s, r).token])) as Record<Role, string>;
  check = await checker(app, tokens, s.admin.organizationId);
}, 60_000);
afterAll(async () => {
  await check?.close();
  await app?.stop();
});

// ── the default input of every action ──

const E = 'userErrors { code message field }';
const op = (signature: string, field: string, args: string, selection: string) => `mutation(${signature}) { ${field}(${args}) { ${selection} ${E} } }`;
const M = {
  createInvoice: op('$input: CreateInvoiceInput!', 'createInvoice', 'input: $input', 'invoice { id }'),
  cancelQuantity: op('$lineId: ID!, $quantity: Int!, $reason: String!', 'cancelSalesOrderQuantity', 'lineId: $lineId, quantity: $quantity, reason: $reason', 'salesOrder { id }'),
  schedule: op('$id: ID!', 'scheduleSalesOrder', 'id: $id', 'salesOrder { id }'),
  buy: op('$salesOrderId: ID!', 'createPurchaseOrdersForSalesOrder', 'salesOrderId: $salesOrderId', 'purchaseOrders { id }'),
  setStage: op('$id: ID!, $stage: PurchaseOrderStage!, $reason: String', 'setPurchaseOrderStage', 'id: $id, stage: $stage, reason: $reason', 'purchaseOrder { id }'),
  setStatus: op('$id: ID!, $status: PurchaseOrderStatus!', 'setPurchaseOrderStatus', 'id: $id, status: $status', 'purchaseOrder { id }'),
  receive: op('$input: ReceivePurchaseOrderInput!', 'receivePurchaseOrder', 'input: $input', 'purchaseOrder { id }'),
  updateInvoice: op('$input: UpdateInvoiceInput!', 'updateInvoice', 'input: $input', 'invoice { id }'),
  send: op('$id: ID!, $to: [String!]', 'sendInvoice', 'id: $id, to: $to', 'invoice { id }'),
  export: op('$ids: [ID!]!', 'exportInvoices', 'ids: $ids', 'invoices { id }'),
  pay: op('$input: RecordPaymentInput!', 'recordPayment', 'input: $input', 'invoice { id }'),
  void: op('$id: ID!, $reason: String!', 'voidInvoice', 'id: $id, reason: $reason', 'invoice { id }'),
  editNote: op('$id: ID!, $body: String!', 'editNote', 'id: $id, body: $body', 'note { id }'),
  deleteNote: op('$id: ID!', 'deleteNote', 'id: $id', 'note { id }'),
  pin: op('$id: ID!, $pinned: Boolean!', 'setNotePinned', 'id: $id, pinned: $pinned', 'note { id }'),
  addNote: op('$input: AddNoteInput!', 'addNote', 'input: $input', 'note { id }'),
  createFollowUp: op('$input: CreateFollowUpInput!', 'createFollowUp', 'input: $input', 'followUp { id }'),
  completeFollowUp: op('$id: ID!', 'completeFollowUp', 'id: $id', 'followUp { id }'),
  createSalesOrder: op('$input: CreateSalesOrderInput!', 'createSalesOrder', 'input: $input', 'salesOrder { id }'),
  createUser: op('$name: String!, $email: String!, $password: String!, $roles: [Role!]!', 'createUser', 'name: $name, email: $email, password: $password, roles: $roles', 'user { id }'),
  createClient: op('$name: String!', 'createClient', 'name: $name', 'client { id }'),
  createSupplier: op('$name: String!', 'createSupplier', 'name: $name', 'supplier { id }'),
  createProduct: op('$sku: String!, $name: String!', 'createProduct', 'sku: $sku, name: $name, inventoried: true, priceCents: 500, costCents: 250', 'product { id }'),
  adjustStock: op('$productId: ID!', 'adjustStock', 'productId: $productId, quantity: 1, reason: "Found one more"', 'product { id }'),
  createProject: op('$name: String!, $clientId: ID!, $orderRepId: ID!', 'createProject', 'name: $name, clientId: $clientId, orderRepId: $orderRepId', 'project { id }'),
  createPurchaseOrder: op('$input: CreatePurchaseOrderInput!', 'createPurchaseOrder', 'input: $input', 'purchaseOrder { id }'),
  scheduleSalesOrders: op('$ids: [ID!]!', 'scheduleSalesOrders', 'ids: $ids', 'salesOrders { id }'),
  requestDeposit: op('$input: RequestDepositInput!', 'requestDeposit', 'input: $input', 'invoice { id }'),
  addChargeLine: op('$salesOrderId: ID!, $input: ChargeLineInput!', 'addChargeLine', 'salesOrderId: $salesOrderId, input: $input', 'salesOrder { id }'),
  createCreditMemo: op('$input: CreateCreditMemoInput!', 'createCreditMemo', 'input: $input', 'invoice { id }'),
  recordRefund: op('$input: RecordRefundInput!', 'recordRefund', 'input: $input', 'invoice { id }'),
};

let unique = 0;
const next = () => `${process.pid}-${++unique}`;
const REASON = 'The client asked for it';

async function read(query: string, vars: Record<string, unknown>, token: string, field: string) {
  const r = await app.gql(query, vars, { token });
  if (r.errors || !r.data?.[field]) throw new Error(`${field}: ${JSON.stringify(r.errors ?? r.data)}`);
  return r.data[field];
}

function kind(name: string, actions: Record<string, Action>, read: (ref: Ref, token: string, can: string) => Promise<any>): Kind {
  const can = permissionFields(Object.keys(actions));
  return { name, actions, read: (ref, token) => read(ref, token, can) };
}

const SALES_ORDER = kind(
  'SalesOrder',
  {
    createInvoice: { call: (so) => ({ op: M.createInvoice, field: 'createInvoice', vars: { input: { salesOrderId: so.id } } }) },
    requestDeposit: { call: (so) => ({ op: M.requestDeposit, field: 'requestDeposit', vars: { input: { salesOrderId: so.id, percent: 10 } } }) },
    addChargeLine: {
      call: (so) => ({ op: M.addChargeLine, field: 'addChargeLine', vars: { salesOrderId: so.id, input: { kind: 'FREIGHT', description: 'Freight to the venue', unitPriceCents: 2500 } } }),
    },
    cancelQuantity: {
      call: (so) => {
        const line = so.lines.find((l: { remaining: number }) => l.remaining > 0) ?? so.lines[0];
        return { op: M.cancelQuantity, field: 'cancelSalesOrderQuantity', vars: { lineId: line.id, quantity: 1, reason: REASON } };
      },
    },
    schedule: { call: (so) => ({ op: M.schedule, field: 'scheduleSalesOrder', vars: { id: so.id } }) },
    createPurchaseOrders: { call: (so) => ({ op: M.buy, field: 'createPurchaseOrdersForSalesOrder', vars: { salesOrderId: so.id } }) },
  },
  (ref, token, can) => read(`query($id: ID!) { salesOrder(id: $id) { id status locked lines { id remaining } can { ${can} } } }`, { id: ref.id }, token, 'salesOrder'),
);

const outstandingLines = (po: { lines: { id: string; outstanding: number }[] }) =>
  po.lines.filter((l) => l.outstanding > 0).map((l) => ({ purchaseOrderLineId: l.id, quantity: l.outstanding }));
const forward = (po: { stage: PurchaseOrderStage }, to: PurchaseOrderStage) => to !== 'CANCELLED' && STAGE_ORDER.indexOf(to) > STAGE_ORDER.indexOf(po.stage);

const PURCHASE_ORDER = kind(
  'PurchaseOrder',
  {
    setStage: {
      // The first stage of nextStages (as an admin sees them) that moves forward, else the first listed.
      call: (po) => {
        const stage = po.nextStages.find((to: PurchaseOrderStage) => forward(po, to)) ?? po.nextStages[0] ?? 'CREATED';
        return { op: M.setStage, field: 'setPurchaseOrderStage', vars: { id: po.id, stage, reason: 'The supplier called' } };
      },
    },
    setStatus: { call: (po) => ({ op: M.setStatus, field: 'setPurchaseOrderStatus', vars: { id: po.id, status: po.status === 'OK' ? 'PROBLEM' : 'OK' } }) },
    receive: {
      call: (po) => ({ op: M.receive, field: 'receivePurchaseOrder', vars: { input: { purchaseOrderId: po.id, lines: outstandingLines(po) } } }),
      // Nothing outstanding: the default input names no line, which the mutation refuses as such.
      refusedWith: (_p, po) => (outstandingLines(po).length ? null : 'INVALID_INPUT'),
    },
    cancel: { call: (po) => ({ op: M.setStage, field: 'setPurchaseOrderStage', vars: { id: po.id, stage: 'CANCELLED' } }) },
  },
  (ref, token, can) => read(`query($id: ID!) { purchaseOrder(id: $id) { id stage status nextStages lines { id outstanding } can { ${can} } } }`, { id: ref.id }, token, 'purchaseOrder'),
);

const INVOICE = kind(
  'Invoice',
  {
    edit: { call: (inv) => ({ op: M.updateInvoice, field: 'updateInvoice', vars: { input: { invoiceId: inv.id, dueDate: inv.dueDate } } }) },
    send: { call: (inv) => ({ op: M.send, field: 'sendInvoice', vars: { id: inv.id, to: ['ap@client.test'] } }) },
    export: { call: (inv) => ({ op: M.export, field: 'exportInvoices', vars: { ids: [inv.id] } }) },
    recordPayment: { call: (inv) => ({ op: M.pay, field: 'recordPayment', vars: { input: { invoiceId: inv.id, amountCents: inv.balanceCents > 0 ? inv.balanceCents : 1 } } }) },
    void: { call: (inv) => ({ op: M.void, field: 'voidInvoice', vars: { id: inv.id, reason: 'Billed to the wrong address' } }) },
    recordRefund: {
      // What is owed back when something is, else one cent (which the mutation refuses as nothing owed).
      call: (inv) => ({ op: M.recordRefund, field: 'recordRefund', vars: { input: { invoiceId: inv.id, amountCents: inv.balanceCents < 0 ? -inv.balanceCents : inv.kind === 'DEPOSIT' ? Math.max(1, inv.paidCents) : 1 } } }),
    },
    createCreditMemo: {
      call: (inv) => {
        const line = inv.lines.find((l: { quantity: number; credited: number }) => l.quantity > l.credited) ?? inv.lines[0];
        const lines = line ? [{ invoiceLineId: line.id, quantity: 1 }] : [];
        return { op: M.createCreditMemo, field: 'createCreditMemo', vars: { input: { invoiceId: inv.id, lines, reason: 'One arrived damaged' } } };
      },
      // A deposit has no line to name: the default input names none, which the mutation refuses as such (input before transition).
      refusedWith: (_p, inv) => (inv.lines.length ? null : 'INVALID_INPUT'),
    },
  },
  (ref, token, can) =>
    read(`query($id: ID!) { invoice(id: $id) { id kind status dueDate balanceCents paidCents lines { id quantity credited } can { ${can} } } }`, { id: ref.id }, token, 'invoice'),
);

const NOTE = kind(
  'Note',
  {
    edit: { call: (n) => ({ op: M.editNote, field: 'editNote', vars: { id: n.id, body: 'The tees arrive on Friday.' } }) },
    delete: { call: (n) => ({ op: M.deleteNote, field: 'deleteNote', vars: { id: n.id } }) },
    pin: { call: (n) => ({ op: M.pin, field: 'setNotePinned', vars: { id: n.id, pinned: !n.pinned } }) },
  },
  async (ref, token, can) => {
    const project = await read(`query($id: ID!) { project(id: $id) { notes { id pinned author { id } can { ${can} } } } }`, { id: ref.projectId }, token, 'project');
    return project.notes.find((n: { id: string }) => n.id === ref.id);
  },
);

const PROJECT = kind(
  'Project',
  {
    addNote: { call: (p) => ({ op: M.addNote, field: 'addNote', vars: { input: { projectId: p.id, body: 'Kick-off call on Monday.' } } }) },
    createSalesOrder: { call: (p) => ({ op: M.createSalesOrder, field: 'createSalesOrder', vars: { input: { projectId: p.id, lines: [{ productId: s.mug.id, quantity: 1 }] } } }) },
    createFollowUp: {
      call: (p) => ({ op: M.createFollowUp, field: 'createFollowUp', vars: { input: { projectId: p.id, assigneeId: s.invoicing.userId, dueOn: '2026-12-31', body: 'Invoice what shipped.' } } }),
    },
  },
  (ref, token, can) => read(`query($id: ID!) { project(id: $id) { id can { ${can} } } }`, { id: ref.id }, token, 'project'),
);

const FOLLOW_UP = kind(
  'FollowUp',
  { complete: { call: (f) => ({ op: M.completeFollowUp, field: 'completeFollowUp', vars: { id: f.id } }) } },
  async (ref, token, can) => {
    const project = await read(`query($id: ID!) { project(id: $id) { followUps(includeDone: true) { id done can { ${can} } } } }`, { id: ref.projectId }, token, 'project');
    return project.followUps.find((f: { id: string }) => f.id === ref.id);
  },
);

/** An order of stocked goods with free stock for it, not scheduled yet. */
const schedulableOrder = async () => (await stockedOrder(s, 'OPEN_WITH_STOCK')).soId;
const VIEWER = kind(
  'ViewerCan',
  {
    createUser: { call: () => ({ op: M.createUser, field: 'createUser', vars: { name: 'Nina New', email: uniqueEmail('new'), password: 'correct horse battery', roles: ['ACCOUNTANT'] } }) },
    createClient: { call: () => ({ op: M.createClient, field: 'createClient', vars: { name: `Initech ${next()}` } }) },
    createSupplier: { call: () => ({ op: M.createSupplier, field: 'createSupplier', vars: { name: `Tees Ltd ${next()}` } }) },
    createProduct: { call: () => ({ op: M.createProduct, field: 'createProduct', vars: { sku: `NEW-${next()}`, name: 'Lanyard' } }) },
    adjustStock: { call: async () => ({ op: M.adjustStock, field: 'adjustStock', vars: { productId: (await product(s, true, 400)).id } }) },
    createProject: { call: () => ({ op: M.createProject, field: 'createProject', vars: { name: `Fall promo ${next()}`, clientId: s.clientId, orderRepId: s.order.userId } }) },
    createPurchaseOrder: {
      call: async () => ({ op: M.createPurchaseOrder, field: 'createPurchaseOrder', vars: { input: { supplierId: s.supplierId, lines: [{ productId: (await product(s, true, 400)).id, quantity: 5 }] } } }),
    },
    exportInvoices: { call: async () => ({ op: M.export, field: 'exportInvoices', vars: { ids: [await dropShipInvoice(s, 'OPEN')] } }) },
    scheduleSalesOrders: { call: async () => ({ op: M.scheduleSalesOrders, field: 'scheduleSalesOrders', vars: { ids: [await schedulableOrder()] } }) },
  },
  async (_ref, token, can) => ({ can: (await read(`query { viewerCan { ${can} } }`, {}, token, 'viewerCan')) as Record<string, Permission> }),
);

// ── the states the workflows pass through, one builder each ──

const soState = (name: string, build: () => Promise<string>, is: Record<string, unknown>): State => ({ name, build: async () => ({ id: await build() }), is });
const SALES_ORDER_STATES: State[] = [
  soState('drop-ship OPEN', async () => (await dropShipOrder(s, 'OPEN')).soId, { status: 'OPEN' }),
  soState('drop-ship IN_PRODUCTION', async () => (await dropShipOrder(s, 'IN_PRODUCTION')).soId, { status: 'IN_PRODUCTION' }),
  soState('drop-ship READY (part received)', async () => (await dropShipOrder(s, 'READY')).soId, { status: 'READY_TO_BE_INVOICED' }),
  soState('drop-ship BACKORDERED', async () => (await dropShipOrder(s, 'BACKORDERED')).soId, { status: 'BACKORDERED', locked: false }),
  soState('drop-ship INVOICED', async () => (await dropShipOrder(s, 'INVOICED')).soId, { status: 'INVOICED', locked: true }),
  soState('drop-ship CANCELLED', () => cancelledOrder(s), { status: 'CANCELLED' }),
  soState('stocked OPEN (no stock)', async () => (await stockedOrder(s, 'OPEN')).soId, { status: 'OPEN' }),
  soState('stocked SCHEDULED', async () => (await stockedOrder(s, 'SCHEDULED')).soId, { status: 'SCHEDULED' }),
  soState('stocked BACKORDERED', async () => (await stockedOrder(s, 'BACKORDERED')).soId, { status: 'BACKORDERED' }),
];

const PURCHASE_ORDER_STATES: State[] = [
  soState('CREATED', () => dropShipPurchaseOrder(s, 'CREATED'), { stage: 'CREATED' }),
  soState('SUBMITTED (part received)', async () => (await dropShipOrder(s, 'PARTLY_RECEIVED')).poId, { stage: 'SUBMITTED' }),
  soState('SHIPPED', () => dropShipPurchaseOrder(s, 'SHIPPED'), { stage: 'SHIPPED' }),
  soState('READY_FOR_BILLING', () => dropShipPurchaseOrder(s, 'READY_FOR_BILLING'), { stage: 'READY_FOR_BILLING' }),
  soState('CLOSED', () => dropShipPurchaseOrder(s, 'CLOSED'), { stage: 'CLOSED' }),
  soState('CANCELLED', () => dropShipPurchaseOrder(s, 'CANCELLED'), { stage: 'CANCELLED' }),
  soState('stock PO SUBMITTED', () => stockPurchaseOrder(s), { stage: 'SUBMITTED' }),
];

const INVOICE_STATES: State[] = [
  soState('OPEN', () => dropShipInvoice(s, 'OPEN'), { status: 'OPEN' }),
  soState('SENT_TO_CLIENT', () => dropShipInvoice(s, 'SENT'), { status: 'SENT_TO_CLIENT' }),
  soState('EXPORTED', () => dropShipInvoice(s, 'EXPORTED'), { status: 'EXPORTED' }),
  soState('partly paid', () => dropShipInvoice(s, 'PARTLY_PAID'), { status: 'SENT_TO_CLIENT', paidCents: 5000 }),
  soState('PAID', () => dropShipInvoice(s, 'PAID'), { status: 'PAID', balanceCents: 0 }),
  soState('VOID', () => dropShipInvoice(s, 'VOID'), { status: 'VOID' }),
  soState('stocked OPEN', async () => (await stockedOrder(s, 'INVOICE')).invoiceId, { status: 'OPEN' }),
  soState('deposit OPEN', () => moneyDocument(s, 'DEPOSIT_OPEN'), { kind: 'DEPOSIT', status: 'OPEN' }),
  soState('deposit PAID', () => moneyDocument(s, 'DEPOSIT_PAID'), { kind: 'DEPOSIT', status: 'PAID' }),
  soState('credit memo', () => moneyDocument(s, 'CREDIT_MEMO'), { kind: 'CREDIT_MEMO', status: 'OPEN' }),
  soState('PAID, refund owed after a credit', () => moneyDocument(s, 'REFUND_OWED'), { kind: 'STANDARD', status: 'PAID' }),
];

const NOTE_STATES: State[] = [
  { name: 'own', perViewer: true, build: async (viewer) => ({ id: await note(s, viewer), projectId: s.projectId }) },
  { name: "someone else's", perViewer: true, build: async (viewer) => ({ id: await note(s, someoneElse(viewer)), projectId: s.projectId }) },
];

const FOLLOW_UP_STATES: State[] = [
  { name: 'own (made for themself)', perViewer: true, build: async (viewer) => ({ id: await followUp(s, viewer), projectId: s.projectId }) },
  { name: "someone else's", perViewer: true, build: async (viewer) => ({ id: await followUp(s, someoneElse(viewer)), projectId: s.projectId }) },
  { name: 'done', build: async () => ({ id: await followUp(s, 'PRODUCTION_REP', true), projectId: s.projectId }), is: { done: true } },
];

const PROJECT_STATES: State[] = [soState('project', () => newProject(s), {})];
const VIEWER_STATES: State[] = [{ name: 'organization', build: async () => ({ id: s.admin.organizationId }) }];

describe('every Permission agrees with its mutation', () => {
  const cases: [Kind, State[]][] = [
    [SALES_ORDER, SALES_ORDER_STATES],
    [PURCHASE_ORDER, PURCHASE_ORDER_STATES],
    [INVOICE, INVOICE_STATES],
    [NOTE, NOTE_STATES],
    [FOLLOW_UP, FOLLOW_UP_STATES],
    [PROJECT, PROJECT_STATES],
    [VIEWER, VIEWER_STATES],
  ];
  for (const [k, states] of cases) {
    it(`${k.name}.can, in ${states.length} state(s), as every role`, async () => {
      const t0 = performance.now();
      const { wrong, table } = await check.run(k, states);
      console.info(`${k.name}.can × mutation (${((performance.now() - t0) / 1000).toFixed(1)} s)\n${table}`);
      expect(wrong, wrong.join('\n')).toEqual([]);
    }, 120_000);
  }

  it('leaves the organization consistent, and says how much it checked', async () => {
    const violations = await checkInvariants(app, s.admin.organizationId);
    expect(violations, describeViolations(violations)).toEqual([]);
    const { states, permissions, calls, builds } = check.tally;
    console.info(
      `${LEGEND}\n${states} states, ${permissions} permissions checked, ${calls} mutation calls checked, ${builds} states built, ${check.requests()} GraphQL requests, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(states).toBe(SALES_ORDER_STATES.length + PURCHASE_ORDER_STATES.length + INVOICE_STATES.length + NOTE_STATES.length + FOLLOW_UP_STATES.length + 2);
    expect(permissions).toBe(calls);
  });
});
