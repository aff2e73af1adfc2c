// Every main page, as each role that works there, at a laptop's width (1280×800) and a phone's
// (390×844), in a real Chromium against the built product: the page never scrolls sideways, at 1280
// every table fits its card (no column pushed out of view), no figure is cut or broken over two lines
// and no record number ("SO-1001") wraps, no internal word reaches the screen (an enum name, "cents", a
// backtick), the focus ring shows, and axe finds no serious or critical violation.
// Screenshots of every visit land in test/e2e/artifacts/ (gitignored); with SCREENSHOTS_DIR set (see
// the README, "The web app, role by role"), the README's few screenshots are written there too.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../support/product.js';
import { api, apiToken, demoProject, signedIn, withProductAndBrowser } from './helpers.js';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
/** Where the README's screenshots go when regenerated (`SCREENSHOTS_DIR=docs/screenshots`), else none. */
const README_SHOTS = process.env.SCREENSHOTS_DIR ? path.resolve(process.env.SCREENSHOTS_DIR) : undefined;

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

let product: Product;
let browser: Browser;
withProductAndBrowser((p, b) => ([product, browser] = [p, b]));

type Visit = { name: string; url: string; readme?: readonly number[] };

/** What a person would call a layout fault on the page as it is now; empty when it reads well. */
async function layoutFaults(page: Page, wide: boolean): Promise<string[]> {
  return page.evaluate((wide) => {
    const faults: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > root.clientWidth) faults.push(`the page scrolls sideways (${root.scrollWidth} px in ${root.clientWidth})`);

    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    /** How many lines a text node's glyphs run over. */
    const lines = (node: Node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.bottom))).size;
    };

    // A figure: money, a count, a percent ("$4,167.60", "-$8.66", "480", "8.25 %").
    const FIGURE = /^[-−]?\$?[\d,]+(\.\d+)?( ?%)?$/;
    const RECORD = /^(PRJ|SO|PO|INV|DEP|CM)-\d+$/;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const el = node.parentElement;
      if (!el || !text || !visible(el) || el.closest('.visually-hidden, svg, [aria-hidden="true"]')) continue;
      const figure = FIGURE.test(text);
      if (!figure && !RECORD.test(text)) continue;
      if (lines(node) > 1) faults.push(`${describe(el)} breaks over two lines`);
      // Cut by its own box (a cell too narrow for it, with its overflow hidden).
      if (figure && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') faults.push(`${describe(el)} is cut off`);
    }
    // Number cells whose content is larger than the cell.
    for (const cell of Array.from(document.querySelectorAll('td.num, th.num'))) {
      if (visible(cell) && cell.scrollWidth > cell.clientWidth + 1) faults.push(`${describe(cell)} is cut off (${cell.scrollWidth} px in ${cell.clientWidth})`);
    }
    // At a laptop's width every table fits the box it scrolls in: no column (the actions, a balance)
    // waits out of view. On a phone the table may scroll inside its box, never the page.
    if (wide) {
      for (const table of Array.from(document.querySelectorAll('table'))) {
        if (!visible(table)) continue;
        for (let box = table.parentElement; box && box !== document.body; box = box.parentElement) {
          const overflow = getComputedStyle(box).overflowX;
          if (overflow === 'visible') continue;
          if (box.scrollWidth > box.clientWidth + 1) faults.push(`a table (${describe(table.querySelector('th, td') ?? table)}…) does not fit its box: ${box.scrollWidth} px in ${box.clientWidth}`);
          break;
        }
      }
    }

    const text = document.body.innerText;
    for (const m of text.match(/\b[A-Z]{2,}(_[A-Z]+)+\b/g) ?? []) faults.push(`an internal name on screen: ${m}`);
    if (/cents/i.test(text)) faults.push('the word "cents" on screen');
    if (text.includes('`')) faults.push('a backtick on screen');
    return faults;
  }, wide);
}

type AxeResult = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };

async function axeFaults(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource); // through DevTools: the CSP stays on
  const result = await page.evaluate(async () => (window as unknown as { axe: { run: (d: Document, o: object) => Promise<AxeResult> } }).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `axe: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** The page once its data has arrived: its title shown, no loading state left, the network quiet. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('#main h1').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.locator('.loading-state, [aria-busy="true"]').count(), { timeout: 20_000 }).toBe(0);
}

/** Visits every page once as `email`, looks at it at both widths, and returns the faults found. */
async function sweep(email: string, visits: Visit[]): Promise<string[]> {
  const role = email.split('@')[0]!;
  const { context, page, errors } = await signedIn(browser, product.url, email);
  const faults: string[] = [];
  for (const visit of visits) {
    await page.setViewportSize(WIDTHS[0]);
    await page.goto(`${product.url}${visit.url}`);
    await settle(page);
    for (const { width, height } of WIDTHS) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))); // laid out anew
      const where = `${role} on ${visit.name} at ${width} px`;
      faults.push(...(await layoutFaults(page, width >= 1024)).map((f) => `${where}: ${f}`));
      faults.push(...(await axeFaults(page)).map((f) => `${where}: ${f}`));
      await page.screenshot({ path: path.join(ARTIFACTS, `${role}-${visit.name}-${width}.png`), fullPage: true });
      if (README_SHOTS && visit.readme?.includes(width)) {
        // The README's copies: the first screenful, small enough to keep in the repository.
        await page.screenshot({ path: path.join(README_SHOTS, `${visit.name}-${width}.png`) });
      }
    }
  }
  // A visible focus ring, at both widths: the first two things a keyboard reaches (the skip link, then
  // the first control) are outlined.
  for (const { width, height } of WIDTHS) {
    await page.setViewportSize({ width, height });
    await page.goto(`${product.url}/`);
    await settle(page);
    for (const step of [1, 2]) {
      await page.keyboard.press('Tab');
      const ring = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return 'nothing focused';
        const s = getComputedStyle(el);
        return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? 'visible' : `no outline on ${el.tagName} (${s.outlineStyle} ${s.outlineWidth})`;
      });
      if (ring !== 'visible') faults.push(`${role} at ${width} px, Tab ${step}: focus ring: ${ring}`);
    }
  }
  faults.push(...errors.map((e) => `${role}: page error ${e}`));
  await context.close();
  return faults;
}

describe('layout of the main pages at 1280 and 390 px', () => {
  let urls: Record<string, string>;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    if (README_SHOTS) fs.mkdirSync(README_SHOTS, { recursive: true });
    // The demo data, plus an invoice of 480 of the 500 shipped mugs (sent, part paid), so the invoice
    // page, the reports and the aging have rows, and 20 mugs still wait in the queue.
    const invoicing = await apiToken(product.url, 'invoicing@demo.test');
    const project = await demoProject(product.url, invoicing);
    const so1 = project.salesOrders.find((o) => o.number === 'SO-1001')!;
    const mugs = so1.lines.find((l) => l.product.sku === 'MUG-11OZ')!;
    const made = await api(product.url, invoicing, `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id } userErrors { code message } } }`, {
      input: { salesOrderId: so1.id, lines: [{ salesOrderLineId: mugs.id, quantity: 480 }] },
    });
    const invoiceId = made.createInvoice.invoice?.id as string | undefined;
    if (!invoiceId) throw new Error(`no invoice: ${JSON.stringify(made)}`);
    await api(product.url, invoicing, `mutation($id: ID!) { sendInvoice(id: $id) { invoice { id } userErrors { code message } } }`, { id: invoiceId });
    await api(product.url, invoicing, `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { invoice { id } userErrors { code message } } }`, {
      input: { invoiceId, amountCents: 100_000 },
    });
    urls = {
      project: `/projects/${project.id}`,
      salesOrder: `/sales-orders/${so1.id}`,
      newInvoice: `/sales-orders/${so1.id}/invoice`,
      purchaseOrder: `/purchase-orders/${project.purchaseOrders[0]!.id}`,
      invoice: `/invoices/${invoiceId}`,
    };
  });

  // Each role on the pages it works in (README, "The web app, role by role"); the inbox and the
  // follow-ups are everyone's.
  const everyone: Visit[] = [
    { name: 'inbox', url: '/' },
    { name: 'follow-ups', url: '/follow-ups' },
  ];
  const plan: [string, () => Visit[]][] = [
    ['order@demo.test', () => [...everyone,
      { name: 'projects', url: '/projects' },
      { name: 'project', url: urls.project!, readme: [1280, 390] },
      { name: 'sales-orders', url: '/sales-orders' },
      { name: 'sales-order', url: urls.salesOrder! },
      { name: 'clients', url: '/catalog/clients' },
    ]],
    ['production@demo.test', () => [...everyone,
      { name: 'projects', url: '/projects' },
      { name: 'project', url: urls.project! },
      { name: 'production', url: '/production' },
      { name: 'purchase-order', url: urls.purchaseOrder! },
    ]],
    ['invoicing@demo.test', () => [...everyone,
      { name: 'invoicing-queue', url: '/invoicing', readme: [1280, 390] },
      { name: 'sales-order', url: urls.salesOrder!, readme: [1280] },
      { name: 'new-invoice', url: urls.newInvoice! },
      { name: 'invoice', url: urls.invoice!, readme: [1280] },
    ]],
    ['accountant@demo.test', () => [...everyone,
      { name: 'sales-orders', url: '/sales-orders' },
      { name: 'invoice', url: urls.invoice! },
      { name: 'business-alerts', url: '/reports' },
      { name: 'invoices-report', url: '/reports/invoices', readme: [1280] },
      { name: 'aging', url: '/reports/aging' },
    ]],
    ['purchasing@demo.test', () => [...everyone,
      { name: 'sales-order', url: urls.salesOrder! },
      { name: 'purchase-order', url: urls.purchaseOrder! },
      { name: 'backorders', url: '/reports/backorders' },
      { name: 'backlog', url: '/reports/backlog' },
      { name: 'reorder', url: '/reports/reorder' },
      { name: 'suppliers', url: '/catalog/suppliers' },
      { name: 'products', url: '/catalog/products' },
    ]],
    ['admin@demo.test', () => [...everyone,
      { name: 'users', url: '/admin/users' },
      { name: 'settings', url: '/settings' },
    ]],
  ];

  // The roles' sweeps run three at a time (a browser context each): most of a visit is waiting.
  it('reads well for every role on its pages at both widths', async () => {
    const faults: string[] = [];
    const queue = [...plan];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) faults.push(...(await sweep(next[0], next[1]())));
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(faults).toEqual([]);
  }, 420_000);
});
