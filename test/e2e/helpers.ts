// Shared steps for the browser tests: sign a demo user in through the real sign-in page, and talk to
// the API directly where a test only needs to arrange data (never to check the UI's work).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { gql, startProduct, type Product } from '../support/product.js';

export const DEMO_PASSWORD = 'baton-demo';

/** A fresh browser context (its own cookies) signed in as `email` through the sign-in page. */
export async function signedIn(browser: Browser, baseUrl: string, email: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"]');
  await expect.poll(() => page.locator('[data-testid="viewer-name"]').count(), { timeout: 20_000 }).toBe(1);
  return { context, page, errors };
}

/** A Bearer token for arranging data through the API. */
export async function apiToken(baseUrl: string, email: string): Promise<string> {
  const r = await gql(baseUrl, 'mutation($e:String!,$p:String!){ logIn(email:$e,password:$p){ session { token } userErrors{code} } }', { e: email, p: DEMO_PASSWORD });
  const token = r.data?.logIn?.session?.token as string | undefined;
  if (!token) throw new Error(`logIn failed for ${email}: ${JSON.stringify(r)}`);
  return token;
}

export async function api<T = any>(baseUrl: string, token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await gql(baseUrl, query, variables, token);
  if (r.errors) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
  return r.data as T;
}

/** The demo project (PRJ-1001) and its orders, as the API reports them. */
export async function demoProject(baseUrl: string, token: string) {
  const data = await api(baseUrl, token, `{ projects(first: 50) { nodes { id number name
      salesOrders { id number status lines { id product { sku } quantity } }
      purchaseOrders { id number stage status } } } }`);
  const project = data.projects.nodes.find((p: any) => p.number === 'PRJ-1001');
  if (!project) throw new Error('no demo project PRJ-1001');
  return project as {
    id: string;
    number: string;
    name: string;
    salesOrders: { id: string; number: string; status: string; lines: { id: string; product: { sku: string }; quantity: number }[] }[];
    purchaseOrders: { id: string; number: string; stage: string; status: string }[];
  };
}

/**
 * The built product and a Chromium for one test file: started before its tests, stopped (and the
 * product's database removed) after them. `ready` receives both once they are up.
 */
export function withProductAndBrowser(ready: (product: Product, browser: Browser) => void): void {
  let product: Product | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    ready(product, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
    await product?.destroy();
  });
}
