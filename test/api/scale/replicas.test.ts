// Reports read from a real streaming replica (PostgreSQL 15, pg_basebackup, ports of its own): the
// replica's statement statistics show the reads, the figures equal the primary's; a rep who wrote
// reads the primary (read your writes); a replica whose replay is paused is skipped once it lags
// beyond REPLICA_MAX_LAG_MS; a stopped replica is skipped at once; /healthz says which.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../apps/api/src/config.js';
import { createLogger } from '../../../apps/api/src/logger.js';
import { startBaton, type Running } from '../../../apps/api/src/main.js';
import type { TestApp } from '../../support/api-app.js';
import { startReplicated, type Replicated } from '../../support/pg-replicated.js';
import { ok, OPS } from '../../support/workflow.js';
import { world, type World } from '../../support/world.js';

const READ_YOUR_WRITES_MS = 1500;

let pgs: Replicated;
const instances: { running: Running; dataDir: string }[] = [];

async function instance(env: Record<string, string>): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-replicas-'));
  const config = {
    ...loadConfig({ ...process.env, SIGNUP_RATE_LIMIT: '1000000', REPLICA_CHECK_MS: '100', READ_YOUR_WRITES_MS: String(READ_YOUR_WRITES_MS), ...env }),
    databaseUrl: pgs.primary.url('baton'),
    databaseReadUrls: [pgs.replica.url('baton')],
    port: 0,
    host: '127.0.0.1',
    seedDemo: false,
    dbPoolMax: 5,
    dataDir,
  };
  const running = await startBaton(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  instances.push({ running, dataDir });
  const url = `http://127.0.0.1:${running.port}`;
  return {
    url,
    gql: async (query: string, variables?: Record<string, unknown>, opts: { token?: string } = {}) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data: any; errors?: unknown[] };
      return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
    },
  } as unknown as TestApp;
}

/** Statements run on the replica's baton database that read invoices (the probe's are not). */
async function replicaInvoiceReads(): Promise<number> {
  const [row] = await pgs.replica.query<{ calls: number }>(
    `select coalesce(sum(calls), 0)::int as calls from pg_stat_statements s join pg_database d on d.oid = s.dbid
     where d.datname = 'baton' and s.query ilike '%invoice%' and s.query not ilike '%pg_stat_statements%'`,
    [],
    'baton',
  );
  return row!.calls;
}

async function health(app: TestApp): Promise<{ status: number; body: { status: string; replicas?: { state: string; lagMs: number | null; standby: boolean | null }[] } }> {
  const res = await fetch(`${app.url}/healthz`);
  return { status: res.status, body: (await res.json()) as never };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const REPORT = `{ invoicesReport(first: 100) { totalCount totals { count subtotalCents taxCents totalCents paidCents balanceCents } nodes { id number totalCents } } }`;

let app: TestApp;
let w: World;
beforeAll(async () => {
  pgs = await startReplicated();
  // Lag is tolerated here (read your writes is what is shown); the lagging case has its own instance.
  app = await instance({ REPLICA_MAX_LAG_MS: '600000' });
  w = await world(app, 'Replica Co');
  await pgs.caughtUp();
}, 120_000);
afterAll(async () => {
  for (const i of instances) {
    await i.running.stop();
    fs.rmSync(i.dataDir, { recursive: true, force: true });
  }
  await pgs?.destroy();
});

describe('read replicas', () => {
  it('/healthz lists the replica as an up standby', async () => {
    const { status, body } = await health(app);
    expect(status).toBe(200);
    expect(body.replicas).toEqual([expect.objectContaining({ state: 'ok', standby: true })]);
  });

  it('reports and their CSV are read from the replica and equal the primary figures', async () => {
    // The accountant never wrote: their reports may go to the replica.
    const before = await replicaInvoiceReads();
    const fromReplica = await app.gql(REPORT, {}, { token: w.accountant.token });
    expect(fromReplica.errors).toBeUndefined();
    const afterReport = await replicaInvoiceReads();
    expect(afterReport).toBeGreaterThan(before);
    const csv = await fetch(`${app.url}/reports/invoices.csv`, { headers: { authorization: `Bearer ${w.accountant.token}` } });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain(fromReplica.data.invoicesReport.nodes[0].number);
    expect(await replicaInvoiceReads()).toBeGreaterThan(afterReport);
    // The same figures straight from the primary.
    const [primary] = await pgs.primary.query<{ count: number; total: number }>(
      `select count(*)::int as count, coalesce(sum(total_cents), 0)::int as total from invoice where kind <> 'DEPOSIT'`,
      [],
      'baton',
    );
    expect(fromReplica.data.invoicesReport.totals.count).toBe(primary!.count);
    expect(fromReplica.data.invoicesReport.totals.totalCents).toBe(primary!.total);
  });

  it('a rep who invoices then opens the report reads the primary and sees the new invoice, while the replica has not replayed it', async () => {
    await pgs.replica.query('select pg_wal_replay_pause()');
    try {
      await ok(w, w.purchasing.token, OPS.adjustStock, { id: w.ids.product, q: 1, reason: 'found one' }, 'adjustStock');
      const so = (await ok(w, w.order.token, OPS.createSalesOrder, { input: { projectId: w.ids.project, lines: [{ productId: w.ids.product, quantity: 1 }] } }, 'createSalesOrder')).salesOrder;
      await ok(w, w.purchasing.token, OPS.scheduleSalesOrder, { id: so.id }, 'scheduleSalesOrder');
      const invoice = (await ok(w, w.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
      const replicaBefore = await replicaInvoiceReads();
      const mine = await app.gql(REPORT, {}, { token: w.invoicing.token });
      expect(mine.errors).toBeUndefined();
      expect(mine.data.invoicesReport.nodes.map((n: { id: string }) => n.id)).toContain(invoice.id);
      expect(await replicaInvoiceReads()).toBe(replicaBefore);
      // Someone who wrote nothing reads the (paused) replica: the invoice is not there yet. That is
      // what the rep would have seen without read-your-writes.
      const theirs = await app.gql(REPORT, {}, { token: w.accountant.token });
      expect(theirs.data.invoicesReport.nodes.map((n: { id: string }) => n.id)).not.toContain(invoice.id);
      expect(await replicaInvoiceReads()).toBeGreaterThan(replicaBefore);
      // Once READ_YOUR_WRITES_MS has passed, the rep's reports go back to the replica.
      await new Promise((r) => setTimeout(r, READ_YOUR_WRITES_MS + 1_100));
      const later = await replicaInvoiceReads();
      await app.gql(REPORT, {}, { token: w.invoicing.token });
      expect(await replicaInvoiceReads()).toBeGreaterThan(later);
    } finally {
      await pgs.replica.query('select pg_wal_replay_resume()');
    }
    await pgs.caughtUp();
  });

  it('a replica lagging beyond REPLICA_MAX_LAG_MS is skipped, and /healthz says so', async () => {
    const strict = await instance({ REPLICA_MAX_LAG_MS: '300' });
    await pgs.replica.query('select pg_wal_replay_pause()');
    try {
      await ok(w, w.admin.token, OPS.createClient, { name: 'Written while the replica waits', email: null, terms: 30 }, 'createClient');
      const lagging = await until('the replica to be reported lagging', async () => {
        const h = await health(strict);
        return h.body.replicas?.[0]?.state === 'lagging' && h;
      });
      expect(lagging.status).toBe(200);
      expect(lagging.body.replicas![0]!.lagMs).toBeGreaterThan(300);
      const before = await replicaInvoiceReads();
      const report = await strict.gql(REPORT, {}, { token: w.accountant.token });
      expect(report.errors).toBeUndefined();
      expect(await replicaInvoiceReads()).toBe(before);
    } finally {
      await pgs.replica.query('select pg_wal_replay_resume()');
    }
    await until('the replica to be ok again', async () => (await health(strict)).body.replicas?.[0]?.state === 'ok');
  });

  it('with the replica stopped, reports still answer (from the primary) and /healthz says it is down', async () => {
    const expected = (await app.gql(REPORT, {}, { token: w.accountant.token })).data.invoicesReport.totals;
    await pgs.replica.stop();
    // At once, before any check noticed: the read fails over to the primary.
    const report = await app.gql(REPORT, {}, { token: w.accountant.token });
    expect(report.errors).toBeUndefined();
    expect(report.data.invoicesReport.totals).toEqual(expected);
    const csv = await fetch(`${app.url}/reports/invoices.csv`, { headers: { authorization: `Bearer ${w.accountant.token}` } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(report.data.invoicesReport.nodes[0].number);
    const down = await until('the replica to be reported down', async () => {
      const h = await health(app);
      return h.body.replicas?.[0]?.state === 'down' && h;
    });
    expect(down.status).toBe(200);
    expect(down.body.status).toBe('ok');
    expect(down.body.replicas![0]!.lagMs).toBeNull();
    // Back: reads return to it.
    await pgs.replica.start();
    await until('the replica to be ok again', async () => (await health(app)).body.replicas?.[0]?.state === 'ok');
  });
});
