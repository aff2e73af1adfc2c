// Through GraphQL, each refusal DOMAIN.md lists for charges, deposits, credit memos and refunds
// answers its code, in DOMAIN.md's order of checks (signed in → role → records exist → input values
// alone → transition → lock → amounts against the record), and writes nothing: the organization's
// fingerprint (test/support/invariants.ts: every order, line, invoice, invoice line, product, and
// the counts of stock movements, payments, refunds, numbers and activity) is the same before and
// after, and every invariant still holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { checkOrganization, describeViolations } from '../../support/invariants.js';
import { MONEY, stockedOrder } from '../../support/money.js';
import { ok, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const TOP_LEVEL = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT']);

/** The records the refusals aim at, built once through the API. */
const f = {} as {
  open: { id: string; goods: string; freight: string };
  cancelled: string;
  locked: string;
  withDeposit: string;
  openInvoice: { id: string; line: string };
  issued: { id: string; line: string; left: number };
  voided: { id: string; line: string };
  depositPaid: string;
  depositUnpaid: string;
  memo: { id: string; line: string };
  owing: { id: string; owed: number };
};

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const inv = (input: Record<string, unknown>) => ok(t, t.invoicing.token, MONEY.createInvoice, { input }, 'createInvoice').then((p) => p.invoice);

  // An open order: 10 stocked units, freight; an OPEN invoice of 1 unit and a voided one of 1 unit.
  const open = await stockedOrder(t, [{ units: 10, priceCents: 1_000 }], 825, [{ kind: 'FREIGHT', description: 'Freight', unitPriceCents: 2_500 }]);
  const [goods, freight] = open.so.lines;
  f.open = { id: open.so.id, goods: goods!.id, freight: freight!.id };
  const openInvoice = await inv({ salesOrderId: open.so.id, lines: [{ salesOrderLineId: goods!.id, quantity: 1 }] });
  f.openInvoice = { id: openInvoice.id, line: openInvoice.lines[0].id };
  const voided = await inv({ salesOrderId: open.so.id, lines: [{ salesOrderLineId: goods!.id, quantity: 1 }] });
  await ok(t, t.invoicing.token, MONEY.voidInvoice, { id: voided.id, reason: 'duplicate' }, 'voidInvoice');
  f.voided = { id: voided.id, line: voided.lines[0].id };
  const unpaid = (await ok(t, t.invoicing.token, MONEY.requestDeposit, { input: { salesOrderId: open.so.id, amountCents: 1_000 } }, 'requestDeposit')).invoice;
  f.depositUnpaid = unpaid.id;

  // A cancelled order.
  const cancelled = await stockedOrder(t, [{ units: 1, priceCents: 500 }], 825, [], open.projectId);
  await ok(t, t.order.token, MONEY.setSalesOrderStatus, { id: cancelled.so.id, status: 'CANCELLED', reason: 'client withdrew' }, 'setSalesOrderStatus');
  f.cancelled = cancelled.so.id;

  // A locked (fully invoiced) order whose invoice is issued, 3 units of it credited already (4 left).
  const locked = await stockedOrder(t, [{ units: 7, priceCents: 1_250 }], 825, [], open.projectId);
  f.locked = locked.so.id;
  const issued = await inv({ salesOrderId: locked.so.id });
  await ok(t, t.accountant.token, MONEY.exportInvoices, { ids: [issued.id] }, 'exportInvoices');
  const memo = (await ok(t, t.accountant.token, MONEY.createCreditMemo, { input: { invoiceId: issued.id, lines: [{ invoiceLineId: issued.lines[0].id, quantity: 3 }], reason: 'damaged' } }, 'createCreditMemo')).invoice;
  f.issued = { id: issued.id, line: issued.lines[0].id, left: 4 };
  f.memo = { id: memo.id, line: memo.lines[0].id };

  // An order holding a paid deposit, nothing invoiced.
  const withDeposit = await stockedOrder(t, [{ units: 2, priceCents: 2_000 }], 825, [], open.projectId);
  f.withDeposit = withDeposit.so.id;
  const dep = (await ok(t, t.invoicing.token, MONEY.requestDeposit, { input: { salesOrderId: withDeposit.so.id, percent: 50 } }, 'requestDeposit')).invoice;
  await ok(t, t.accountant.token, MONEY.recordPayment, { input: { invoiceId: dep.id, amountCents: dep.totalCents } }, 'recordPayment');
  f.depositPaid = dep.id;

  // A paid invoice a credit memo took money back from: a refund is owed on it.
  const owing = await stockedOrder(t, [{ units: 3, priceCents: 1_000 }], 825, [], open.projectId);
  const paid = await inv({ salesOrderId: owing.so.id });
  await ok(t, t.accountant.token, MONEY.exportInvoices, { ids: [paid.id] }, 'exportInvoices');
  await ok(t, t.accountant.token, MONEY.recordPayment, { input: { invoiceId: paid.id, amountCents: paid.totalCents } }, 'recordPayment');
  const cm = (await ok(t, t.accountant.token, MONEY.createCreditMemo, { input: { invoiceId: paid.id, lines: [{ invoiceLineId: paid.lines[0].id, quantity: 1 }], reason: 'damaged' } }, 'createCreditMemo')).invoice;
  f.owing = { id: paid.id, owed: -cm.totalCents };
}, 120_000);
afterAll(() => app?.stop());

type Who = 'none' | 'admin' | 'order' | 'production' | 'invoicing' | 'accountant' | 'purchasing';
interface Case {
  label: string;
  who: Who;
  op: string;
  field: string;
  vars: () => Record<string, unknown>;
  code: string;
  /** Words the refusal's message must hold (which of several checks of the same code answered). */
  says?: RegExp;
}

async function expectRefused(c: Case) {
  const before = await checkOrganization(app, t.admin.organizationId);
  const r = await app.gql(c.op, c.vars(), { token: c.who === 'none' ? undefined : t[c.who].token });
  const after = await checkOrganization(app, t.admin.organizationId);
  const payload = r.data?.[c.field];
  const errors: { code: string; message: string }[] = r.errors
    ? r.errors.map((e) => ({ code: String(e.extensions?.code ?? 'ERROR'), message: e.message }))
    : ((payload?.userErrors ?? []) as { code: string; message: string }[]);
  const detail = JSON.stringify(r.errors ?? payload);
  expect.soft([...new Set(errors.map((e) => e.code))], detail).toEqual([c.code]);
  if (TOP_LEVEL.has(c.code)) expect.soft(payload ?? null, detail).toBeNull();
  else if (payload) for (const [k, v] of Object.entries(payload)) if (k !== 'userErrors') expect.soft(v, `${c.field}.${k} when refused`).toBeNull();
  if (c.says) expect.soft(errors.map((e) => e.message).join(' '), detail).toMatch(c.says);
  expect(after.fingerprint, `${c.label}: refused but wrote`).toBe(before.fingerprint);
  expect(after.violations, describeViolations(after.violations)).toEqual([]);
}

const charge = (over: Record<string, unknown> = {}) => ({ kind: 'FREIGHT', description: 'Rush freight', unitPriceCents: 1_500, ...over });
const addCharge = (id: () => string, input: Record<string, unknown>) => () => ({ id: id(), input });
const CHARGES: Case[] = [
  { label: 'signed out', who: 'none', op: MONEY.addChargeLine, field: 'addChargeLine', vars: addCharge(() => f.open.id, charge()), code: 'UNAUTHENTICATED' },
  { label: 'an accountant adds no charges', who: 'accountant', op: MONEY.addChargeLine, field: 'addChargeLine', vars: addCharge(() => f.open.id, charge()), code: 'FORBIDDEN' },
  { label: 'role before the record: unknown order as an accountant', who: 'accountant', op: MONEY.addChargeLine, field: 'addChargeLine', vars: addCharge(() => UNKNOWN, charge()), code: 'FORBIDDEN' },
  { label: 'an unknown order', who: 'order', op: MONEY.addChargeLine, field: 'addChargeLine', vars: addCharge(() => UNKNOWN, charge({ unitPriceCents: -1 })), code: 'NOT_FOUND' },
  { label: 'GOODS is no charge', who: 'order', op: MONEY.addChargeLine, field: 'addChargeLine', vars: addCharge(() => f.open.id, charge({ kind: 'GOODS' })), code: 'INVALID_INPUT' },
  { label: 'a blank description', who: 'invoicing', op: MONEY.addChargeLine, field: 'addChargeLine', vars: addCharge(() => f.open.id, charge({ description: '  ' })), code: 'INVALID_INPUT' },
  { label: 'a negative price', who: 'order', op: MONEY.addChargeLine, field: 'addChargeLine', vars: addCharge(() => f.open.id, charge({ unitPriceCents: -1 })), code: 'INVALID_INPUT' },
  { label: 'a quantity of 0', who: 'order', op: MONEY.addChargeLine, field: 'addChargeLine', vars: addCharge(() => f.open.id, charge({ quantity: 0 })), code: 'INVALID_INPUT' },
  { label: 'input before transition: a bad price on a cancelled order', who: 'order', op: MONEY.addChargeLine, field: 'addChargeLine', vars: addCharge(() => f.cancelled, charge({ unitPriceCents: -1 })), code: 'INVALID_INPUT' },
  { label: 'a cancelled order', who: 'order', op: MONEY.addChargeLine, field: 'addChargeLine', vars: addCharge(() => f.cancelled, charge()), code: 'INVALID_TRANSITION' },
  { label: 'a locked order', who: 'order', op: MONEY.addChargeLine, field: 'addChargeLine', vars: addCharge(() => f.locked, charge()), code: 'LOCKED' },
  {
    label: 'records before input: a GOODS charge on a new order of an unknown project',
    who: 'order',
    op: MONEY.createSalesOrder,
    field: 'createSalesOrder',
    vars: () => ({ input: { projectId: UNKNOWN, lines: [], charges: [charge({ kind: 'GOODS' })] } }),
    code: 'NOT_FOUND',
  },
  {
    label: 'more freight on an invoice than remains',
    who: 'invoicing',
    op: MONEY.createInvoice,
    field: 'createInvoice',
    vars: () => ({ input: { salesOrderId: f.open.id, lines: [{ salesOrderLineId: f.open.freight, quantity: 2 }] } }),
    code: 'OVER_INVOICE',
  },
];

const deposit = (id: () => string, input: Record<string, unknown>) => () => ({ input: { salesOrderId: id(), ...input } });
const DEPOSITS: Case[] = [
  { label: 'signed out', who: 'none', op: MONEY.requestDeposit, field: 'requestDeposit', vars: deposit(() => f.open.id, { percent: 10 }), code: 'UNAUTHENTICATED' },
  { label: 'an order rep requests no deposit', who: 'order', op: MONEY.requestDeposit, field: 'requestDeposit', vars: deposit(() => f.open.id, { percent: 10 }), code: 'FORBIDDEN' },
  { label: 'an unknown order', who: 'invoicing', op: MONEY.requestDeposit, field: 'requestDeposit', vars: deposit(() => UNKNOWN, {}), code: 'NOT_FOUND' },
  { label: 'neither amount nor percent', who: 'invoicing', op: MONEY.requestDeposit, field: 'requestDeposit', vars: deposit(() => f.open.id, {}), code: 'INVALID_INPUT', says: /either an amount or a percent/ },
  { label: 'both', who: 'accountant', op: MONEY.requestDeposit, field: 'requestDeposit', vars: deposit(() => f.open.id, { amountCents: 100, percent: 10 }), code: 'INVALID_INPUT' },
  { label: 'an amount of 0', who: 'invoicing', op: MONEY.requestDeposit, field: 'requestDeposit', vars: deposit(() => f.open.id, { amountCents: 0 }), code: 'INVALID_INPUT' },
  { label: '101 %', who: 'invoicing', op: MONEY.requestDeposit, field: 'requestDeposit', vars: deposit(() => f.open.id, { percent: 101 }), code: 'INVALID_INPUT' },
  { label: 'input before transition: 0 % on a cancelled order', who: 'invoicing', op: MONEY.requestDeposit, field: 'requestDeposit', vars: deposit(() => f.cancelled, { percent: 0 }), code: 'INVALID_INPUT' },
  { label: 'a cancelled order', who: 'invoicing', op: MONEY.requestDeposit, field: 'requestDeposit', vars: deposit(() => f.cancelled, { percent: 10 }), code: 'INVALID_TRANSITION' },
  { label: 'more than the order’s total with the live deposits', who: 'invoicing', op: MONEY.requestDeposit, field: 'requestDeposit', vars: deposit(() => f.open.id, { percent: 100 }), code: 'INVALID_INPUT', says: /can be requested/ },
  {
    label: 'applying more deposit than is available',
    who: 'invoicing',
    op: MONEY.createInvoice,
    field: 'createInvoice',
    vars: () => ({ input: { salesOrderId: f.open.id, lines: [{ salesOrderLineId: f.open.goods, quantity: 1 }], depositAppliedCents: 1 } }),
    code: 'INVALID_INPUT',
  },
  {
    label: 'a negative deposit applied',
    who: 'invoicing',
    op: MONEY.createInvoice,
    field: 'createInvoice',
    vars: () => ({ input: { salesOrderId: f.open.id, lines: [{ salesOrderLineId: f.open.goods, quantity: 1 }], depositAppliedCents: -1 } }),
    code: 'INVALID_INPUT',
  },
  {
    label: 'a deposit invoice takes no lines',
    who: 'invoicing',
    op: MONEY.updateInvoice,
    field: 'updateInvoice',
    vars: () => ({ input: { invoiceId: f.depositUnpaid, lines: [{ salesOrderLineId: f.open.goods, quantity: 1 }] } }),
    code: 'INVALID_INPUT',
  },
  { label: 'a paid deposit is not voided', who: 'invoicing', op: MONEY.voidInvoice, field: 'voidInvoice', vars: () => ({ id: f.depositPaid, reason: 'x' }), code: 'LOCKED' },
  // A deposit has no lines: a memo naming one answers NOT_FOUND (records first), one naming none INVALID_INPUT.
  { label: 'a credit memo of a deposit names a line it does not have', who: 'accountant', op: MONEY.createCreditMemo, field: 'createCreditMemo', vars: () => ({ input: { invoiceId: f.depositPaid, lines: [{ invoiceLineId: f.issued.line, quantity: 1 }], reason: 'x' } }), code: 'NOT_FOUND' },
  { label: 'a credit memo of a deposit with no lines', who: 'accountant', op: MONEY.createCreditMemo, field: 'createCreditMemo', vars: () => ({ input: { invoiceId: f.depositPaid, lines: [], reason: 'x' } }), code: 'INVALID_INPUT' },
  {
    label: 'an order holding paid deposit is not cancelled',
    who: 'order',
    op: MONEY.setSalesOrderStatus,
    field: 'setSalesOrderStatus',
    vars: () => ({ id: f.withDeposit, status: 'CANCELLED', reason: 'client withdrew' }),
    code: 'INVALID_TRANSITION',
    says: /deposit/,
  },
];

const credit = (id: () => string, lines: () => { invoiceLineId: string; quantity: number }[], extra: Record<string, unknown> = {}) => () => ({ input: { invoiceId: id(), lines: lines(), reason: 'damaged', ...extra } });
const CREDITS: Case[] = [
  { label: 'signed out', who: 'none', op: MONEY.createCreditMemo, field: 'createCreditMemo', vars: credit(() => f.issued.id, () => [{ invoiceLineId: f.issued.line, quantity: 1 }]), code: 'UNAUTHENTICATED' },
  { label: 'an order rep makes no credit memo', who: 'order', op: MONEY.createCreditMemo, field: 'createCreditMemo', vars: credit(() => f.issued.id, () => [{ invoiceLineId: f.issued.line, quantity: 1 }]), code: 'FORBIDDEN' },
  { label: 'an unknown invoice', who: 'accountant', op: MONEY.createCreditMemo, field: 'createCreditMemo', vars: credit(() => UNKNOWN, () => [{ invoiceLineId: f.issued.line, quantity: 1 }]), code: 'NOT_FOUND' },
  {
    label: 'records before input: a line of another invoice, no reason',
    who: 'accountant',
    op: MONEY.createCreditMemo,
    field: 'createCreditMemo',
    vars: credit(() => f.issued.id, () => [{ invoiceLineId: f.openInvoice.line, quantity: 1 }], { reason: '' }),
    code: 'NOT_FOUND',
  },
  { label: 'no reason', who: 'accountant', op: MONEY.createCreditMemo, field: 'createCreditMemo', vars: credit(() => f.issued.id, () => [{ invoiceLineId: f.issued.line, quantity: 1 }], { reason: ' ' }), code: 'INVALID_INPUT' },
  { label: 'a quantity of 0', who: 'invoicing', op: MONEY.createCreditMemo, field: 'createCreditMemo', vars: credit(() => f.issued.id, () => [{ invoiceLineId: f.issued.line, quantity: 0 }]), code: 'INVALID_INPUT' },
  {
    label: 'a line named twice',
    who: 'invoicing',
    op: MONEY.createCreditMemo,
    field: 'createCreditMemo',
    vars: credit(() => f.issued.id, () => [{ invoiceLineId: f.issued.line, quantity: 1 }, { invoiceLineId: f.issued.line, quantity: 1 }]),
    code: 'INVALID_INPUT',
  },
  {
    label: 'input before amounts: no reason and too many units',
    who: 'invoicing',
    op: MONEY.createCreditMemo,
    field: 'createCreditMemo',
    vars: credit(() => f.issued.id, () => [{ invoiceLineId: f.issued.line, quantity: 99 }], { reason: '' }),
    code: 'INVALID_INPUT',
  },
  { label: 'an OPEN invoice is edited instead', who: 'invoicing', op: MONEY.createCreditMemo, field: 'createCreditMemo', vars: credit(() => f.openInvoice.id, () => [{ invoiceLineId: f.openInvoice.line, quantity: 1 }]), code: 'INVALID_TRANSITION' },
  {
    label: 'transition before amounts: too many units of an OPEN invoice',
    who: 'invoicing',
    op: MONEY.createCreditMemo,
    field: 'createCreditMemo',
    vars: credit(() => f.openInvoice.id, () => [{ invoiceLineId: f.openInvoice.line, quantity: 9 }]),
    code: 'INVALID_TRANSITION',
  },
  { label: 'a void invoice', who: 'invoicing', op: MONEY.createCreditMemo, field: 'createCreditMemo', vars: credit(() => f.voided.id, () => [{ invoiceLineId: f.voided.line, quantity: 1 }]), code: 'INVALID_TRANSITION' },
  { label: 'a credit memo is not credited', who: 'invoicing', op: MONEY.createCreditMemo, field: 'createCreditMemo', vars: credit(() => f.memo.id, () => [{ invoiceLineId: f.memo.line, quantity: 1 }]), code: 'INVALID_TRANSITION' },
  { label: 'more units than are left to credit', who: 'accountant', op: MONEY.createCreditMemo, field: 'createCreditMemo', vars: credit(() => f.issued.id, () => [{ invoiceLineId: f.issued.line, quantity: 5 }]), code: 'OVER_CREDIT', says: /Only 4/ },
  { label: 'a credited invoice is not voided', who: 'invoicing', op: MONEY.voidInvoice, field: 'voidInvoice', vars: () => ({ id: f.issued.id, reason: 'x' }), code: 'LOCKED' },
  { label: 'a credit memo is not voided', who: 'invoicing', op: MONEY.voidInvoice, field: 'voidInvoice', vars: () => ({ id: f.memo.id, reason: 'x' }), code: 'INVALID_TRANSITION' },
  { label: 'a credit memo takes no payment', who: 'accountant', op: MONEY.recordPayment, field: 'recordPayment', vars: () => ({ input: { invoiceId: f.memo.id, amountCents: 1 } }), code: 'INVALID_TRANSITION' },
  { label: 'a credit memo never changes', who: 'invoicing', op: MONEY.updateInvoice, field: 'updateInvoice', vars: () => ({ input: { invoiceId: f.memo.id, dueDate: '2030-01-01' } }), code: 'INVALID_TRANSITION' },
];

const refund = (id: () => string, amountCents: () => number, extra: Record<string, unknown> = {}) => () => ({ input: { invoiceId: id(), amountCents: amountCents(), ...extra } });
const REFUNDS: Case[] = [
  { label: 'signed out', who: 'none', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => f.owing.id, () => 1), code: 'UNAUTHENTICATED' },
  { label: 'an order rep records no refund', who: 'order', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => f.owing.id, () => 1), code: 'FORBIDDEN' },
  { label: 'an unknown invoice', who: 'accountant', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => UNKNOWN, () => 0), code: 'NOT_FOUND' },
  { label: 'an amount of 0', who: 'accountant', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => f.owing.id, () => 0), code: 'INVALID_INPUT' },
  { label: 'a reference too long', who: 'accountant', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => f.owing.id, () => 1, { reference: 'x'.repeat(5_000) }), code: 'INVALID_INPUT' },
  { label: 'input before transition: 0 on a credit memo', who: 'accountant', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => f.memo.id, () => 0), code: 'INVALID_INPUT' },
  { label: 'a credit memo takes no refund', who: 'accountant', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => f.memo.id, () => 1), code: 'INVALID_TRANSITION' },
  { label: 'a void invoice takes no refund', who: 'invoicing', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => f.voided.id, () => 1), code: 'INVALID_TRANSITION' },
  { label: 'a cent more than is owed back', who: 'accountant', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => f.owing.id, () => f.owing.owed + 1), code: 'INVALID_INPUT', says: /At most/ },
  { label: 'nothing owed back on an invoice', who: 'accountant', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => f.issued.id, () => 1), code: 'INVALID_INPUT', says: /Nothing is owed back/ },
  { label: 'nothing paid on an unpaid deposit', who: 'accountant', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => f.depositUnpaid, () => 1), code: 'INVALID_INPUT' },
  { label: 'more than a deposit’s paid amount', who: 'invoicing', op: MONEY.recordRefund, field: 'recordRefund', vars: refund(() => f.depositPaid, () => 10_000_000), code: 'INVALID_INPUT' },
  { label: 'a paid invoice owing a refund takes no payment', who: 'accountant', op: MONEY.recordPayment, field: 'recordPayment', vars: () => ({ input: { invoiceId: f.owing.id, amountCents: 1 } }), code: 'INVALID_TRANSITION' },
  { label: 'a payment a cent above the balance', who: 'accountant', op: MONEY.recordPayment, field: 'recordPayment', vars: () => ({ input: { invoiceId: f.depositUnpaid, amountCents: 1_001 } }), code: 'INVALID_INPUT', says: /balance due/ },
];

describe.each([
  ['charge lines', CHARGES],
  ['deposits', DEPOSITS],
  ['credit memos', CREDITS],
  ['refunds', REFUNDS],
])('%s: refused with the code of the first failing check, nothing written', (_name, cases) => {
  it.each(cases.map((c) => [`${c.label} → ${c.code}`, c] as const))('%s', async (_label, c) => expectRefused(c));
});

describe('what was refused is still possible once the input is right', () => {
  it('the refund owed, the units left to credit and the charge are accepted, and the invariants hold', async () => {
    await ok(t, t.accountant.token, MONEY.recordRefund, { input: { invoiceId: f.owing.id, amountCents: f.owing.owed } }, 'recordRefund');
    await ok(t, t.accountant.token, MONEY.createCreditMemo, { input: { invoiceId: f.issued.id, lines: [{ invoiceLineId: f.issued.line, quantity: f.issued.left }], reason: 'the rest' } }, 'createCreditMemo');
    await ok(t, t.order.token, MONEY.addChargeLine, { id: f.open.id, input: { kind: 'FREIGHT', description: 'Rush freight', unitPriceCents: 1_500 } }, 'addChargeLine');
    const owing = (await app.gql(MONEY.invoice, { id: f.owing.id }, { token: t.admin.token })).data.invoice;
    expect(owing).toMatchObject({ balanceCents: 0, status: 'PAID', refundedCents: f.owing.owed });
    const { violations } = await checkOrganization(app, t.admin.organizationId);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

describe('edges the money model found, through the API', () => {
  it('a credit memo of a free setup (0 cents) still locks its invoice against a void', async () => {
    const free = await stockedOrder(t, [{ units: 1, priceCents: 700 }], 825, [{ kind: 'SETUP', description: 'Free setup', unitPriceCents: 0 }]);
    const inv = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: free.so.id } }, 'createInvoice')).invoice;
    await ok(t, t.accountant.token, MONEY.exportInvoices, { ids: [inv.id] }, 'exportInvoices');
    const setupLine = inv.lines.find((l: { unitPriceCents: number }) => l.unitPriceCents === 0).id;
    const cm = (await ok(t, t.accountant.token, MONEY.createCreditMemo, { input: { invoiceId: inv.id, lines: [{ invoiceLineId: setupLine, quantity: 1 }], reason: 'not needed' } }, 'createCreditMemo')).invoice;
    expect(cm.totalCents).toBe(0);
    await expectRefused({ label: 'void a credited invoice', who: 'invoicing', op: MONEY.voidInvoice, field: 'voidInvoice', vars: () => ({ id: inv.id, reason: 'x' }), code: 'LOCKED' });
  });

  it('a deposit paid in part and refunded takes payments up to its total, never above: a clean INVALID_INPUT, not a 500', async () => {
    const o = await stockedOrder(t, [{ units: 1, priceCents: 10_000 }], 0);
    const dep = (await ok(t, t.invoicing.token, MONEY.requestDeposit, { input: { salesOrderId: o.so.id, amountCents: 5_000 } }, 'requestDeposit')).invoice;
    await ok(t, t.accountant.token, MONEY.recordPayment, { input: { invoiceId: dep.id, amountCents: 1_000 } }, 'recordPayment');
    await ok(t, t.accountant.token, MONEY.recordRefund, { input: { invoiceId: dep.id, amountCents: 1_000 } }, 'recordRefund');
    // Its balance is 5,000 again, but it has received 1,000 of its 5,000 already.
    await expectRefused({ label: 'pay the whole balance again', who: 'accountant', op: MONEY.recordPayment, field: 'recordPayment', vars: () => ({ input: { invoiceId: dep.id, amountCents: 5_000 } }), code: 'INVALID_INPUT', says: /At most USD|At most \$/ });
    const paid = (await ok(t, t.accountant.token, MONEY.recordPayment, { input: { invoiceId: dep.id, amountCents: 4_000 } }, 'recordPayment')).invoice;
    expect(paid).toMatchObject({ paidCents: 5_000, refundedCents: 1_000, balanceCents: 1_000 });
    await expectRefused({ label: 'then a cent more', who: 'accountant', op: MONEY.recordPayment, field: 'recordPayment', vars: () => ({ input: { invoiceId: dep.id, amountCents: 1 } }), code: 'INVALID_INPUT' });
    expect((await app.gql(MONEY.salesOrder, { id: o.so.id }, { token: t.admin.token })).data.salesOrder).toMatchObject({ depositPaidCents: 4_000, depositAvailableCents: 4_000 });
    const { violations } = await checkOrganization(app, t.admin.organizationId);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
