// In a real Chromium against the built product: a note carrying HTML and script shows as inert text,
// and the main pages pass an axe-core scan with no serious or critical violations.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Product } from '../support/product.js';
import { api, apiToken, demoProject, signedIn, withProductAndBrowser } from './helpers.js';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let product: Product;
let browser: Browser;
withProductAndBrowser((p, b) => ([product, browser] = [p, b]));

describe('a note with HTML in it', () => {
  it('is shown as text: no element, no script run, no handler fired', async () => {
    const token = await apiToken(product.url, 'production@demo.test');
    const project = await demoProject(product.url, token);
    const { context, page, errors } = await signedIn(browser, product.url, 'production@demo.test');
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });

    await page.goto(`${product.url}/projects/${project.id}`);
    const hostile = `Look <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2; alert(1)"> <a href="javascript:window.__pwned=3">click</a> **bold**`;
    const composer = page.getByTestId('note-body');
    await composer.fill(hostile);
    await page.getByTestId('add-note').click();

    const feed = page.getByTestId('notes-feed');
    await expect.poll(() => feed.textContent(), { timeout: 15_000 }).toContain('Look');
    // Markdown still works, and the tags are either escaped text or gone, never live elements.
    expect(await feed.locator('strong', { hasText: 'bold' }).count()).toBe(1);
    expect(await feed.locator('script').count()).toBe(0);
    expect(await feed.locator('img[onerror]').count()).toBe(0);
    expect(await feed.locator('[href^="javascript:"]').count()).toBe(0);
    const link = feed.locator('a', { hasText: 'click' });
    if ((await link.count()) > 0) await link.first().click({ trial: false }).catch(() => undefined);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);

    // What the server stored is the text as typed; only its rendering is sanitized.
    const data = await api(product.url, token, `query($id:ID!){ project(id:$id){ notes { body bodyHtml } } }`, { id: project.id });
    const stored = data.project.notes.find((n: { body: string }) => n.body === hostile);
    expect(stored).toBeTruthy();
    expect(stored.bodyHtml).not.toMatch(/<script|<img|<a\s[^>]*javascript:/i);
    expect(stored.bodyHtml).toContain('&lt;script&gt;');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('accessibility', () => {
  type AxeResult = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };

  async function serious(page: Page, url: string): Promise<string[]> {
    await page.goto(`${product.url}${url}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(200);
    await page.evaluate(axeSource); // evaluated through the DevTools protocol: the page's CSP stays on
    const result = await page.evaluate(async () => (window as unknown as { axe: { run: (d: Document, o: object) => Promise<AxeResult> } }).axe.run(document, { resultTypes: ['violations'] }));
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${url}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  }

  it('finds no serious or critical violation on the main pages', async () => {
    const token = await apiToken(product.url, 'admin@demo.test');
    const project = await demoProject(product.url, token);
    const salesOrder = project.salesOrders[0]!;
    const purchaseOrder = project.purchaseOrders[0]!;
    const byUser: [string, string[]][] = [
      ['invoicing@demo.test', ['/', '/follow-ups', `/sales-orders/${salesOrder.id}`, `/sales-orders/${salesOrder.id}/invoice`, '/invoicing']],
      ['production@demo.test', ['/projects', `/projects/${project.id}`, '/production', `/purchase-orders/${purchaseOrder.id}`]],
      ['accountant@demo.test', ['/reports', '/reports/invoices', '/reports/aging', '/sales-orders']],
      ['purchasing@demo.test', ['/reports/backorders', '/reports/backlog', '/reports/reorder', '/purchase-orders/new']],
      ['admin@demo.test', ['/catalog/products', '/catalog/clients', '/catalog/suppliers', '/admin/users', '/admin/organization', '/settings']],
    ];
    const found: string[] = [];
    const anonymous = await browser.newPage();
    found.push(...(await serious(anonymous, '/sign-in')));
    await anonymous.close();
    for (const [email, urls] of byUser) {
      const { context, page } = await signedIn(browser, product.url, email);
      for (const url of urls) found.push(...(await serious(page, url)));
      await context.close();
    }
    expect(found).toEqual([]);
  }, 300_000);
});
