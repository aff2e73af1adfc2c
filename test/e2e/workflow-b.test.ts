// Workflow B of DOMAIN.md (stocked goods) by clicking only, in a real Chromium against the built
// product. Demo data: SO-1002 orders 100 × WID-100 with 60 on hand (minimum 20, maximum 150).
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Product } from '../support/product.js';
import { apiToken, demoProject, signedIn, withProductAndBrowser } from './helpers.js';

let product: Product;
let browser: Browser;
withProductAndBrowser((p, b) => ([product, browser] = [p, b]));

const POLL = { timeout: 20_000 };
const scheduleButton = (page: Page) => page.locator('[data-testid="sales-order-schedule"], [data-testid="sales-order-next-status"][data-status="SCHEDULED"]').first();

describe('workflow B in the browser', () => {
  it('schedule → partial invoice → backorder and reorder reports → buy and receive → backlog → schedule → invoice the rest', async () => {
    const project = await demoProject(product.url, await apiToken(product.url, 'admin@demo.test'));
    const order = project.salesOrders.find((o) => o.number === 'SO-1002')!;
    const purchasing = await signedIn(browser, product.url, 'purchasing@demo.test');
    const invoicing = await signedIn(browser, product.url, 'invoicing@demo.test');
    const p = purchasing.page;
    const i = invoicing.page;

    // 1. Purchasing schedules the order: 60 of 100 are allocated from stock, 40 are backordered.
    await p.goto(`${product.url}/sales-orders/${order.id}`);
    await scheduleButton(p).click();
    await expect.poll(() => p.getByTestId('sales-order-status').textContent(), POLL).toMatch(/scheduled/i);
    await expect.poll(() => p.getByTestId('line-backordered').first().textContent(), POLL).toContain('40');

    // 2. Invoicing invoices what was scheduled: the order becomes BACKORDERED.
    await i.goto(`${product.url}/sales-orders/${order.id}/invoice`);
    await expect.poll(() => i.getByTestId('invoice-editor-quantity').first().inputValue(), POLL).toBe('60');
    await i.getByTestId('invoice-editor-submit').click();
    await i.waitForURL(/\/invoices\/[^/]+$/, POLL);
    await expect.poll(() => i.getByTestId('invoice-total').textContent(), POLL).toContain('240.00');

    // 3. Purchasing reads the backorder report, then the reorder report, and buys from the suggestion.
    await p.goto(`${product.url}/reports/backorders`);
    const backorder = p.getByTestId('backorder-row').filter({ hasText: 'SO-1002' });
    await expect.poll(() => backorder.count(), POLL).toBe(1);
    expect(await backorder.textContent()).toContain('40');
    await backorder.getByRole('link', { name: 'SO-1002' }).click();
    await p.waitForURL(new RegExp(`/sales-orders/${order.id}$`), POLL);
    await expect.poll(() => p.getByTestId('sales-order-status').textContent(), POLL).toMatch(/backordered/i);

    //    Business alerts count the backordered order among what needs attention.
    const backorderedAlert = async () => {
      await p.goto(`${product.url}/reports`);
      const count = p.getByTestId('alert-count-backorderedOrders');
      await expect.poll(() => count.count(), POLL).toBe(1);
      return Number(await count.textContent());
    };
    const backorderedWhileWaiting = await backorderedAlert();
    expect(backorderedWhileWaiting).toBeGreaterThanOrEqual(1);

    await p.goto(`${product.url}/reports/reorder`);
    const widgets = p.getByTestId('reorder-row').filter({ hasText: 'WID-100' });
    await expect.poll(() => widgets.count(), POLL).toBe(1);
    const suggested = Number(await widgets.getByTestId('reorder-suggested').textContent());
    expect(suggested).toBeGreaterThanOrEqual(40);
    await widgets.getByTestId('reorder-select').check();
    await p.getByTestId('reorder-create').click();
    await p.waitForURL(/\/purchase-orders\/[^/]+$/, POLL);

    //    Submit it, then receive everything outstanding into stock.
    await p.locator('[data-testid="purchase-order-next-stage"][data-stage="SUBMITTED"]').click();
    await expect.poll(() => p.getByTestId('purchase-order-stage').textContent(), POLL).toMatch(/submitted/i);
    const line = p.getByTestId('purchase-order-line').filter({ hasText: 'WID-100' });
    // The quantities start empty (nothing is received by accident); "All outstanding" fills them in.
    await expect.poll(() => line.getByTestId('purchase-order-receive-quantity').inputValue(), POLL).toBe('');
    await p.getByTestId('purchase-order-receive-all').click();
    await expect.poll(() => line.getByTestId('purchase-order-receive-quantity').inputValue(), POLL).toBe(String(suggested));
    await p.getByTestId('purchase-order-receive').click();
    await expect.poll(() => line.getByTestId('purchase-order-line-outstanding').textContent(), POLL).toBe('0');
    await expect.poll(() => p.getByTestId('purchase-order-stage').textContent(), POLL).toMatch(/shipped/i);

    // 4. The backlog by product shows the open demand against the new on-hand; receiving scheduled nothing.
    await p.goto(`${product.url}/reports/backlog`);
    const entry = p.getByTestId('backlog-product').filter({ hasText: 'WID-100' });
    await expect.poll(() => entry.getByTestId('backlog-open').textContent(), POLL).toBe('40');
    expect(Number(await entry.getByTestId('backlog-on-hand').textContent())).toBe(suggested);
    await entry.getByRole('link', { name: 'SO-1002' }).click();
    await p.waitForURL(new RegExp(`/sales-orders/${order.id}$`), POLL);
    await expect.poll(() => p.getByTestId('sales-order-status').textContent(), POLL).toMatch(/backordered/i);

    //    Purchasing schedules the order again; invoicing invoices the rest and it is INVOICED.
    await scheduleButton(p).click();
    await expect.poll(() => p.getByTestId('sales-order-status').textContent(), POLL).toMatch(/scheduled/i);
    await i.goto(`${product.url}/sales-orders/${order.id}`);
    await i.getByTestId('sales-order-invoice-rest').click();
    const invoiceConfirm = i.getByTestId('invoice-ready-confirm');
    await expect.poll(() => invoiceConfirm.getByTestId('invoice-ready-total').textContent(), POLL).toContain('160.00');
    await invoiceConfirm.getByTestId('invoice-ready-confirm-confirm').click();
    await i.waitForURL(/\/invoices\/[^/]+$/, POLL);
    await expect.poll(() => i.getByTestId('invoice-total').textContent(), POLL).toContain('160.00');
    await i.goto(`${product.url}/sales-orders/${order.id}`);
    await expect.poll(() => i.getByTestId('sales-order-status').textContent(), POLL).toMatch(/invoiced/i);
    await expect.poll(() => i.getByTestId('remaining-balance').textContent(), POLL).toContain('0.00');

    // 5. Business alerts: SO-1002 no longer counts as backordered.
    expect(await backorderedAlert()).toBe(backorderedWhileWaiting - 1);

    for (const who of [purchasing, invoicing]) {
      expect(who.errors).toEqual([]);
      await who.context.close();
    }
  }, 300_000);
});
