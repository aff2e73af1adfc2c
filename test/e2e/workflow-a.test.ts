// Workflow A of DOMAIN.md (drop-ship, partial then final invoice) by clicking only, in a real Chromium
// against the built product, with three people in three browser contexts. The demo data stops just
// before step 1: PO-1001 is confirmed, the 500 mugs shipped, the 200 tees are late.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Product } from '../support/product.js';
import { apiToken, demoProject, signedIn, withProductAndBrowser } from './helpers.js';

let product: Product;
let browser: Browser;
withProductAndBrowser((p, b) => ([product, browser] = [p, b]));

const bellCount = async (page: Page) => Number((await page.getByTestId('notification-count').textContent())?.trim() ?? 'NaN');
const POLL = { timeout: 20_000 };

describe('workflow A in the browser', () => {
  it('flag PROBLEM with a pinned note → partial invoice → READY_FOR_BILLING → invoice the rest and e-mail it → both in the report and its CSV', async () => {
    const project = await demoProject(product.url, await apiToken(product.url, 'admin@demo.test'));
    const order = project.salesOrders.find((o) => o.number === 'SO-1001')!;

    const production = await signedIn(browser, product.url, 'production@demo.test');
    const invoicing = await signedIn(browser, product.url, 'invoicing@demo.test');
    const accountant = await signedIn(browser, product.url, 'accountant@demo.test');

    // The invoicing rep sits in the inbox; the bell shows what is unread now.
    await invoicing.page.goto(`${product.url}/`);
    await expect.poll(() => bellCount(invoicing.page), POLL).toBeGreaterThanOrEqual(0);
    const before = await bellCount(invoicing.page);

    // 1. The production rep flags PO-1001 PROBLEM from the production report; the same dialog pins a
    //    note tagging the order and invoicing reps and releases the sales order for invoicing.
    const p = production.page;
    await p.goto(`${product.url}/production`);
    const row = p.getByTestId('production-row').filter({ hasText: 'PO-1001' });
    await expect.poll(() => row.count(), POLL).toBe(1);
    await row.getByTestId('po-status').selectOption('PROBLEM');
    const dialog = p.getByTestId('flag-dialog');
    await expect.poll(() => dialog.isVisible(), POLL).toBe(true);
    const note = dialog.locator('textarea');
    await expect.poll(() => note.inputValue(), POLL).toMatch(/@oscar/);
    expect(await note.inputValue()).toMatch(/@ines/);
    await note.fill(`${await note.inputValue()} The tees are late: invoice the 500 mugs now.`);
    expect(await dialog.getByTestId('flag-pin').isChecked()).toBe(true);
    if (!(await dialog.getByTestId('flag-ready').isChecked())) await dialog.getByTestId('flag-ready').check();
    await dialog.getByTestId('flag-submit').click();
    await expect.poll(() => row.getByTestId('po-status').inputValue(), POLL).toBe('PROBLEM');

    // The invoicing rep's bell counts up without a reload (mention + problem + ready to invoice).
    await expect.poll(() => bellCount(invoicing.page), POLL).toBeGreaterThan(before);
    await expect.poll(() => invoicing.page.locator('body').textContent(), POLL).toContain('SO-1001');

    // 2. The invoicing rep reads the pinned note on the project and creates a partial invoice:
    //    the editor is prefilled with what is ready (the mugs); the tees are left off.
    const i = invoicing.page;
    await i.goto(`${product.url}/projects/${project.id}`);
    await expect.poll(() => i.locator('body').textContent(), POLL).toContain('The tees are late');
    await i.goto(`${product.url}/sales-orders/${order.id}`);
    await i.getByTestId('sales-order-create-invoice').click();
    await i.waitForURL(/\/sales-orders\/[^/]+\/invoice$/);
    const mugs = i.getByTestId('invoice-editor-line').filter({ hasText: 'mug' });
    const tees = i.getByTestId('invoice-editor-line').filter({ hasText: 'tee' });
    await expect.poll(() => mugs.getByTestId('invoice-editor-quantity').inputValue(), POLL).toBe('500');
    if (await tees.getByTestId('invoice-editor-include').isChecked()) await tees.getByTestId('invoice-editor-include').uncheck();
    await i.getByTestId('invoice-editor-submit').click();
    await i.waitForURL(/\/invoices\/[^/]+$/, POLL);
    await expect.poll(() => i.getByTestId('invoice-line').count(), POLL).toBe(1);
    // 500 × $12.50 = $6,250.00 + 8.25 % tax = $6,765.63; what remains is 200 tees × $18 + tax = $3,897.00.
    await expect.poll(() => i.getByTestId('invoice-total').textContent(), POLL).toContain('6,765.63');
    await expect.poll(() => i.getByTestId('remaining-balance').textContent(), POLL).toContain('3,897.00');
    const firstInvoiceUrl = i.url();
    await i.goto(`${product.url}/sales-orders/${order.id}`);
    await expect.poll(() => i.getByTestId('remaining-balance').textContent(), POLL).toContain('3,897.00');
    await expect.poll(() => i.getByTestId('sales-order-status').textContent(), POLL).toMatch(/backordered/i);

    // 3. The tees arrive: the production rep moves the PO to READY_FOR_BILLING on the project page;
    //    that by itself releases the order and notifies the invoicing rep.
    const beforeReady = await bellCount(i);
    await p.goto(`${product.url}/projects/${project.id}`);
    await p.getByTestId('stage-READY_FOR_BILLING').first().click();
    //    The move receives the 200 tees and releases the order: the dialog says so, from the server's dry run.
    const stageConfirm = p.getByTestId('stage-confirm');
    await expect.poll(() => stageConfirm.getByTestId('stage-confirm-summary').textContent(), POLL).toMatch(/receives 200 × .+ and sets SO-\d+ Ready to be invoiced\.$/);
    await stageConfirm.getByTestId('stage-confirm-confirm').click();
    await expect.poll(() => p.getByTestId('toast').last().textContent(), POLL).toMatch(/moved to Ready for billing/);
    await expect.poll(() => p.getByTestId('po-stage').first().textContent(), POLL).toMatch(/ready for billing/i);
    await expect.poll(() => bellCount(i), POLL).toBeGreaterThan(beforeReady);

    //    The invoicing rep invoices the rest and e-mails it (the client's address is prefilled).
    await i.reload();
    await i.getByTestId('sales-order-invoice-rest').click();
    const invoiceConfirm = i.getByTestId('invoice-ready-confirm');
    await expect.poll(() => invoiceConfirm.getByTestId('invoice-ready-total').textContent(), POLL).toContain('3,897.00');
    await invoiceConfirm.getByTestId('invoice-ready-confirm-confirm').click();
    await i.waitForURL((url) => /\/invoices\/[^/]+$/.test(url.pathname) && url.href !== firstInvoiceUrl, POLL);
    await expect.poll(() => i.getByTestId('invoice-total').textContent(), POLL).toContain('3,897.00');
    await expect.poll(() => i.getByTestId('remaining-balance').textContent(), POLL).toContain('0.00');
    await expect.poll(() => i.getByTestId('invoice-send-to').inputValue(), POLL).toContain('ap@globex.example');
    await i.getByTestId('invoice-send').click();
    await expect.poll(() => i.getByTestId('invoice-status').textContent(), POLL).toMatch(/sent/i);
    await i.goto(`${product.url}/sales-orders/${order.id}`);
    await expect.poll(() => i.getByTestId('sales-order-status').textContent(), POLL).toMatch(/invoiced/i);

    // The e-mail left through the outbox (no SMTP_URL here: written as an .eml with the PDF attached).
    const mailDir = path.join(product.dataDir, 'mail');
    await expect.poll(() => (fs.existsSync(mailDir) ? fs.readdirSync(mailDir).length : 0), POLL).toBeGreaterThan(0);
    const mail = fs.readdirSync(mailDir).map((f) => fs.readFileSync(path.join(mailDir, f), 'utf8')).find((m) => m.includes('ap@globex.example'));
    expect(mail).toBeTruthy();
    expect(mail).toMatch(/application\/pdf/);

    // 4. The accountant finds both invoices in the invoices report and downloads the CSV.
    const a = accountant.page;
    await a.goto(`${product.url}/reports/invoices`);
    await expect.poll(() => a.getByTestId('invoice-row').filter({ hasText: 'SO-1001' }).count(), POLL).toBe(2);
    const [download] = await Promise.all([a.waitForEvent('download'), a.getByTestId('invoices-csv').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const rows = csv.trim().split('\n');
    expect(rows.filter((r) => r.includes('SO-1001'))).toHaveLength(2);
    expect(csv).toContain('6765.63');
    expect(csv).toContain('3897.00');

    for (const who of [production, invoicing, accountant]) {
      expect(who.errors).toEqual([]);
      await who.context.close();
    }
  }, 300_000);
});
