// The work lists in a real Chromium against the built product, on the demo data: the invoicing
// queue shows what is ready after a partial invoice and updates live when stock is scheduled
// elsewhere; the accountant finds the order's remaining balance in the sales orders list, opens the
// receivables aging from the navigation and downloads its CSV.
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Product } from '../support/product.js';
import { api, apiToken, demoProject, signedIn, withProductAndBrowser } from './helpers.js';

let product: Product;
let browser: Browser;
withProductAndBrowser((p, b) => ([product, browser] = [p, b]));

const POLL = { timeout: 20_000 };
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('work lists in the browser', () => {
  it('the queue keeps a partly invoiced order and goes live; the accountant reads the lists and downloads the aging', async () => {
    const invoicingToken = await apiToken(product.url, 'invoicing@demo.test');
    const project = await demoProject(product.url, invoicingToken);
    const so1 = project.salesOrders.find((o) => o.number === 'SO-1001')!;
    const so2 = project.salesOrders.find((o) => o.number === 'SO-1002')!;
    const mugs = so1.lines.find((l) => l.product.sku === 'MUG-11OZ')!;
    // INV for 480 of the 500 shipped mugs, dated 45 days ago (Globex pays in 30: 15 days late), sent.
    const made = await api(product.url, invoicingToken, `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id number } userErrors { code message } } }`, {
      input: { salesOrderId: so1.id, invoiceDate: daysAgo(45), lines: [{ salesOrderLineId: mugs.id, quantity: 480 }] },
    });
    const invoice = made.createInvoice.invoice as { id: string; number: string };
    await api(product.url, invoicingToken, `mutation($id: ID!) { sendInvoice(id: $id) { invoice { id } userErrors { code message } } }`, { id: invoice.id });

    // The invoicing rep's queue: the 20 mugs shipped and not billed keep SO-1001 there.
    const invoicing = await signedIn(browser, product.url, 'invoicing@demo.test');
    const q = invoicing.page;
    await q.getByTestId('nav-invoicing-queue').click();
    const row = (number: string) => q.getByTestId('queue-row').filter({ hasText: number });
    await expect.poll(() => row('SO-1001').count(), POLL).toBe(1);
    expect(await row('SO-1001').getByTestId('queue-ready').textContent()).toMatch(/^\$2\d\d\.\d\d$/); // 20 mugs at $12.50 and their tax
    await expect.poll(() => q.getByTestId('queue-live').count(), POLL).toBe(1);
    expect(await row('SO-1002').count()).toBe(0);

    // Purchasing schedules SO-1002's widgets (through the API): it appears without a reload.
    const purchasingToken = await apiToken(product.url, 'purchasing@demo.test');
    await api(product.url, purchasingToken, `mutation($id: ID!) { scheduleSalesOrder(id: $id) { salesOrder { id } userErrors { code message } } }`, { id: so2.id });
    await expect.poll(() => row('SO-1002').count(), POLL).toBe(1);

    // The accountant: the sales orders list with SO-1001's remaining balance, then the aging and its CSV.
    const accountant = await signedIn(browser, product.url, 'accountant@demo.test');
    const a = accountant.page;
    await a.getByTestId('nav-sales-orders').click();
    const soRow = a.getByTestId('sales-order-row').filter({ hasText: 'SO-1001' });
    await expect.poll(() => soRow.count(), POLL).toBe(1);
    expect(await soRow.getByTestId('row-remaining').textContent()).not.toContain('$0.00');
    expect(await a.getByTestId('total-remaining').textContent()).toMatch(/\$\d/);

    await a.getByTestId('nav-report-aging').click();
    const agingRow = a.getByTestId('aging-row').filter({ hasText: 'Globex' });
    await expect.poll(() => agingRow.count(), POLL).toBe(1);
    expect(await agingRow.textContent()).toContain(invoice.number);
    expect(await agingRow.textContent()).toContain('Overdue');
    expect(await a.getByTestId('aging-bar').count()).toBe(5);
    const [download] = await Promise.all([a.waitForEvent('download'), a.getByTestId('aging-csv').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('Client,Current,1–30 days,31–60 days,61–90 days,Over 90 days,Total');
    expect(csv[1]).toMatch(/^Globex Corporation,0\.00,\d+\.\d{2},0\.00,0\.00,0\.00,\d+\.\d{2}$/);
    expect(csv.at(-1)).toMatch(/^TOTAL \(1 client\),/);
    expect([invoicing.errors, accountant.errors]).toEqual([[], []]);
  });
});
