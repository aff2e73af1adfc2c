// Money races (RELIABILITY.md, "Money races"; issue 14): credit memos take the sales order's lock
// like invoicing, so parallel memos never take back more than was invoiced, and invoice + credit +
// void + deposit application interleaved on one order leave every invariant of
// test/support/invariants.ts true. Each call goes through the real HTTP API at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { checkInvariants, describeViolations } from '../../support/invariants.js';
import { MONEY, stockedOrder, taxOf } from '../../support/money.js';
import { ok, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

interface Outcome {
  key: string;
  payload: any;
}

async function call(token: string, op: string, variables: Record<string, unknown>, field: string): Promise<Outcome> {
  const r = await app.gql(op, variables, { token });
  if (r.errors?.length) return { key: `TOP:${r.errors.map((e) => e.extensions?.code ?? e.message).join('+')}`, payload: null };
  const payload = r.data?.[field];
  const codes = ((payload?.userErrors ?? []) as { code: string }[]).map((e) => e.code);
  return { key: codes.length ? codes.join('+') : 'OK', payload };
}

function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o.key] = (counts[o.key] ?? 0) + 1;
  return counts;
}

async function expectInvariants() {
  const violations = await checkInvariants(app, t.admin.organizationId);
  expect(violations, describeViolations(violations)).toEqual([]);
}

const tokens = () => [t.invoicing.token, t.accountant.token, t.admin.token];

describe('parallel credit memos', () => {
  it('20 parallel one-unit credit memos on a 10-unit line: exactly 10 are made, the others OVER_CREDIT', async () => {
    const { so } = await stockedOrder(t, [{ units: 10, priceCents: 1_250 }], 825);
    const inv = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    await ok(t, t.accountant.token, MONEY.exportInvoices, { ids: [inv.id] }, 'exportInvoices');
    const lineId = inv.lines[0].id as string;

    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(tokens()[i % 3]!, MONEY.createCreditMemo, { input: { invoiceId: inv.id, lines: [{ invoiceLineId: lineId, quantity: 1 }], reason: `damaged #${i}` } }, 'createCreditMemo'),
      ),
    );
    expect(tally(outcomes)).toEqual({ OK: 10, OVER_CREDIT: 10 });

    const after = (await app.gql(MONEY.invoice, { id: inv.id }, { token: t.admin.token })).data.invoice;
    expect(after.lines[0].credited).toBe(10);
    // Ten memos took back the whole invoice, tax included, to the cent.
    const memos = outcomes.filter((o) => o.key === 'OK').map((o) => o.payload.invoice);
    expect(memos.reduce((a, m) => a + m.totalCents, 0)).toBe(-inv.totalCents);
    expect(memos.reduce((a, m) => a + m.taxCents, 0)).toBe(-inv.taxCents);
    expect(after).toMatchObject({ creditedCents: inv.totalCents, balanceCents: 0, status: 'PAID' });
    const order = (await app.gql(MONEY.salesOrder, { id: so.id }, { token: t.admin.token })).data.salesOrder;
    expect(order.lines[0]).toMatchObject({ invoiced: 0, cancelled: 10, remaining: 0 });
    expect(order).toMatchObject({ invoicedCents: 0, remainingCents: 0 });
    await expectInvariants();
  });

  it('20 parallel two-unit memos with re-invoicing on a 9-unit line: 4 made, then the re-invoiced units are billed once', async () => {
    const { so } = await stockedOrder(t, [{ units: 9, priceCents: 333 }], 700);
    const inv = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    await ok(t, t.accountant.token, MONEY.exportInvoices, { ids: [inv.id] }, 'exportInvoices');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(tokens()[i % 3]!, MONEY.createCreditMemo, { input: { invoiceId: inv.id, lines: [{ invoiceLineId: inv.lines[0].id, quantity: 2 }], reason: 'wrong price', reinvoice: true, restock: false } }, 'createCreditMemo'),
      ),
    );
    expect(tally(outcomes)).toEqual({ OK: 4, OVER_CREDIT: 16 });
    const rest = await Promise.all(Array.from({ length: 10 }, (_, i) => call(tokens()[i % 3]!, MONEY.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')));
    const counts = tally(rest);
    expect(counts.OK).toBe(1);
    expect(Object.keys(counts).every((k) => ['OK', 'LOCKED', 'INVALID_INPUT', 'OVER_INVOICE'].includes(k)), JSON.stringify(counts)).toBe(true);
    const order = (await app.gql(MONEY.salesOrder, { id: so.id }, { token: t.admin.token })).data.salesOrder;
    expect(order.lines[0]).toMatchObject({ invoiced: 9, cancelled: 0, remaining: 0 });
    expect(order).toMatchObject({ status: 'INVOICED', locked: true, remainingCents: 0 });
    // The documents net to what the lines come to: the re-invoice brings the running tax back exactly.
    expect(order.invoicedCents).toBe(9 * 333 + taxOf(9 * 333, 700));
    await expectInvariants();
  });
});

describe('invoice, credit, void and deposits interleaved on one order', () => {
  it('keeps every invariant, trial after trial', async () => {
    for (let trial = 0; trial < 4; trial++) {
      const { so } = await stockedOrder(t, [{ units: 24, priceCents: 199 }, { units: 6, priceCents: 1_001 }], 825, [
        { kind: 'SETUP', description: 'Screens', unitPriceCents: 4_500 },
        { kind: 'FREIGHT', description: 'Freight', unitPriceCents: 2_999, taxable: false },
      ]);
      const goods = so.lines.filter((l) => l.kind === 'GOODS');
      // A paid deposit to apply, an issued invoice to credit and an open one to void.
      const dep = (await ok(t, t.invoicing.token, MONEY.requestDeposit, { input: { salesOrderId: so.id, percent: 20 } }, 'requestDeposit')).invoice;
      await ok(t, t.accountant.token, MONEY.recordPayment, { input: { invoiceId: dep.id, amountCents: dep.totalCents } }, 'recordPayment');
      const issued = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: goods[0]!.id, quantity: 8 }] } }, 'createInvoice')).invoice;
      await ok(t, t.accountant.token, MONEY.exportInvoices, { ids: [issued.id] }, 'exportInvoices');
      const open = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: goods[1]!.id, quantity: 2 }] } }, 'createInvoice')).invoice;

      const line = issued.lines[0].id as string;
      const calls: Promise<Outcome>[] = [
        ...Array.from({ length: 3 }, (_, i) => call(tokens()[i % 3]!, MONEY.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: goods[0]!.id, quantity: 5 }] } }, 'createInvoice')),
        call(t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice'),
        ...Array.from({ length: 4 }, (_, i) =>
          call(tokens()[i % 3]!, MONEY.createCreditMemo, { input: { invoiceId: issued.id, lines: [{ invoiceLineId: line, quantity: 3 }], reason: 'race', reinvoice: i % 2 === 0, restock: i < 2 } }, 'createCreditMemo'),
        ),
        call(t.accountant.token, MONEY.voidInvoice, { id: open.id, reason: 'race' }, 'voidInvoice'),
        call(t.invoicing.token, MONEY.voidInvoice, { id: open.id, reason: 'race' }, 'voidInvoice'),
        call(t.invoicing.token, MONEY.updateInvoice, { input: { invoiceId: open.id, lines: [{ salesOrderLineId: goods[1]!.id, quantity: 3 }] } }, 'updateInvoice'),
        call(t.invoicing.token, MONEY.requestDeposit, { input: { salesOrderId: so.id, amountCents: 500 } }, 'requestDeposit'),
      ];
      const outcomes = await Promise.all(calls);
      const counts = tally(outcomes);
      expect(Object.keys(counts).filter((k) => k.startsWith('TOP:')), JSON.stringify(counts)).toEqual([]);
      // Two memos of 3 fit in the 8 units; a third cannot.
      expect(outcomes.slice(4, 8).filter((o) => o.key === 'OK').length).toBe(2);
      expect(outcomes.slice(8, 10).filter((o) => o.key === 'OK').length).toBeLessThanOrEqual(1);
      await expectInvariants();

      // Then the rest is invoiced (whatever raced): the order's documents net to what its lines come to.
      for (let round = 0; round < 3; round++) {
        const order = (await app.gql(MONEY.salesOrder, { id: so.id }, { token: t.admin.token })).data.salesOrder;
        const left = order.lines.filter((l: { remaining: number }) => l.remaining > 0);
        if (left.length === 0) break;
        await ok(t, t.purchasing.token, `mutation($id: ID!) { scheduleSalesOrder(id: $id) { salesOrder { id } userErrors { code } } }`, { id: so.id }, 'scheduleSalesOrder').catch(() => null);
        await call(t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id, lines: left.map((l: { id: string; remaining: number }) => ({ salesOrderLineId: l.id, quantity: l.remaining })) } }, 'createInvoice');
      }
      const order = (await app.gql(MONEY.salesOrder, { id: so.id }, { token: t.admin.token })).data.salesOrder;
      expect(order.lines.every((l: { remaining: number }) => l.remaining === 0), JSON.stringify(order.lines)).toBe(true);
      expect(order.remainingCents).toBe(0);
      expect(order.totalCents).toBe(order.invoicedCents);
      await expectInvariants();
    }
  }, 60_000);
});
