// In a real Chromium against the built product: Ctrl-K reaches the search from any page, "SO-1001"
// finds the demo order, Enter opens it, and the navigation highlights "Sales orders". The open
// search passes axe with no serious or critical violation.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Product } from '../support/product.js';
import { apiToken, demoProject, signedIn, withProductAndBrowser } from './helpers.js';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const POLL = { timeout: 20_000 };

let product: Product;
let browser: Browser;
withProductAndBrowser((p, b) => ([product, browser] = [p, b]));

describe('global search', () => {
  it('Ctrl-K, "SO-1001", Enter: lands on the order, its section highlighted', async () => {
    const token = await apiToken(product.url, 'admin@demo.test');
    const order = (await demoProject(product.url, token)).salesOrders.find((so) => so.number === 'SO-1001');
    expect(order).toBeDefined();
    const { context, page, errors } = await signedIn(browser, product.url, 'accountant@demo.test');
    await page.goto(`${product.url}/reports/invoices`);
    await page.waitForLoadState('networkidle');

    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Search by number or name' });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement), POLL).toBe(true);
    await page.keyboard.type('so-1001');
    const option = page.getByRole('option').filter({ hasText: 'SO-1001' });
    await expect.poll(() => option.count(), POLL).toBe(1);
    expect(await page.getByRole('option').first().textContent()).toContain('SO-1001');
    expect(await input.getAttribute('aria-expanded')).toBe('true');

    await page.evaluate(axeSource);
    const axe = await page.evaluate(async () =>
      (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run(document, { resultTypes: ['violations'] }),
    );
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname, POLL).toBe(`/sales-orders/${order!.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent(), POLL).toContain('SO-1001');
    expect(await page.locator('[aria-current="page"]').getAttribute('data-testid')).toBe('nav-sales-orders');
    expect(errors).toEqual([]);
    await context.close();
  });
});
