// The PDF of each kind of document, downloaded from the API and read back as text (issue 14): an
// invoice with deposit applied and credits, the deposit invoice, the credit memo, and an invoice
// with a refund. Each figure printed is the document's own (as GraphQL reads it), and those are
// checked against the money rules written out here, so a PDF showing a stale or recomputed figure fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { MONEY, stockedOrder, taxOf } from '../../support/money.js';
import { readPdf } from '../../support/pdf.js';
import { ok, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

/** "$1,234.56" (or "-$1,234.56") from integer cents, written out here (the PDF's money format, as on screen). */
function usd(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${whole}.${String(abs % 100).padStart(2, '0')}`;
}
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A label and its amount on one row of the totals. */
const row = (label: string, cents: number) => new RegExp(`${esc(label)}\\s*${esc(usd(cents))}`);

async function pdfOf(invoice: { pdfUrl: string }) {
  const res = await fetch(`${app.url}${invoice.pdfUrl}`, { headers: { authorization: `Bearer ${t.accountant.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const { text } = await readPdf(new Uint8Array(await res.arrayBuffer()));
  return text;
}
const read = async (id: string) => (await app.gql(MONEY.invoice, { id }, { token: t.admin.token })).data.invoice;

describe('the PDF of each kind, read back with its figures', () => {
  // 10 mugs at 12.50 and a 45.00 setup, 8.25 %: subtotal 170.00, tax 14.03, total 184.03.
  let so: { id: string; number: string; lines: { id: string; kind: string }[] };
  let dep: any;
  let first: any;
  let memo: any;

  beforeAll(async () => {
    ({ so } = await stockedOrder(t, [{ units: 10, priceCents: 1_250 }], 825, [{ kind: 'SETUP', description: 'Screen setup', unitPriceCents: 4_500 }]));
    dep = (await ok(t, t.invoicing.token, MONEY.requestDeposit, { input: { salesOrderId: so.id, percent: 25 } }, 'requestDeposit')).invoice;
    await ok(t, t.accountant.token, MONEY.recordPayment, { input: { invoiceId: dep.id, amountCents: dep.totalCents } }, 'recordPayment');
    const goods = so.lines.find((l) => l.kind === 'GOODS')!;
    const setup = so.lines.find((l) => l.kind === 'SETUP')!;
    first = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: goods.id, quantity: 6 }, { salesOrderLineId: setup.id, quantity: 1 }] } }, 'createInvoice')).invoice;
    await ok(t, t.accountant.token, MONEY.exportInvoices, { ids: [first.id] }, 'exportInvoices');
    await ok(t, t.accountant.token, MONEY.recordPayment, { input: { invoiceId: first.id, amountCents: 2_000 } }, 'recordPayment');
    const mugLine = first.lines.find((l: { salesOrderLine: { id: string } }) => l.salesOrderLine.id === goods.id).id;
    memo = (await ok(t, t.accountant.token, MONEY.createCreditMemo, { input: { invoiceId: first.id, lines: [{ invoiceLineId: mugLine, quantity: 2 }], reason: 'Two mugs arrived chipped' } }, 'createCreditMemo')).invoice;
  }, 60_000);

  it('the deposit invoice: its amount, no tax line, paid', async () => {
    const total = 17_000 + taxOf(17_000, 825);
    expect(dep.totalCents).toBe(Number((2n * BigInt(total) * 25n + 100n) / 200n));
    const d = await read(dep.id);
    const text = await pdfOf(d);
    expect(text).toContain('DEPOSIT INVOICE');
    expect(text).toContain(d.number);
    expect(text).toContain(`Deposit on sales order ${so.number}, billed ahead of the goods.`);
    expect(text).toMatch(row('Subtotal', d.totalCents));
    expect(text).not.toMatch(/Tax \(/);
    expect(text).toMatch(row('Total', d.totalCents));
    expect(text).toMatch(row('Paid', d.totalCents));
    expect(text).toMatch(row('Balance due', 0));
  });

  it('the invoice with deposit applied and a credit: each reduction and the balance', async () => {
    const d = await read(first.id);
    const taxable = 6 * 1_250 + 4_500;
    expect(d).toMatchObject({ subtotalCents: taxable, taxCents: taxOf(taxable, 825) });
    // Its share of the paid deposit: round(paid × invoice subtotal / order subtotal).
    expect(d.depositAppliedCents).toBe(Number((2n * BigInt(dep.totalCents) * BigInt(taxable) + 17_000n) / 34_000n));
    expect(d.creditedCents).toBe(-memo.totalCents);
    expect(d.balanceCents).toBe(d.totalCents - 2_000 - d.depositAppliedCents - d.creditedCents);
    const text = await pdfOf(d);
    expect(text).toContain('INVOICE');
    expect(text).toContain(d.number);
    expect(text).toMatch(row('Subtotal', d.subtotalCents));
    expect(text).toMatch(row('Tax (8.25%)', d.taxCents));
    expect(text).toMatch(row('Total', d.totalCents));
    expect(text).toMatch(row('Deposit applied', d.depositAppliedCents));
    expect(text).toMatch(row('Credited', d.creditedCents));
    expect(text).toMatch(row('Paid', 2_000));
    expect(text).toMatch(row(d.balanceCents < 0 ? 'Refund due to you' : 'Balance due', Math.abs(d.balanceCents)));
    expect(text).not.toContain('Refunded to you');
  });

  it('the credit memo: the units taken back with negative money, the invoice it credits and why', async () => {
    const d = await read(memo.id);
    expect(d).toMatchObject({ kind: 'CREDIT_MEMO', subtotalCents: -2_500, creditedInvoice: { id: first.id } });
    // Tax over its own invoice: round(taxable credited so far × rate) − round(before × rate), before = 0.
    expect(d.taxCents).toBe(0 - taxOf(2_500, 825));
    const text = await pdfOf(d);
    expect(text).toContain('CREDIT MEMO');
    expect(text).toContain(d.number);
    expect(text).toMatch(new RegExp(`Credits\\s*${esc(first.number)}`));
    expect(text).toMatch(/Reason\s*Two mugs arrived chipped/);
    expect(text).toMatch(row('Subtotal', d.subtotalCents));
    expect(text).toMatch(row('Tax (8.25%)', d.taxCents));
    expect(text).toMatch(row('Total credit', d.totalCents));
    expect(text).not.toContain('Balance due');
    // Settled against the invoice it credits: no terms, nothing to remit.
    expect(text).not.toMatch(/Terms|Remit|REMIT/);
  });

  it('an invoice with a refund: paid in full, credited, the money paid back, nothing due', async () => {
    const { so: other } = await stockedOrder(t, [{ units: 4, priceCents: 2_999 }], 700);
    const inv = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: other.id } }, 'createInvoice')).invoice;
    await ok(t, t.accountant.token, MONEY.exportInvoices, { ids: [inv.id] }, 'exportInvoices');
    await ok(t, t.accountant.token, MONEY.recordPayment, { input: { invoiceId: inv.id, amountCents: inv.totalCents } }, 'recordPayment');
    const cm = (await ok(t, t.accountant.token, MONEY.createCreditMemo, { input: { invoiceId: inv.id, lines: [{ invoiceLineId: inv.lines[0].id, quantity: 1 }], reason: 'Returned' } }, 'createCreditMemo')).invoice;
    const owed = 0 - cm.totalCents;
    expect(owed).toBe(2_999 + taxOf(2_999, 700));
    const before = await pdfOf(await read(inv.id));
    expect(before).toMatch(row('Refund due to you', owed));
    await ok(t, t.accountant.token, MONEY.recordRefund, { input: { invoiceId: inv.id, amountCents: owed, reference: 'wire 42' } }, 'recordRefund');
    const d = await read(inv.id);
    expect(d).toMatchObject({ status: 'PAID', refundedCents: owed, creditedCents: owed, paidCents: inv.totalCents, balanceCents: 0 });
    const text = await pdfOf(d);
    expect(text).toMatch(row('Total', 4 * 2_999 + taxOf(4 * 2_999, 700)));
    expect(text).toMatch(row('Credited', owed));
    expect(text).toMatch(row('Paid', inv.totalCents));
    expect(text).toMatch(row('Refunded to you', owed));
    expect(text).toMatch(row('Balance due', 0));
  });
});
