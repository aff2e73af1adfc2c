// Money that adds up (issue 14), by clicking, in a real Chromium against the built product: charges
// on an order, an invoice of what shipped (setup on it, freight not), a credit memo of two units with
// restock, the rest invoiced (freight on it), and an order with nothing remaining whose documents sum
// to its total; then a deposit requested from the order and applied by the next invoice.
// Stock moves that are purchasing's job (scheduling, counting stock in) are arranged through the API.
// Screenshots of each screen at 1280 and 390 px land in /tmp/money-web-shots/ (MONEY_SHOTS overrides).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Product } from '../support/product.js';
import { api, apiToken, demoProject, signedIn, withProductAndBrowser } from './helpers.js';

let product: Product;
let browser: Browser;
withProductAndBrowser((p, b) => ([product, browser] = [p, b]));

const POLL = { timeout: 20_000 };
const SHOTS = process.env.MONEY_SHOTS ?? '/tmp/money-web-shots';

/** The page as a person sees it at a laptop's and a phone's width (full length), then back to the test's width. */
async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const before = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

/** "$1,234.56" or "-$8.66" as integer cents (the text, never a float). */
function cents(text: string | null): number {
  const match = /(-)?\$([\d,]+)\.(\d{2})/.exec(text ?? '');
  if (!match) throw new Error(`no amount in ${JSON.stringify(text)}`);
  const value = Number(match[2]!.replaceAll(',', '')) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}

const SCHEDULE = 'mutation($id: ID!) { scheduleSalesOrder(id: $id) { salesOrder { id status } userErrors { code message } } }';
const ADJUST = 'mutation($id: ID!, $q: Int!) { adjustStock(productId: $id, quantity: $q, reason: "counted in") { product { onHand } userErrors { code message } } }';

describe('money that adds up, in the browser', () => {
  it('charges, an invoice of what shipped, a credit memo with restock, the rest with freight: nothing remains and the documents sum to the order', async () => {
    const admin = await apiToken(product.url, 'admin@demo.test');
    const project = await demoProject(product.url, admin);
    const purchasingToken = await apiToken(product.url, 'purchasing@demo.test');
    const { products } = await api(product.url, admin, '{ products { id sku onHand } }');
    const widget = products.find((p: { sku: string }) => p.sku === 'WID-100') as { id: string; onHand: number };

    // The order rep takes the order: 80 widgets at 8.25 % and a setup charge, in the new-order form.
    const orderRep = await signedIn(browser, product.url, 'order@demo.test');
    const o = orderRep.page;
    await o.goto(`${product.url}/projects/${project.id}/sales-orders/new`);
    await o.getByTestId('product-search').fill('WID-100');
    await o.getByTestId('product-search-result').filter({ hasText: 'WID-100' }).first().click();
    await o.getByTestId('sales-order-line-quantity').fill('80');
    await o.getByTestId('sales-order-tax-rate').fill('8.25');
    await o.getByTestId('sales-order-add-draft-charge').click();
    const setupDraft = o.getByTestId('sales-order-draft-charge').first();
    await setupDraft.getByTestId('charge-kind').selectOption('SETUP');
    expect(await setupDraft.getByTestId('charge-description').inputValue()).toBe('Setup');
    expect(await setupDraft.getByTestId('charge-invoice-with').inputValue()).toBe('FIRST_INVOICE');
    await setupDraft.getByTestId('charge-description').fill('Setup: one-colour print screen');
    await setupDraft.getByTestId('charge-amount').fill('75');
    // 80 × $4.00 + $75.00 = $395.00, tax 8.25 % = $32.59.
    await expect.poll(() => o.getByTestId('sales-order-draft-total').textContent(), POLL).toContain('$427.59');
    await shoot(o, '01-new-order-with-setup');
    await o.getByTestId('sales-order-create').click();
    const createdLink = o.getByTestId('sales-order-created-link');
    await expect.poll(() => createdLink.count(), POLL).toBe(1);
    const orderUrl = new URL((await createdLink.getAttribute('href'))!, product.url).href;
    const orderId = orderUrl.split('/').pop()!;
    await orderRep.context.close();

    // Purchasing schedules it: 60 from stock, 20 backordered.
    const scheduled = await api(product.url, purchasingToken, SCHEDULE, { id: orderId });
    expect(scheduled.scheduleSalesOrder.userErrors).toEqual([]);

    // The invoicing rep adds freight, which goes on the invoice that completes the goods.
    const invoicing = await signedIn(browser, product.url, 'invoicing@demo.test');
    const i = invoicing.page;
    await i.goto(orderUrl);
    await i.getByTestId('sales-order-add-charge').click();
    const chargeForm = i.getByTestId('sales-order-charge-form');
    expect(await chargeForm.getByTestId('charge-kind').inputValue()).toBe('FREIGHT');
    expect(await chargeForm.getByTestId('charge-invoice-with').inputValue()).toBe('LAST_INVOICE');
    await chargeForm.getByTestId('charge-amount').fill('40.00');
    await shoot(i, '02-add-freight');
    await chargeForm.getByTestId('sales-order-charge-submit').click();
    const freight = i.locator('[data-testid="sales-order-charge"][data-kind="FREIGHT"]');
    await expect.poll(() => freight.count(), POLL).toBe(1);
    expect(await freight.getByTestId('line-kind').textContent()).toBe('Freight');
    expect(await freight.getByTestId('line-amount').textContent()).toContain('$40.00');
    const setup = i.locator('[data-testid="sales-order-charge"][data-kind="SETUP"]');
    expect(await setup.getByTestId('line-kind').textContent()).toBe('Setup');
    await expect.poll(() => i.getByTestId('remaining-balance').textContent(), POLL).toContain('$470.89');
    await shoot(i, '03-order-with-charges');

    // Invoice what shipped: the 60 scheduled widgets and the setup; the freight waits (20 backordered).
    await i.getByTestId('sales-order-create-invoice').click();
    await i.waitForURL(/\/invoice$/, POLL);
    const editorRow = (kind: string) => i.getByTestId('invoice-editor-line').filter({ hasText: kind });
    await expect.poll(() => editorRow('Widget').getByTestId('invoice-editor-quantity').inputValue(), POLL).toBe('60');
    expect(await editorRow('Setup').getByTestId('invoice-editor-quantity').inputValue()).toBe('1');
    expect(await editorRow('Freight').getByTestId('invoice-editor-include').isChecked()).toBe(false);
    // 60 × $4.00 + $75.00 = $315.00; tax $25.99.
    await expect.poll(() => i.getByTestId('invoice-editor-total').textContent(), POLL).toContain('$340.99');
    await i.getByTestId('invoice-editor-submit').click();
    await i.waitForURL(/\/invoices\/[^/]+$/, POLL);
    const firstInvoiceUrl = i.url();
    await expect.poll(() => i.getByTestId('invoice-total').textContent(), POLL).toContain('$340.99');
    expect(await i.locator('[data-testid="invoice-line"][data-kind="SETUP"]').count()).toBe(1);
    expect(await i.locator('[data-testid="invoice-line"][data-kind="FREIGHT"]').count()).toBe(0);

    // Sent to the client, it can no longer be edited: units come back by a credit memo.
    await i.getByTestId('invoice-send').click();
    await expect.poll(() => i.getByTestId('invoice-status').textContent(), POLL).toMatch(/sent/i);
    await i.getByTestId('invoice-credit-memo').click();
    const memoDialog = i.getByTestId('credit-memo-dialog');
    await expect.poll(() => memoDialog.isVisible(), POLL).toBe(true);
    // Nothing to credit yet: the button waits, saying why.
    expect(await memoDialog.getByTestId('credit-memo-submit').isDisabled()).toBe(true);
    await memoDialog.getByTestId('credit-memo-reason').fill('Two widgets came back damaged');
    const widgetCredit = memoDialog.getByTestId('credit-memo-line').filter({ hasText: 'Widget' });
    await widgetCredit.getByTestId('credit-memo-quantity').fill('2');
    expect(await memoDialog.getByTestId('credit-memo-restock').isChecked()).toBe(true);
    // 2 × $4.00 = $8.00, tax $0.66: the preview says so before anything is made.
    await expect.poll(() => memoDialog.getByTestId('credit-memo-preview-total').textContent(), POLL).toContain('-$8.66');
    await expect.poll(() => widgetCredit.getByTestId('credit-memo-restocked').textContent(), POLL).toContain('2 back to stock');
    await expect.poll(() => memoDialog.getByTestId('credit-memo-preview-balance').textContent(), POLL).toContain('$332.33');
    await expect.poll(() => memoDialog.getByTestId('credit-memo-submit').isEnabled(), POLL).toBe(true);
    await shoot(i, '04-credit-memo-dialog');
    await memoDialog.getByTestId('credit-memo-submit').click();
    await i.waitForURL((url) => /\/invoices\/[^/]+$/.test(url.pathname) && url.href !== firstInvoiceUrl, POLL);
    await expect.poll(() => i.getByTestId('invoice-kind').textContent(), POLL).toBe('Credit memo');
    await expect.poll(() => i.getByTestId('invoice-total').textContent(), POLL).toContain('-$8.66');
    expect(await i.getByTestId('invoice-credited-invoice').textContent()).toContain('Two widgets came back damaged');
    await shoot(i, '05-credit-memo');
    await i.getByTestId('invoice-credited-invoice-link').click();
    await i.waitForURL(firstInvoiceUrl, POLL);
    await expect.poll(() => i.getByTestId('invoice-credited').textContent(), POLL).toContain('$8.66');
    await expect.poll(() => i.getByTestId('invoice-balance').textContent(), POLL).toContain('$332.33');
    await shoot(i, '06-credited-invoice');

    // The restocked widgets are on hand again; purchasing counts in the rest and schedules the order.
    const after = await api(product.url, admin, '{ products(search: "WID-100") { sku onHand } }');
    expect(after.products.find((p: { sku: string }) => p.sku === 'WID-100').onHand).toBe(widget.onHand - 60 + 2);
    await api(product.url, purchasingToken, ADJUST, { id: widget.id, q: 18 });
    expect((await api(product.url, purchasingToken, SCHEDULE, { id: orderId })).scheduleSalesOrder.userErrors).toEqual([]);

    // Invoice the rest: the 20 widgets, and the freight now that nothing is backordered.
    await i.goto(orderUrl);
    await i.getByTestId('sales-order-create-invoice').click();
    await i.waitForURL(/\/invoice$/, POLL);
    await expect.poll(() => editorRow('Widget').getByTestId('invoice-editor-quantity').inputValue(), POLL).toBe('20');
    expect(await editorRow('Freight').getByTestId('invoice-editor-quantity').inputValue()).toBe('1');
    // $80.00 + $40.00 = $120.00; its tax brings the documents to the order's: $9.90.
    await expect.poll(() => i.getByTestId('invoice-editor-total').textContent(), POLL).toContain('$129.90');
    await expect.poll(() => i.getByTestId('invoice-editor-remaining-after').textContent(), POLL).toContain('$0.00');
    await shoot(i, '07-last-invoice-editor');
    await i.getByTestId('invoice-editor-submit').click();
    await i.waitForURL((url) => /\/invoices\/[^/]+$/.test(url.pathname) && url.href !== firstInvoiceUrl, POLL);
    await expect.poll(() => i.locator('[data-testid="invoice-line"][data-kind="FREIGHT"]').count(), POLL).toBe(1);
    expect(await i.getByTestId('invoice-total').textContent()).toContain('$129.90');

    // The order: nothing remains, and its invoices net of the credit memo are its total, on screen.
    await i.goto(orderUrl);
    await expect.poll(() => i.getByTestId('remaining-balance').textContent(), POLL).toContain('$0.00');
    await expect.poll(() => i.getByTestId('sales-order-status').textContent(), POLL).toMatch(/invoiced/i);
    for (const row of await i.getByTestId('line-remaining').all()) expect(await row.textContent()).toBe('0');
    const documents = [
      ...(await i.getByTestId('sales-order-invoice-total').allTextContents()),
      ...(await i.getByTestId('sales-order-credit-memo-total').allTextContents()),
    ].map(cents);
    expect(documents).toHaveLength(3);
    const total = cents(await i.getByTestId('sales-order-total').textContent());
    // 78 × $4.00 + $75.00 + $40.00 = $427.00, tax $35.23.
    expect(total).toBe(46_223);
    expect(documents.reduce((sum, c) => sum + c, 0)).toBe(total);
    expect(cents(await i.getByTestId('sales-order-invoiced').textContent())).toBe(total);
    await shoot(i, '08-order-invoiced');

    // The accountant's report lists the credit memo with the invoices; its kind and figures show.
    const accountant = await signedIn(browser, product.url, 'accountant@demo.test');
    const a = accountant.page;
    await a.goto(`${product.url}/reports/invoices`);
    const memoRow = a.locator('[data-testid="invoice-row"][data-kind="CREDIT_MEMO"]');
    await expect.poll(() => memoRow.count(), POLL).toBe(1);
    expect(await memoRow.getByTestId('invoice-row-kind').textContent()).toBe('Credit memo');
    await shoot(a, '09-invoices-report');

    for (const who of [invoicing, accountant]) {
      expect(who.errors).toEqual([]);
      await who.context.close();
    }
  }, 300_000);

  it('a deposit requested from the order, with its preview, is applied by the next invoice', async () => {
    const admin = await apiToken(product.url, 'admin@demo.test');
    const project = await demoProject(product.url, admin);
    // SO-1002: 100 × WID-100 at $4.00, no tax, not scheduled yet.
    const order = project.salesOrders.find((so) => so.number === 'SO-1002')!;
    const invoicing = await signedIn(browser, product.url, 'invoicing@demo.test');
    const i = invoicing.page;
    await i.goto(`${product.url}/sales-orders/${order.id}`);
    await i.getByTestId('sales-order-request-deposit').click();
    const dialog = i.getByTestId('deposit-dialog');
    await expect.poll(() => dialog.isVisible(), POLL).toBe(true);
    expect(await dialog.getByTestId('deposit-submit').isDisabled()).toBe(true);
    await dialog.getByTestId('deposit-by-percent').check();
    await dialog.getByTestId('deposit-value').fill('30');
    await expect.poll(() => dialog.getByTestId('deposit-preview-amount').textContent(), POLL).toContain('$120.00');
    await expect.poll(() => dialog.getByTestId('deposit-submit').isEnabled(), POLL).toBe(true);
    // More than the order: refused in the preview, the button disabled with the server's reason.
    await dialog.getByTestId('deposit-by-amount').check();
    await dialog.getByTestId('deposit-value').fill('500');
    await expect.poll(() => dialog.getByTestId('deposit-refusal').textContent(), POLL).toMatch(/at most \$400\.00/i);
    expect(await dialog.getByTestId('deposit-submit').isDisabled()).toBe(true);
    await dialog.getByTestId('deposit-value').fill('120');
    await expect.poll(() => dialog.getByTestId('deposit-preview-after').textContent(), POLL).toContain('$120.00');
    await expect.poll(() => dialog.getByTestId('deposit-submit').isEnabled(), POLL).toBe(true);
    await shoot(i, '10-deposit-dialog');
    await dialog.getByTestId('deposit-submit').click();
    await i.waitForURL(/\/invoices\/[^/]+$/, POLL);
    await expect.poll(() => i.getByTestId('invoice-kind').textContent(), POLL).toBe('Deposit invoice');
    expect(await i.locator('h1').textContent()).toMatch(/DEP-\d+/);
    await expect.poll(() => i.getByTestId('invoice-total').textContent(), POLL).toContain('$120.00');

    // The client pays it; the order shows the deposit paid and not yet applied.
    await i.getByTestId('invoice-payment-amount').fill('120');
    await i.getByTestId('invoice-record-payment').click();
    await expect.poll(() => i.getByTestId('invoice-status').textContent(), POLL).toMatch(/paid/i);
    await shoot(i, '11-deposit-invoice');
    await i.goto(`${product.url}/sales-orders/${order.id}`);
    await expect.poll(() => i.getByTestId('sales-order-deposit-paid').textContent(), POLL).toContain('$120.00');
    expect(await i.getByTestId('sales-order-deposit-available').textContent()).toContain('$120.00');
    expect(await i.getByTestId('sales-order-deposit').count()).toBe(1);

    // Scheduled (60 of 100), the next invoice applies the deposit's share: 120 × 240 / 400 = $72.00.
    const purchasingToken = await apiToken(product.url, 'purchasing@demo.test');
    const { products } = await api(product.url, admin, '{ products(search: "WID-100") { id sku onHand } }');
    const widget = products.find((p: { sku: string }) => p.sku === 'WID-100') as { id: string; onHand: number };
    // What the first test left on hand, topped up to 60.
    if (widget.onHand < 60) await api(product.url, purchasingToken, ADJUST, { id: widget.id, q: 60 - widget.onHand });
    expect((await api(product.url, purchasingToken, SCHEDULE, { id: order.id })).scheduleSalesOrder.userErrors).toEqual([]);
    await i.goto(`${product.url}/sales-orders/${order.id}/invoice`);
    await expect.poll(() => i.getByTestId('invoice-editor-deposit-applied').textContent(), POLL).toContain('$72.00');
    await expect.poll(() => i.getByTestId('invoice-editor-balance').textContent(), POLL).toContain('$168.00');
    // Above what is available: the server's bounds, shown in place; within them, the balance follows.
    await i.getByTestId('invoice-editor-deposit-change').click();
    await i.getByTestId('invoice-editor-deposit').fill('500');
    await expect.poll(() => i.getByTestId('invoice-editor-deposit-error').count(), POLL).toBe(1);
    expect(await i.getByTestId('invoice-editor-submit').isDisabled()).toBe(true);
    await i.getByTestId('invoice-editor-deposit').fill('100');
    await expect.poll(() => i.getByTestId('invoice-editor-balance').textContent(), POLL).toContain('$140.00');
    await shoot(i, '12-invoice-editor-deposit');
    await i.getByTestId('invoice-editor-submit').click();
    await i.waitForURL(/\/invoices\/[^/]+$/, POLL);
    await expect.poll(() => i.getByTestId('invoice-deposit-applied').textContent(), POLL).toContain('$100.00');
    expect(await i.getByTestId('invoice-balance').textContent()).toContain('$140.00');

    expect(invoicing.errors).toEqual([]);
    await invoicing.context.close();
  }, 300_000);
});
