// A database that stalls and a pool that runs dry (RELIABILITY.md, Faults): another session holds a
// lock on a table the requests need. Reads and mutations waiting on it are cancelled by the statement
// timeout and answered TIMEOUT, nothing is written, and the same calls succeed once the lock is gone.
// With every pooled connection stuck, further requests wait a bounded time and are answered BUSY
// (CSV and PDF downloads with a JSON 503), while /healthz keeps answering and shows the pool full.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type GqlResult, type TestApp } from '../../support/api-app.js';
import { checkInvariants, describeViolations } from '../../support/invariants.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

const CREATE = `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { invoice { id totalCents } userErrors { code } } }`;
const ORDER = `query($id: ID!) { salesOrder(id: $id) { number remainingCents } }`;
// Rows as well as the count: totals alone come from the rollup, which the lock on invoice does not stop.
const REPORT = `{ invoicesReport(first: 5) { totalCount nodes { id } } }`;

const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code ?? 'OK';

/** Another session holding `lock table <table> in access exclusive mode` until released. */
async function holdLock(databaseUrl: string, table: string) {
  const holder = new pg.Client({ connectionString: databaseUrl, application_name: 'test-lock-holder' });
  await holder.connect();
  await holder.query('begin');
  await holder.query(`lock table ${table} in access exclusive mode`);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await holder.query('rollback');
    await holder.end();
  };
}

/** A drop-ship order of 10 pens, 10 received: ready to invoice. */
async function readyOrder(t: Team) {
  const pen = await product(t, false, 250);
  const prj = await project(t);
  const so = await salesOrder(t, prj.id, [{ productId: pen.id, quantity: 10 }], 825);
  const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
  await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 10 }] } }, 'receivePurchaseOrder');
  return so;
}

let release: (() => Promise<void>) | undefined;
afterEach(async () => {
  await release?.();
  release = undefined;
});

describe('a database stall (a lock held by another session)', () => {
  let app: TestApp;
  let t: Team;
  beforeAll(async () => {
    app = await startTestApp({ DB_STATEMENT_TIMEOUT_MS: '1000' });
    t = await team(app);
  }, 120_000);
  afterAll(() => app?.stop());

  it('answers reads and mutations TIMEOUT after the statement timeout, writes nothing, and serves again once it ends', async () => {
    const so = await readyOrder(t);
    const invoicesBefore = await app.sql('select id from invoice');
    release = await holdLock(app.databaseUrl, 'sales_order');

    const [read, write] = await Promise.all([
      app.gql(ORDER, { id: so.id }, { token: t.invoicing.token }),
      app.gql(CREATE, { input: { salesOrderId: so.id } }, { token: t.invoicing.token }),
    ]);
    for (const r of [read, write]) {
      expect(code(r), JSON.stringify(r.errors)).toBe('TIMEOUT');
      expect(r.errors?.[0]?.message).toMatch(/took too long/);
      expect(JSON.stringify(r.errors)).not.toMatch(/statement timeout|sales_order|select|at .*\.js/i);
    }
    // The instance itself is fine meanwhile.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);

    await release();
    expect(await app.sql('select id from invoice')).toEqual(invoicesBefore);
    const violations = await checkInvariants(app);
    expect(violations, describeViolations(violations)).toEqual([]);

    // The pool recovered: the same two calls succeed now.
    expect(code(await app.gql(ORDER, { id: so.id }, { token: t.invoicing.token }))).toBe('OK');
    const created = await app.gql(CREATE, { input: { salesOrderId: so.id } }, { token: t.invoicing.token });
    expect(created.data.createInvoice.userErrors).toEqual([]);
    expect(created.data.createInvoice.invoice.totalCents).toBe(2_706); // 10 × $2.50 + 8.25 % tax
  }, 60_000);
});

describe('an exhausted pool', () => {
  const REQUESTS = 200;
  let app: TestApp;
  let t: Team;
  beforeAll(async () => {
    // Every request may take a connection: this is about the pool itself (one organization's fair share is
    // tested in hot-row.test.ts).
    app = await startTestApp({ DB_POOL_MAX: '2', DB_POOL_ACQUIRE_TIMEOUT_MS: '500', DB_STATEMENT_TIMEOUT_MS: '60000', REQUESTS_PER_ORGANIZATION: '1000' });
    t = await team(app);
  }, 120_000);
  afterAll(() => app?.stop());

  it(`answers ${REQUESTS} concurrent reports BUSY after a bounded wait while /healthz keeps answering; the stuck ones finish`, async () => {
    await readyOrder(t).then((so) => ok(t, t.invoicing.token, CREATE, { input: { salesOrderId: so.id } }, 'createInvoice'));
    release = await holdLock(app.databaseUrl, 'invoice');

    const reports = Array.from({ length: REQUESTS }, () => app.gql(REPORT, {}, { token: t.accountant.token }));
    // Both pooled connections are stuck on the lock and requests queue for them; /healthz still answers.
    await expect
      .poll(async () => {
        const res = await fetch(`${app.url}/healthz`);
        return { status: res.status, body: await res.json() };
      }, { timeout: 10_000, interval: 50 })
      .toMatchObject({ status: 200, body: { status: 'ok', pool: { used: 2, free: 0, waiting: expect.toSatisfy((n: number) => n > 0) } } });

    // A download takes nothing from the request pool: its connections are its own (DOWNLOAD_CONNECTIONS)
    // and the accountant's session is cached (SESSION_CACHE_MS), so it starts; it waits on the lock too.
    const aborted = new AbortController();
    const csv = await fetch(`${app.url}/reports/invoices.csv`, { headers: { authorization: `Bearer ${t.accountant.token}` }, signal: aborted.signal });
    expect(csv.status).toBe(200);
    aborted.abort();

    // The queued requests give up after DB_POOL_ACQUIRE_TIMEOUT_MS; then the lock goes and those
    // stuck on it (one or two: a report may run its rows and totals on both connections) finish.
    const settled: GqlResult[] = [];
    for (const r of reports) void r.then((x) => settled.push(x));
    await expect.poll(() => settled.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(REQUESTS - 2);
    await release();
    const results = await Promise.all(reports);
    const codes: Record<string, number> = {};
    for (const r of results) codes[code(r)] = (codes[code(r)] ?? 0) + 1;
    console.info(`exhausted pool: ${REQUESTS} concurrent reports on 2 connections → ${JSON.stringify(codes)}`);
    expect(Object.keys(codes).sort()).toEqual(['BUSY', 'OK']);
    expect(codes.OK).toBeGreaterThanOrEqual(1);
    expect(codes.OK).toBeLessThanOrEqual(2);
    for (const r of results.filter((x) => code(x) === 'BUSY')) {
      expect(r.errors?.[0]?.message).toBe('The server is busy; try again in a moment.');
      expect(JSON.stringify(r.errors)).not.toMatch(/knex|pool|timeout acquiring/i);
    }
    for (const r of results.filter((x) => code(x) === 'OK')) expect(r.data.invoicesReport.totalCount).toBe(1);

    // Drained: the pool is idle again and serves.
    expect(await (await fetch(`${app.url}/healthz`)).json()).toMatchObject({ status: 'ok', pool: { used: 0, waiting: 0 } });
    expect(code(await app.gql(REPORT, {}, { token: t.accountant.token }))).toBe('OK');
  }, 90_000);
});
