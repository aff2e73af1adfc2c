// The invoices CSV streams: 100,000 rows go out with the server's memory staying flat, and the
// totals row equals the sums in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { product, project, salesOrder, team, type Team } from '../../support/workflow.js';
import { one } from '../../support/lists.js';

const ROWS = 100_000;
let app: TestApp;
let t: Team;

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const mug = await product(t, false, 1000);
  const prj = await project(t);
  const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }]);
  // Invoices written straight in SQL: this test is about streaming, not about invoicing rules.
  await app.sql(
    `insert into invoice (id, organization_id, number, sales_order_id, project_id, client_id, status, invoice_date, due_date,
                          subtotal_cents, tax_cents, total_cents, paid_cents, sent_to, version, created_at)
     select gen_random_uuid(), so.organization_id, 'INV-' || (100000 + g), so.id, so.project_id, so.client_id,
            (array['OPEN','SENT_TO_CLIENT','EXPORTED','PAID'])[1 + g % 4],
            date '2025-01-01' + (g % 365), date '2025-01-31' + (g % 365),
            1000 + g, (1000 + g) / 10, (1000 + g) + (1000 + g) / 10, case when g % 4 = 3 then (1000 + g) + (1000 + g) / 10 else 0 end,
            '{}', 1, now()
     from sales_order so, generate_series(1, ${ROWS}) g where so.id = $1`,
    [so.id],
  );
}, 120_000);
afterAll(() => app?.stop());

describe('CSV export', () => {
  it(`streams ${ROWS.toLocaleString('en-US')} rows with bounded memory and exact totals`, async () => {
    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = Date.now();
    const res = await fetch(`${app.url}/reports/invoices.csv`, { headers: { authorization: `Bearer ${t.accountant.token}` } });
    expect(res.status).toBe(200);
    let lines = 0;
    let tail = '';
    let last = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      const parts = (tail + decoder.decode(chunk, { stream: true })).split('\n');
      tail = parts.pop()!;
      lines += parts.length;
      last = parts.at(-1) ?? last;
    }
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    console.info(`[csv] ${ROWS} rows in ${seconds.toFixed(2)} s (${Math.round(ROWS / seconds)} rows/s), RSS +${Math.round((peak - baseline) / 1e6)} MB`);
    expect(tail).toBe('');
    expect(lines).toBe(1 + ROWS + 1); // header, every row, the totals row
    const sums = one(await app.sql<{ sub: string; total: string; paid: string }>(`select sum(subtotal_cents) as sub, sum(total_cents) as total, sum(paid_cents) as paid from invoice where status <> 'VOID' and organization_id = (select organization_id from app_user where id = $1)`, [t.admin.userId]));
    const dec = (c: bigint) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
    expect(last.trim()).toMatch(new RegExp(`^TOTAL \\(${ROWS} documents\\),,,,,,,,${dec(BigInt(sums.sub)).replace('.', '\\.')},`));
    expect(last).toContain(`,${dec(BigInt(sums.total))},${dec(BigInt(sums.paid))},0.00,0.00,0.00,${dec(BigInt(sums.total) - BigInt(sums.paid))},`);
    // Buffering 100k rows (entities or one string) costs hundreds of MB; streaming stays flat.
    expect(peak - baseline).toBeLessThan(120e6);
  }, 120_000);
});
