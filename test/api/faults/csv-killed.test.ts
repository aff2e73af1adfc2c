// The built server killed with SIGKILL in the middle of a CSV export, KILLS times (RELIABILITY.md,
// Faults): the download the accountant was receiving fails visibly (the connection breaks before the
// end of the chunked body, and no totals row arrived), and the database is left with no session of
// the dead instance, idle in a transaction or still copying. Each time a new instance takes over.
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnCluster, type OwnCluster } from '../../support/cluster.js';
import { gql, startProduct, type Product } from '../../support/product.js';

const KILLS = Number(process.env.CSV_KILLS ?? 20);
const ROWS = 100_000;

let cluster: OwnCluster;
let first: Product & { databaseName?: string };
let db: pg.Client;
const started: Product[] = [];

async function start(databaseName?: string) {
  const savedUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = cluster.url; // startProduct makes (or reuses) its database on this server
  try {
    const p = await startProduct(databaseName ? { databaseName, env: { SEED_DEMO: 'false' } } : {});
    started.push(p);
    return p;
  } finally {
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
  }
}

beforeAll(async () => {
  cluster = await startOwnCluster();
  first = await start();
  db = new pg.Client({ connectionString: cluster.urlFor(first.databaseName!) });
  await db.connect();
  // Enough invoices that the export outlasts the kill (written straight in SQL: this is about streaming).
  await db.query(
    `insert into invoice (id, organization_id, number, sales_order_id, project_id, client_id, status, invoice_date, due_date,
                          subtotal_cents, tax_cents, total_cents, paid_cents, sent_to, version, created_at)
     select gen_random_uuid(), so.organization_id, 'INV-' || (500000 + g), so.id, so.project_id, so.client_id, 'OPEN',
            date '2025-01-01' + (g % 365), date '2025-01-31' + (g % 365), 1000 + g, 0, 1000 + g, 0, '{}', 1, now()
     from (select * from sales_order order by number limit 1) so, generate_series(1, ${ROWS}) g`,
  );
}, 180_000);
afterAll(async () => {
  await db?.end();
  for (const p of started) await p.kill('SIGKILL');
  await cluster?.stop();
  for (const p of started) fs.rmSync(p.dataDir, { recursive: true, force: true });
});

/** What the client saw of a download cut short: bytes received, and how the body ended. */
async function readUntilKilled(res: Response, kill: () => Promise<unknown>) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let killed = false;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      return { text, ended: 'broken' as const, error };
    }
    if (chunk.done) return { text, ended: 'complete' as const };
    text += decoder.decode(chunk.value, { stream: true });
    // Some rows are through, the server is mid-COPY: kill it now.
    if (!killed && text.length > 64 * 1024) {
      killed = true;
      await kill();
    }
  }
}

describe('an API instance killed mid-CSV', () => {
  it(`${KILLS} times: each download visibly fails and no session of the dead instance is left behind`, async () => {
    const login = await gql(first.url, `mutation { logIn(email: "accountant@demo.test", password: "baton-demo") { session { token } } }`);
    const token = login.data.logIn.session.token as string;
    let product: Product = first;
    const received: number[] = [];
    for (let i = 0; i < KILLS; i++) {
      if (i > 0) product = await start(first.databaseName);
      const res = await fetch(`${product.url}/reports/invoices.csv`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const seen = await readUntilKilled(res, () => product.kill('SIGKILL'));
      expect(seen.ended, `download ${i + 1} ended ${seen.ended} after ${seen.text.length} bytes`).toBe('broken');
      expect(seen.text.startsWith('Invoice,')).toBe(true);
      expect(seen.text).not.toContain('TOTAL (');
      received.push(seen.text.split('\n').length - 2);

      // PostgreSQL notices the dead client: none of its sessions stays, copying or in a transaction.
      await expect
        .poll(async () => (await db.query(`select pid, state, query from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [first.databaseName])).rows, { timeout: 15_000 })
        .toEqual([]);
    }
    console.info(`CSV killed ${KILLS} times: rows received before each kill ${Math.min(...received)}–${Math.max(...received)} of ${ROWS}; every download broken, no session left`);

    // And a whole export still works afterwards.
    product = await start(first.databaseName);
    const whole = await (await fetch(`${product.url}/reports/invoices.csv`, { headers: { authorization: `Bearer ${token}` } })).text();
    expect(whole.trimEnd().split('\n').at(-1)).toMatch(/^TOTAL \(\d+ documents\)/);
  }, 600_000);
});
