// In a real Chromium against the product as `pnpm start` serves it: sign in with a demo login, see
// your name and organization, stay signed in across a reload, sign out.
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Product } from '../support/product.js';
import { withProductAndBrowser } from './helpers.js';

let product: Product;
let browser: Browser;
withProductAndBrowser((p, b) => ([product, browser] = [p, b]));

describe('the SPA', () => {
  it('signs a demo user in and shows their name and organization', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${product.url}/`);
    await page.waitForURL(/\/sign-in/);
    await page.fill('input[name="email"]', 'invoicing@demo.test');
    await page.fill('input[name="password"]', 'baton-demo');
    await page.click('button[type="submit"]');

    await expect.poll(() => page.locator('[data-testid="viewer-name"]').textContent(), { timeout: 15_000 }).toContain('Ines Invoicing');
    expect(await page.locator('[data-testid="organization-name"]').textContent()).toContain('Demo Distributing Co.');

    // The httpOnly cookie keeps the session across a reload; the page never sees the token.
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="viewer-name"]').textContent(), { timeout: 15_000 }).toContain('Ines Invoicing');
    expect(await page.evaluate(() => document.cookie)).not.toContain('baton_session');

    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForURL(/\/sign-in/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when the password is wrong, and stays on the sign-in page', async () => {
    const page = await browser.newPage();
    await page.goto(`${product.url}/sign-in`);
    await page.fill('input[name="email"]', 'admin@demo.test');
    await page.fill('input[name="password"]', 'not the password');
    await page.click('button[type="submit"]');
    await expect.poll(() => page.locator('body').textContent(), { timeout: 15_000 }).toContain('Wrong e-mail or password.');
    expect(page.url()).toMatch(/\/sign-in/);
    await page.close();
  });
});
