// In a real Chromium against the built product: the production rep flags a PO FOLLOW_UP and says
// who follows up, by when (the invoicing rep, tomorrow); the invoicing rep, sitting on "My
// follow-ups", sees it arrive live there and on the bell, and completes it.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Product } from '../support/product.js';
import { api, apiToken, signedIn, withProductAndBrowser } from './helpers.js';

let product: Product;
let browser: Browser;
withProductAndBrowser((p, b) => ([product, browser] = [p, b]));

const bellCount = async (page: Page) => Number((await page.getByTestId('notification-count').textContent())?.trim() ?? 'NaN');
const POLL = { timeout: 20_000 };

/** Tomorrow in this machine's calendar (the browser runs here too). */
function tomorrow(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

describe('follow-ups in the browser', () => {
  it('a PO flagged FOLLOW_UP for the invoicing rep by tomorrow reaches their list and bell live, and they complete it', async () => {
    const token = await apiToken(product.url, 'admin@demo.test');
    const { users } = await api(product.url, token, '{ users { id email } }');
    const ines = users.find((u: { email: string }) => u.email === 'invoicing@demo.test').id as string;

    const production = await signedIn(browser, product.url, 'production@demo.test');
    const invoicing = await signedIn(browser, product.url, 'invoicing@demo.test');

    // The invoicing rep opens "My follow-ups" from the navigation: nothing there yet.
    const i = invoicing.page;
    await i.getByTestId('nav-follow-ups').click();
    await expect.poll(() => i.getByTestId('follow-ups-empty').count(), POLL).toBe(1);
    await expect.poll(() => bellCount(i), POLL).toBeGreaterThanOrEqual(0);
    const before = await bellCount(i);

    // The production rep flags PO-1001 FOLLOW_UP; the dialog asks who follows up, by when.
    const p = production.page;
    await p.goto(`${product.url}/production`);
    const row = p.getByTestId('production-row').filter({ hasText: 'PO-1001' });
    await expect.poll(() => row.count(), POLL).toBe(1);
    await row.getByTestId('po-status').selectOption('FOLLOW_UP');
    const dialog = p.getByTestId('flag-dialog');
    await expect.poll(() => dialog.isVisible(), POLL).toBe(true);
    const who = dialog.getByTestId('follow-up-assignee');
    await expect.poll(() => who.inputValue(), POLL).toBe(ines); // the project's invoicing rep, proposed
    expect(await dialog.getByTestId('follow-up-due').inputValue()).toBe(tomorrow());
    await dialog.getByTestId('follow-up-body').fill('Invoice the 300 mugs that shipped; 200 follow');
    await dialog.getByTestId('flag-submit').click();
    await expect.poll(() => row.getByTestId('po-status').inputValue(), POLL).toBe('FOLLOW_UP');

    // Live, without a reload: the bell counts up and the follow-up shows on the invoicing rep's list.
    await expect.poll(() => bellCount(i), POLL).toBeGreaterThan(before);
    const item = i.getByTestId('follow-up').filter({ hasText: 'Invoice the 300 mugs that shipped' });
    await expect.poll(() => item.count(), POLL).toBe(1);
    const text = (await item.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('from Priya Production');
    expect(text).toContain('PO-1001');
    expect(await item.getAttribute('data-overdue')).toBe('false');

    // Done: it leaves the open list, and the PO keeps its flag (people change flags).
    await item.getByTestId('follow-up-complete').click();
    await expect.poll(() => item.count(), POLL).toBe(0);
    const after = await api(product.url, token, `query($a: ID) { followUps(assigneeId: $a, includeDone: true) { nodes { body done doneBy { id } purchaseOrder { number status } } } }`, { a: ines });
    expect(after.followUps.nodes).toContainEqual({ body: 'Invoice the 300 mugs that shipped; 200 follow', done: true, doneBy: { id: ines }, purchaseOrder: { number: 'PO-1001', status: 'FOLLOW_UP' } });

    // The bell leads to the inbox, where the notification says it in words.
    await i.getByTestId('notification-bell').click();
    await expect.poll(() => i.getByText(/Priya Production asked you to follow up on PRJ-1001 .* by \w{3} \d{1,2}, \d{4}: “Invoice the 300 mugs/).count(), POLL).toBeGreaterThan(0);
    await expect.poll(() => i.getByText('Follow-up for you').count(), POLL).toBeGreaterThan(0);

    expect([...production.errors, ...invoicing.errors]).toEqual([]);
    await production.context.close();
    await invoicing.context.close();
  }, 120_000);
});
