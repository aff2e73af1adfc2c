// The invoice PDF, rendered from plain data (no database) and read back as text: every figure the
// issue asks for, exactly as computed from the input, the lines, pagination with the table header and
// "Page n of m" on every page, non-ASCII text, the VOID mark, and the document's metadata.
import { describe, expect, it } from 'vitest';
import { formatMoney, formatTaxRate, renderInvoicePdf, type InvoicePdfData } from '../../apps/api/src/modules/invoice/invoice.pdf.js';
import { totals } from '../../packages/domain/src/money.js';
import { readPdf } from '../support/pdf.js';

/**
 * Wrapped text joined back: whitespace collapsed to single spaces, and a line that was broken right
 * after a hyphen ("four-" / "colour") joined without one.
 */
const flat = (text: string) => text.replace(/-\n/g, '-').replace(/\s+/g, ' ');

/**
 * Subtotal 2,220.00 + 506.25 + 998.00 = 3,724.25; tax 8.25% = 307.250625 → 307.25; total 4,031.50;
 * paid 1,000.00 → balance 3,031.50. The order: 10,000.00 = 6,031.50 invoiced (2,000.00 before this
 * invoice) + 3,968.50 remaining.
 */
/** A description too long for one line of the table. */
const TOTE_BAG =
  'Screen-printed tote bag in natural cotton canvas, 15 x 16 inches, one colour print on both sides, individually bagged and shipped to three venues';

function sample(): InvoicePdfData {
  return {
    organization: { name: 'Acme Promotional Products', currency: 'USD' },
    client: { name: 'Globex Café – ü Corporation', email: 'payables@globex.example' },
    invoice: {
      number: 'INV-1042',
      status: 'SENT_TO_CLIENT',
      invoiceDate: '2025-10-14',
      dueDate: '2025-11-13',
      subtotalCents: 372_425,
      taxCents: 30_725,
      totalCents: 403_150,
      paidCents: 100_000,
      balanceCents: 303_150,
      voidReason: null,
    },
    salesOrder: { number: 'SO-1001', taxRateBasisPoints: 825, invoicedAfterCents: 603_150, remainingAfterCents: 396_850 },
    stillToFollow: [{ description: 'Screen-printed tote bag, natural cotton', remaining: 300, backordered: 300 }],
    project: { number: 'P-1007', name: 'Fall conference swag' },
    lines: [
      { description: 'Embroidered polo shirt, navy, size M, left-chest logo', quantity: 120, unitPriceCents: 1_850, totalCents: 222_000 },
      { description: 'Café – ü mug, 11 oz ceramic, full-colour wrap', quantity: 75, unitPriceCents: 675, totalCents: 50_625 },
      {
        description: TOTE_BAG,
        quantity: 200,
        unitPriceCents: 499,
        totalCents: 99_800,
      },
    ],
  };
}

/** 120 lines of 2 × 12.50 (every 10th with a description long enough to wrap): 3,000.00, tax 7% 210.00. */
function longSample(): InvoicePdfData {
  const description = (n: number) =>
    n % 10 === 0
      ? `Line ${String(n).padStart(3, '0')}: heavyweight cotton hoodie with a four-colour front print, a one-colour sleeve print and a woven neck label, bagged`
      : `Line ${String(n).padStart(3, '0')}: ballpoint pen, blue ink`;
  return {
    ...sample(),
    invoice: { ...sample().invoice, number: 'INV-2001', status: 'OPEN', subtotalCents: 300_000, taxCents: 21_000, totalCents: 321_000, paidCents: 0, balanceCents: 321_000 },
    salesOrder: { number: 'SO-2001', taxRateBasisPoints: 700, invoicedAfterCents: 321_000, remainingAfterCents: 0 },
    stillToFollow: [],
    lines: Array.from({ length: 120 }, (_, i) => ({ description: description(i + 1), quantity: 2, unitPriceCents: 1_250, totalCents: 2_500 })),
  };
}

describe('money and rate formatting', () => {
  it('prints cents with the currency, thousands separators and two decimals', () => {
    expect(formatMoney(405_938, 'USD')).toBe('$4,059.38');
    expect(formatMoney(0, 'USD')).toBe('$0.00');
    expect(formatMoney(5, 'EUR')).toBe('€0.05');
    expect(formatMoney(99_999, 'USD')).toBe('$999.99');
    expect(formatMoney(100_000, 'USD')).toBe('$1,000.00');
    expect(formatMoney(123_456_789_012, 'USD')).toBe('$1,234,567,890.12');
    expect(formatMoney(-270_625, 'USD')).toBe('-$2,706.25');
    // Exact beyond what a float of dollars could hold.
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('$90,071,992,547,409.91');
  });

  it('prints basis points as a percent', () => {
    expect(formatTaxRate(825)).toBe('8.25%');
    expect(formatTaxRate(850)).toBe('8.5%');
    expect(formatTaxRate(700)).toBe('7%');
    expect(formatTaxRate(5)).toBe('0.05%');
    expect(formatTaxRate(0)).toBe('0%');
  });
});

describe('renderInvoicePdf', () => {
  it('the sample is consistent with the money rules', () => {
    const data = sample();
    const t = totals(data.lines, data.salesOrder.taxRateBasisPoints);
    expect(t).toEqual({ subtotalCents: data.invoice.subtotalCents, taxCents: data.invoice.taxCents, totalCents: data.invoice.totalCents });
    expect(data.lines.map((l) => l.quantity * l.unitPriceCents)).toEqual(data.lines.map((l) => l.totalCents));
    expect(data.invoice.balanceCents).toBe(data.invoice.totalCents - data.invoice.paidCents);
    const long = longSample();
    expect(totals(long.lines, long.salesOrder.taxRateBasisPoints)).toEqual({ subtotalCents: 300_000, taxCents: 21_000, totalCents: 321_000 });
  });

  it('shows organization, client, numbers, dates, lines, every figure and the order balance', async () => {
    const buffer = await renderInvoicePdf(sample());
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(buffer.subarray(-6).toString('latin1')).toContain('%%EOF');

    const { text, numpages, info } = await readPdf(buffer);
    expect(numpages).toBe(1);
    expect(info.Title).toBe('Invoice INV-1042');
    expect(info.Author).toBe('Acme Promotional Products');

    expect(text).toContain('Acme Promotional Products');
    expect(text).toContain('INVOICE');
    expect(text).toContain('INV-1042');
    expect(text).toContain('Globex Café – ü Corporation');
    expect(text).toContain('payables@globex.example');
    expect(text).toMatch(/Invoice date\s*Oct 14, 2025/);
    expect(text).toMatch(/Due date\s*Nov 13, 2025/);
    expect(text).toContain('P-1007 – Fall conference swag');
    expect(text).toMatch(/Sales order\s*SO-1001/);
    expect(text).toMatch(/Terms\s*Net 30/);
    expect(text).toMatch(/Status\s*Sent to client/);
    expect(text).not.toContain('VOID');
    // Where to pay, and no ISO date anywhere: dates read as on screen.
    expect(flat(text)).toContain('Please remit payment to Acme Promotional Products by Nov 13, 2025, quoting INV-1042.');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // Lines: descriptions (the long one wrapped over several lines), quantities, prices, amounts.
    expect(text).toContain('Embroidered polo shirt, navy, size M, left-chest logo');
    expect(text).toContain('Café – ü mug, 11 oz ceramic, full-colour wrap');
    expect(flat(text)).toContain(TOTE_BAG);
    expect(text).not.toContain(TOTE_BAG); // it did wrap
    expect(text).toMatch(/120\s*\$18\.50\s*\$2,220\.00/);
    expect(text).toMatch(/75\s*\$6\.75\s*\$506\.25/);
    expect(text).toMatch(/200\s*\$4\.99\s*\$998\.00/);

    // Totals, each with its label.
    expect(text).toMatch(/Subtotal\s*\$3,724\.25/);
    expect(text).toMatch(/Tax \(8\.25%\)\s*\$307\.25/);
    expect(text).toMatch(/Total\s*\$4,031\.50/);
    expect(text).toMatch(/Paid\s*\$1,000\.00/);
    expect(text).toMatch(/Balance due\s*\$3,031\.50/);

    // The sales order's balance after this invoice.
    expect(text).toContain('Sales order SO-1001 balance');
    expect(text).toContain('$10,000.00');
    expect(text).toContain('$6,031.50');
    expect(text).toContain('$3,968.50');
    expect(flat(text)).toContain('Remaining to be invoiced on SO-1001 after this invoice: $3,968.50');
    // What was still to follow then.
    expect(text).toContain('Still to follow');
    expect(text).toMatch(/300 × Screen-printed tote bag, natural cotton\s*waiting for goods/);

    expect(text).toContain('Page 1 of 1');
  });

  it('paginates 120 lines: every line once and in order, the table header and "Page n of N" on every page', async () => {
    const data = longSample();
    const { text, pages, numpages } = await readPdf(await renderInvoicePdf(data));
    expect(numpages).toBeGreaterThan(1);
    expect(pages).toHaveLength(numpages);
    expect(text).toContain(`Page 1 of ${numpages}`);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${numpages}`);
      expect(page).toMatch(/DESCRIPTION\s*QTY\s*UNIT PRICE\s*AMOUNT/);
      if (i > 0) expect(page).toContain('Acme Promotional Products · Invoice INV-2001 (continued)');
    });

    const all = flat(pages.join('\n'));
    let from = 0;
    for (const line of data.lines) {
      const at = all.indexOf(line.description, from);
      expect(at, line.description).toBeGreaterThanOrEqual(from);
      expect(all.indexOf(line.description, at + 1), `${line.description} twice`).toBe(-1);
      from = at + line.description.length;
    }
    // Each page carries a share of the lines; the first is not the only one with rows.
    const rowsPerPage = pages.map((p) => (p.match(/\$12\.50/g) ?? []).length);
    expect(rowsPerPage.reduce((a, b) => a + b, 0)).toBe(120);
    expect(rowsPerPage.filter((n) => n > 0).length).toBeGreaterThan(1);

    const last = pages.at(-1) ?? '';
    expect(last).toMatch(/Subtotal\s*\$3,000\.00/);
    expect(last).toMatch(/Tax \(7%\)\s*\$210\.00/);
    expect(last).toMatch(/Total\s*\$3,210\.00/);
    expect(last).toMatch(/Paid\s*\$0\.00/);
    expect(last).toMatch(/Balance due\s*\$3,210\.00/);
    expect(flat(last)).toContain('Remaining to be invoiced on SO-2001 after this invoice: $0.00');
    expect(last).not.toContain('Still to follow');
  });

  it('leaves the order box out when the figures after the invoice are not known', async () => {
    const data = sample();
    data.salesOrder = { ...data.salesOrder, invoicedAfterCents: null, remainingAfterCents: null };
    data.stillToFollow = null;
    const { text } = await readPdf(await renderInvoicePdf(data));
    expect(text).not.toContain('Sales order SO-1001 balance');
    expect(text).not.toContain('Still to follow');
  });

  it('marks a voided invoice VOID, with its reason', async () => {
    const data = sample();
    data.invoice = { ...data.invoice, status: 'VOID', voidReason: 'Issued twice by mistake; replaced by INV-1043.' };
    const { text } = await readPdf(await renderInvoicePdf(data));
    expect(text).toMatch(/Status\s*Void/);
    expect(flat(text)).toContain('This invoice has been voided. Reason: Issued twice by mistake; replaced by INV-1043.');
    expect(text).toContain('INV-1042');
    expect(text).toMatch(/Total\s*\$4,031\.50/);
  });

  it('prints what Helvetica cannot show as close as it can, without failing', async () => {
    const data = sample();
    data.client = { name: 'Łódź Őrség 東京 Ltd', email: null };
    data.lines = [{ description: 'Cap\twith\nlogo ✓ 😀', quantity: 1, unitPriceCents: 100, totalCents: 100 }];
    const { text } = await readPdf(await renderInvoicePdf(data));
    expect(text).toContain('Lódz Orség ?? Ltd');
    expect(flat(text)).toContain('Cap with logo ? ?');
    expect(text).not.toContain('payables@globex.example');
  });

  it('renders an invoice without lines', async () => {
    const data = sample();
    data.lines = [];
    const { text } = await readPdf(await renderInvoicePdf(data));
    expect(text).toContain('No lines on this invoice.');
    expect(text).toContain('Page 1 of 1');
  });
});
