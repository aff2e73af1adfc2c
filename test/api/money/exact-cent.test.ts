// The exact cent through the API (DOMAIN.md, "Money"; issue 14): a hundred one-unit invoices at
// 8.25 % on 100-cent units carry 8 or 9 cents each and 10,825 together, also with a void in the
// middle and the unit re-invoiced; with charges, a deposit, a credit memo and a void, the order's
// invoices net of credit memos equal what its lines come to once nothing remains, remainingCents
// exactly 0. Expectations come from the formula written out here (taxOf), not from the app.
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

const readOrder = async (id: string) => (await app.gql(MONEY.salesOrder, { id }, { token: t.admin.token })).data.salesOrder;
/** The order's documents as stored: live standard invoices and credit memos, summed in SQL. */
async function storedDocuments(salesOrderId: string) {
  const [row] = await app.sql<{ total: string; tax: string; n: string }>(
    `select coalesce(sum(total_cents), 0)::text as total, coalesce(sum(tax_cents), 0)::text as tax, count(*)::text as n
     from invoice where sales_order_id = $1 and ((kind = 'STANDARD' and status <> 'VOID') or kind = 'CREDIT_MEMO')`,
    [salesOrderId],
  );
  return { total: Number(row?.total), tax: Number(row?.tax), count: Number(row?.n) };
}

async function expectInvariants() {
  const violations = await checkInvariants(app, t.admin.organizationId);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe('a hundred one-unit invoices at 8.25 % on 100-cent units', () => {
  it('carry 8 or 9 cents each, round(k × 8.25) − round((k − 1) × 8.25) for the k-th, and 10,825 together', async () => {
    const { so } = await stockedOrder(t, [{ units: 100, priceCents: 100 }], 825);
    const lineId = so.lines[0]!.id;
    for (let k = 1; k <= 100; k++) {
      const inv = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: lineId, quantity: 1 }] } }, 'createInvoice')).invoice;
      expect(inv.taxCents, `invoice ${k}`).toBe(taxOf(100 * k, 825) - taxOf(100 * (k - 1), 825));
      expect(inv.totalCents).toBe(100 + inv.taxCents);
    }
    expect(await storedDocuments(so.id)).toEqual({ total: 10_825, tax: 825, count: 100 });
    expect(await readOrder(so.id)).toMatchObject({ status: 'INVOICED', locked: true, invoicedCents: 10_825, remainingCents: 0, totalCents: 10_825, taxCents: 825 });
    await expectInvariants();
  }, 60_000);

  it('with a void in the middle and the unit re-invoiced: still 8 or 9 cents each and 10,825 exactly', async () => {
    const { so } = await stockedOrder(t, [{ units: 100, priceCents: 100 }], 825);
    const lineId = so.lines[0]!.id;
    const made: { id: string; taxCents: number }[] = [];
    const invoice = async () => (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: lineId, quantity: 1 }] } }, 'createInvoice')).invoice;
    for (let k = 1; k <= 99; k++) {
      made.push(await invoice());
      if (k === 50) {
        // Void a 9-cent one and an 8-cent one from the first half.
        for (const cents of [9, 8]) {
          const victim = made.find((m) => m.taxCents === cents);
          if (!victim) throw new Error(`no ${cents}-cent invoice`);
          await ok(t, t.invoicing.token, MONEY.voidInvoice, { id: victim.id, reason: 'issued to the wrong client' }, 'voidInvoice');
          made.splice(made.indexOf(victim), 1);
        }
      }
    }
    expect((await readOrder(so.id)).lines[0]).toMatchObject({ remaining: 3 });
    // The three units left (the two voided, back on hand and scheduled again, and the last) are invoiced one by one.
    await ok(t, t.purchasing.token, `mutation($id: ID!) { scheduleSalesOrder(id: $id) { salesOrder { id } userErrors { code message } } }`, { id: so.id }, 'scheduleSalesOrder');
    for (let k = 0; k < 3; k++) made.push(await invoice());
    expect(made).toHaveLength(100);
    expect(made.every((m) => m.taxCents === 8 || m.taxCents === 9), JSON.stringify(made.map((m) => m.taxCents))).toBe(true);
    expect(await storedDocuments(so.id)).toEqual({ total: 10_825, tax: 825, count: 100 });
    expect(await readOrder(so.id)).toMatchObject({ status: 'INVOICED', locked: true, invoicedCents: 10_825, remainingCents: 0, totalCents: 10_825 });
    await expectInvariants();
  }, 60_000);
});

describe('charges, a deposit, a credit memo and a void', () => {
  it('the invoices net of credit memos equal what the lines come to when nothing remains; remainingCents exactly 0', async () => {
    const rate = 725;
    const goods = [
      { units: 7, priceCents: 333 },
      { units: 5, priceCents: 1_999 },
    ];
    const charges = [
      { kind: 'SETUP' as const, description: 'Screens', unitPriceCents: 4_501 },
      { kind: 'FREIGHT' as const, description: 'Freight', unitPriceCents: 2_999, taxable: false },
      { kind: 'SERVICE' as const, description: 'Kitting', quantity: 3, unitPriceCents: 117, invoiceWith: 'LAST_INVOICE' as const },
    ];
    const { so } = await stockedOrder(t, goods, rate, charges);
    const [g0, g1, setup, freight, kitting] = so.lines as { id: string }[];
    const subtotal = 7 * 333 + 5 * 1_999 + 4_501 + 2_999 + 3 * 117;
    const taxable = subtotal - 2_999;
    const linesComeTo = subtotal + taxOf(taxable, rate);
    expect(await readOrder(so.id)).toMatchObject({ subtotalCents: subtotal, taxCents: taxOf(taxable, rate), totalCents: linesComeTo, remainingCents: linesComeTo });

    // A 30 % deposit, paid.
    const dep = (await ok(t, t.invoicing.token, MONEY.requestDeposit, { input: { salesOrderId: so.id, percent: 30 } }, 'requestDeposit')).invoice;
    expect(dep).toMatchObject({ kind: 'DEPOSIT', taxCents: 0, totalCents: Number((2n * BigInt(linesComeTo) * 30n + 100n) / 200n) });
    await ok(t, t.accountant.token, MONEY.recordPayment, { input: { invoiceId: dep.id, amountCents: dep.totalCents } }, 'recordPayment');

    // First invoice: 3 + 2 goods (setup comes with it by default when lines are not named; here it is named).
    const first = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: g0!.id, quantity: 3 }, { salesOrderLineId: g1!.id, quantity: 2 }, { salesOrderLineId: setup!.id, quantity: 1 }] } }, 'createInvoice')).invoice;
    const firstTaxable = 3 * 333 + 2 * 1_999 + 4_501;
    expect(first.taxCents).toBe(taxOf(firstTaxable, rate));
    expect(first.depositAppliedCents).toBe(Math.min(first.totalCents, Number((2n * BigInt(dep.totalCents) * BigInt(firstTaxable) + BigInt(subtotal)) / (2n * BigInt(subtotal)))));
    await ok(t, t.accountant.token, MONEY.exportInvoices, { ids: [first.id] }, 'exportInvoices');

    // A second, voided: what it applied is free again.
    const second = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: g0!.id, quantity: 2 }] } }, 'createInvoice')).invoice;
    await ok(t, t.invoicing.token, MONEY.voidInvoice, { id: second.id, reason: 'wrong quantity' }, 'voidInvoice');
    expect((await readOrder(so.id)).depositAvailableCents).toBe(dep.totalCents - first.depositAppliedCents);

    // Two units of the first credited for re-invoicing, one written off (the client keeps it, never billed).
    const g1Line = first.lines.find((l: { salesOrderLine: { id: string } }) => l.salesOrderLine.id === g1!.id).id;
    await ok(t, t.accountant.token, MONEY.createCreditMemo, { input: { invoiceId: first.id, lines: [{ invoiceLineId: g1Line, quantity: 1 }], reason: 'wrong colour', reinvoice: true, restock: true } }, 'createCreditMemo');

    // The rest: the voided and restocked units are on hand again, scheduled once more; then every remaining unit, freight and kitting with it.
    await ok(t, t.purchasing.token, `mutation($id: ID!) { scheduleSalesOrder(id: $id) { salesOrder { id } userErrors { code message } } }`, { id: so.id }, 'scheduleSalesOrder');
    const rest = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    expect(rest.lines.map((l: { salesOrderLine: { id: string }; quantity: number }) => [l.salesOrderLine.id, l.quantity]).sort()).toEqual(
      [
        [g0!.id, 4],
        [g1!.id, 4],
        [freight!.id, 1],
        [kitting!.id, 3],
      ].sort(),
    );
    const order = await readOrder(so.id);
    expect(order).toMatchObject({ status: 'INVOICED', locked: true, remainingCents: 0, invoicedCents: linesComeTo, totalCents: linesComeTo });
    expect(await storedDocuments(so.id)).toMatchObject({ total: linesComeTo, tax: taxOf(taxable, rate) });
    // The completing invoice took the rest of the deposit.
    expect(order.depositAvailableCents).toBe(0);
    const applied = await app.sql<{ s: string }>(`select sum(deposit_applied_cents)::text as s from invoice where sales_order_id = $1 and kind = 'STANDARD' and status <> 'VOID'`, [so.id]);
    expect(Number(applied[0]?.s)).toBe(dep.totalCents);
    await expectInvariants();
  }, 60_000);
});
