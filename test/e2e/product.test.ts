// The product as `pnpm start` runs it: demo data with printed logins on the first start, graceful
// shutdown on SIGTERM, and data kept across a restart.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gql, startProduct, type Product } from '../support/product.js';

const started: Product[] = [];
afterAll(async () => {
  for (const p of started) await p.stop();
  for (const p of started) await p.destroy();
});

const LOG_IN = `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { session { token user { name roles } organization { name } } userErrors { code } } }`;

describe('pnpm start', () => {
  it('seeds demo users once, prints their logins, shuts down cleanly, and keeps data across a restart', async () => {
    const first = await startProduct();
    started.push(first);
    expect(first.output()).toMatch(/Baton is running at http:\/\/localhost:\d+/);
    expect(first.output()).toMatch(/admin@demo\.test\s+ADMIN/);
    expect(first.output()).toMatch(/invoicing@demo\.test\s+INVOICING_REP/);

    const admin = await gql(first.url, LOG_IN, { e: 'admin@demo.test', p: 'baton-demo' });
    expect(admin.data.logIn.session.user).toEqual({ name: 'Ada Admin', roles: ['ADMIN'] });
    const token = admin.data.logIn.session.token;
    const made = await gql(
      first.url,
      `mutation { createUser(name: "Kept Across Restarts", email: "kept@demo.test", password: "correct horse battery", roles: [ACCOUNTANT]) { user { id } userErrors { code } } }`,
      {},
      token,
    );
    expect(made.data.createUser.userErrors).toEqual([]);

    // SIGTERM: requests drained, the embedded database stopped (its postmaster.pid removed), exit 0.
    expect(await first.stop()).toBe(0);
    if (!process.env.DATABASE_URL) expect(fs.existsSync(path.join(first.dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await startProduct({ dataDir: first.dataDir, databaseName: (first as { databaseName?: string }).databaseName });
    started.push(second);
    const users = await gql(second.url, '{ users { name } }', {}, token);
    expect(users.data.users.map((u: { name: string }) => u.name)).toContain('Kept Across Restarts');
    expect(users.data.users).toHaveLength(7); // six demo users, seeded once, and the one added
  });

  it('starts without demo data when SEED_DEMO=false', async () => {
    const p = await startProduct({ env: { SEED_DEMO: 'false' } });
    started.push(p);
    expect(p.output()).not.toMatch(/demo\.test/);
    const r = await gql(p.url, LOG_IN, { e: 'admin@demo.test', p: 'baton-demo' });
    expect(r.data.logIn.userErrors).toEqual([{ code: 'INVALID_CREDENTIALS' }]);
  });

  it('serves the web app at every page address (a reload or an e-mailed link), and PDFs only with a session', async () => {
    const p = await startProduct({ env: { SEED_DEMO: 'false' } });
    started.push(p);
    const id = '00000000-0000-4000-8000-000000000001';
    for (const address of [`/invoices/${id}`, `/sales-orders/${id}`, '/reports/invoices', '/projects']) {
      const res = await fetch(`${p.url}${address}`);
      expect(res.status, address).toBe(200);
      expect(res.headers.get('content-type'), address).toMatch(/text\/html/);
    }
    const pdf = await fetch(`${p.url}/invoices/${id}.pdf`);
    expect(pdf.status).toBe(404);
  });
});
