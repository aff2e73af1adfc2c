// The scale-out suite (`pnpm scale-out`, not part of `pnpm test`): on this machine, with real
// processes, a PostgreSQL 15 primary and a streaming replica made with pg_basebackup, three API
// instances (the built product) behind nginx, and the load through nginx only. Run twice: the
// instances straight on the primary, then through PgBouncer in transaction mode.
//
// Under SCALE_OUT_USERS concurrent users for SCALE_OUT_DURATION_S, both workflows and the mention
// fan-out run while one instance is SIGTERMed and restarted and another SIGKILLed. Then: every
// acknowledged mutation is present once, no invariant is broken, every mention was delivered (live,
// or by the refetch a client does when its WebSocket reconnects), reports answer from the replica and
// equal the primary's, a rep who invoiced sees the invoice in the report at once; with the replica
// stopped reports still answer and /healthz says so. Figures (req/s, p99 at 1, 2 and 3 instances;
// replica lag) are printed at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/api-app.js';
import { checkInvariants, describeViolations } from '../support/invariants.js';
import { startReplicated, type Replicated } from '../support/pg-replicated.js';
import { ok, OPS, product, project, team, type Team } from '../support/workflow.js';
import { freePort } from '../support/pg-replicated.js';
import { instance, startNginx, startPgBouncer, type Instance, type Nginx, type PgBouncer } from './stack.js';

const DURATION_MS = Number(process.env.SCALE_OUT_DURATION_S ?? 120) * 1000;
const USERS = Number(process.env.SCALE_OUT_USERS ?? 20);
const BENCH_MS = Number(process.env.SCALE_OUT_BENCH_S ?? 15) * 1000;
const INSTANCES = 3;

let pgs: Replicated;
let root: string;
const figures: string[] = [];
let lagSamples: number[] = [];
let lagTimer: NodeJS.Timeout | undefined;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-scale-out-'));
  fs.chmodSync(root, 0o755);
  pgs = await startReplicated({ database: 'baton', maxConnections: 300 });
  // What deploy/pgbouncer.ini asks of the role, since PgBouncer cannot pass these at connect.
  await pgs.primary.query(`alter role postgres set statement_timeout = '30s'`);
  await pgs.primary.query(`alter role postgres set idle_in_transaction_session_timeout = '60s'`);
  // Replica lag as the replica sees it (time since its last replayed commit, only while behind).
  lagTimer = setInterval(() => {
    void pgs.replica
      .query<{ lag: number | null }>(
        `select case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0 else extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000 end::float8 as lag`,
      )
      .then(([r]) => r?.lag != null && lagSamples.push(Number(r.lag)))
      .catch(() => undefined);
  }, 250);
}, 180_000);

afterAll(async () => {
  clearInterval(lagTimer);
  if (figures.length) process.stdout.write(`\n== scale-out figures\n${figures.join('\n')}\n\n`);
  await pgs?.destroy();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

interface Call {
  ok: boolean;
  at: number;
  ms: number;
  status: number;
  code?: string;
  what: string;
}

function client(base: string) {
  const calls: Call[] = [];
  async function gql<T = any>(what: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[]; status: number }> {
    const start = Date.now();
    try {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        body = { errors: [{ message: text.slice(0, 200), extensions: { code: `HTTP_${res.status}` } }] };
      }
      const userErrors = body.data ? Object.values(body.data as Record<string, { userErrors?: { code: string }[] }>).flatMap((v) => v?.userErrors ?? []) : [];
      const code = body.errors?.[0]?.extensions?.code ?? userErrors[0]?.code;
      calls.push({ ok: res.status === 200 && !code, at: start, ms: Date.now() - start, status: res.status, code, what });
      return { ...body, status: res.status, ...(code && !body.errors ? { errors: [{ message: 'userErrors', extensions: { code } }] } : {}) };
    } catch (error) {
      calls.push({ ok: false, at: start, ms: Date.now() - start, status: 0, code: `NETWORK ${(error as Error).message}`, what });
      return { errors: [{ message: (error as Error).message, extensions: { code: 'NETWORK' } }], status: 0 };
    }
  }
  return { calls, gql };
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
}

/** Talks to nginx like the test helpers talk to an app (for team(), ok(), product(), …). */
function viaNginx(base: string, primary: Replicated['primary']): TestApp {
  return {
    url: base,
    gql: async (query: string, variables?: Record<string, unknown>, opts: { token?: string } = {}) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data: any; errors?: unknown[] };
      return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
    },
    sql: (text: string, params?: unknown[]) => primary.query(text, params, 'baton'),
  } as unknown as TestApp;
}

async function replicaReportReads(): Promise<number> {
  const [row] = await pgs.replica.query<{ calls: number }>(
    `select coalesce(sum(calls), 0)::int as calls from pg_stat_statements s join pg_database d on d.oid = s.dbid
     where d.datname = 'baton' and s.query ilike '%invoice%' and s.query not ilike '%pg_stat%'`,
    [],
    'baton',
  );
  return row!.calls;
}

const MODES = (process.env.SCALE_OUT_MODES ?? 'primary,pgbouncer').split(',') as ('primary' | 'pgbouncer')[];
for (const mode of MODES) {
  describe(`three instances behind nginx, ${mode === 'pgbouncer' ? 'through PgBouncer (transaction mode)' : 'straight to the primary'}`, () => {
    let nginx: Nginx;
    let bouncer: PgBouncer | undefined;
    const instances: Instance[] = [];
    let base: string;

    beforeAll(async () => {
      const dir = path.join(root, mode);
      fs.mkdirSync(dir, { recursive: true });
      fs.chmodSync(dir, 0o755);
      if (mode === 'pgbouncer') bouncer = await startPgBouncer(path.join(dir, 'pgbouncer'), pgs.primary.port, 'baton', 60);
      const env = {
        DATABASE_URL: bouncer ? `postgres://postgres@127.0.0.1:${bouncer.port}/baton` : pgs.primary.url('baton'),
        DATABASE_DIRECT_URL: pgs.primary.url('baton'),
        // PgBouncer 1.18 cannot carry named prepared statements between server connections.
        ...(bouncer ? { DB_PREPARED_STATEMENTS: 'false' } : {}),
        DATABASE_READ_URLS: pgs.replica.url('baton'),
        TRUST_PROXY: '1',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        SIGNUP_RATE_LIMIT: '100000',
        DB_POOL_MAX: '10',
        REQUESTS_PER_ORGANIZATION: '10',
        REPLICA_CHECK_MS: '250',
      };
      for (let i = 0; i < INSTANCES; i++) {
        const inst = instance(await freePort(), env, path.join(dir, `instance-${i}`));
        fs.mkdirSync(path.join(dir, `instance-${i}`), { recursive: true });
        await inst.start();
        instances.push(inst);
      }
      nginx = await startNginx(path.join(dir, 'nginx'), instances.map((i) => i.port));
      base = `http://127.0.0.1:${nginx.port}`;
    }, 180_000);

    afterAll(async () => {
      await nginx?.stop();
      for (const i of instances) await i.kill('SIGTERM');
      await bouncer?.stop();
    }, 60_000);

    it(`${USERS} users through nginx for ${DURATION_MS / 1000} s while one instance is SIGTERMed and restarted and another SIGKILLed`, async () => {
      lagSamples = [];
      const app = viaNginx(base, pgs.primary);
      // Two organizations; each virtual user plays its organization's roles.
      const teams: (Team & { handle: string; stocked: string; dropShipped: string; projectId: string })[] = [];
      for (const name of ['North Distribution', 'South Distribution']) {
        const t = await team(app, `${name} ${mode}`);
        const stocked = await product(t, true, 400);
        await ok(t, t.purchasing.token, OPS.adjustStock, { id: stocked.id, q: 1_000_000, reason: 'opening stock' }, 'adjustStock');
        const dropShipped = await product(t, false, 1250);
        const prj = await project(t);
        const users = (await app.gql('{ users { id handle } }', {}, { token: t.admin.token })).data.users as { id: string; handle: string }[];
        teams.push({ ...t, handle: users.find((u) => u.id === t.invoicing.userId)!.handle, stocked: stocked.id, dropShipped: dropShipped.id, projectId: prj.id });
      }

      // Each organization's invoicing rep listens through nginx; on every reconnect the client
      // refetches its notifications (what a reconnecting web client does).
      const delivered = teams.map(() => new Set<string>());
      const reconnects = teams.map(() => 0);
      const subscriptionErrors: unknown[] = [];
      const sockets: Client[] = [];
      await Promise.all(
        teams.map(
          (t, k) =>
            new Promise<void>((resolve) => {
              let first = true;
              const ws = createClient({
                url: `${base.replace('http', 'ws')}/graphql`,
                webSocketImpl: WebSocket,
                connectionParams: { authorization: `Bearer ${t.invoicing.token}` },
                retryAttempts: Infinity,
                shouldRetry: () => true,
                retryWait: async () => new Promise((r) => setTimeout(r, 200)),
                lazy: false,
              });
              ws.on('connected', () => {
                if (first) {
                  first = false;
                  setTimeout(resolve, 200);
                  return;
                }
                reconnects[k]!++;
                void app.gql('{ notifications(first: 100) { nodes { id } } }', {}, { token: t.invoicing.token }).then((r) => {
                  for (const n of r.data?.notifications?.nodes ?? []) delivered[k]!.add(n.id);
                });
              });
              ws.subscribe(
                { query: 'subscription { notificationAdded { id } }' },
                { next: (v) => (v.data ? delivered[k]!.add((v.data as { notificationAdded: { id: string } }).notificationAdded.id) : subscriptionErrors.push(v.errors)), error: (e) => subscriptionErrors.push(e), complete: () => {} },
              );
              sockets.push(ws);
            }),
        ),
      );

      const { calls, gql } = client(base);
      const acknowledged = { salesOrders: [] as string[], invoices: [] as string[], notes: [] as { id: string; team: number }[] };
      const rywMisses: string[] = [];
      const end = Date.now() + DURATION_MS;
      const step = async <T>(what: string, token: string, query: string, variables: Record<string, unknown>, field: string): Promise<T | undefined> => {
        const r = await gql(what, token, query, variables);
        if (r.errors || !r.data) return undefined;
        return (r.data as Record<string, T>)[field];
      };
      const workflowB = async (t: (typeof teams)[number]) => {
        const so = await step<{ salesOrder: { id: string } }>('createSalesOrder', t.order.token, OPS.createSalesOrder, { input: { projectId: t.projectId, lines: [{ productId: t.stocked, quantity: 2 }] } }, 'createSalesOrder');
        if (!so) return;
        acknowledged.salesOrders.push(so.salesOrder.id);
        if (!(await step('scheduleSalesOrder', t.purchasing.token, OPS.scheduleSalesOrder, { id: so.salesOrder.id }, 'scheduleSalesOrder'))) return;
        const inv = await step<{ invoice: { id: string; number: string } }>('createInvoice', t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.salesOrder.id } }, 'createInvoice');
        if (!inv) return;
        acknowledged.invoices.push(inv.invoice.id);
        // The rep opens the invoices report right away: the new invoice must be there.
        const report = await step<{ nodes: { id: string }[] }>('invoicesReport', t.invoicing.token, `query($s: String) { invoicesReport(first: 5, filter: { search: $s }) { nodes { id } } }`, { s: inv.invoice.number }, 'invoicesReport');
        if (report && !report.nodes.some((n) => n.id === inv.invoice.id)) rywMisses.push(inv.invoice.id);
      };
      const workflowA = async (t: (typeof teams)[number]) => {
        const so = await step<{ salesOrder: { id: string } }>('createSalesOrder', t.order.token, OPS.createSalesOrder, { input: { projectId: t.projectId, lines: [{ productId: t.dropShipped, quantity: 3 }] } }, 'createSalesOrder');
        if (!so) return;
        acknowledged.salesOrders.push(so.salesOrder.id);
        const pos = await step<{ purchaseOrders: { id: string; lines: { id: string }[] }[] }>('createPurchaseOrdersForSalesOrder', t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.salesOrder.id }, 'createPurchaseOrdersForSalesOrder');
        const po = pos?.purchaseOrders[0];
        if (!po) return;
        if (!(await step('setPurchaseOrderStage', t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage'))) return;
        if (!(await step('receivePurchaseOrder', t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0]!.id, quantity: 2 }] } }, 'receivePurchaseOrder'))) return;
        if (!(await step('setSalesOrderStatus', t.production.token, OPS.setSalesOrderStatus, { id: so.salesOrder.id, status: 'READY_TO_BE_INVOICED' }, 'setSalesOrderStatus'))) return;
        const inv = await step<{ invoice: { id: string } }>('createInvoice', t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.salesOrder.id } }, 'createInvoice');
        if (inv) acknowledged.invoices.push(inv.invoice.id);
      };
      const mention = async (t: (typeof teams)[number], k: number) => {
        const note = await step<{ note: { id: string } }>('addNote', t.production.token, `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`, { input: { projectId: t.projectId, body: `@${t.handle} shipped, please invoice` } }, 'addNote');
        if (note) acknowledged.notes.push({ id: note.note.id, team: k });
      };
      const readers = async (t: (typeof teams)[number]) => {
        await gql('invoicesReport', t.accountant.token, `{ invoicesReport(first: 20) { totalCount totals { totalCents } } }`);
        await gql('project', t.order.token, `query($id: ID!) { project(id: $id) { id salesOrders { id status remainingCents } } }`, { id: t.projectId });
      };

      // The faults, while the load runs: SIGTERM + restart of instance 0; SIGKILL of instance 1, restarted after.
      const events: { what: string; at: number; until?: number }[] = [];
      const faults = (async () => {
        await new Promise((r) => setTimeout(r, DURATION_MS * 0.25));
        const term = { what: 'SIGTERM instance 0', at: Date.now(), until: 0 };
        events.push(term);
        const code = await instances[0]!.kill('SIGTERM');
        expect(code).toBe(0);
        await instances[0]!.start();
        term.until = Date.now();
        await new Promise((r) => setTimeout(r, DURATION_MS * 0.3));
        const kill = { what: 'SIGKILL instance 1', at: Date.now(), until: 0 };
        events.push(kill);
        await instances[1]!.kill('SIGKILL');
        await new Promise((r) => setTimeout(r, 3_000));
        await instances[1]!.start();
        kill.until = Date.now();
      })();

      await Promise.all(
        Array.from({ length: USERS }, async (_, u) => {
          const k = u % teams.length;
          const t = teams[k]!;
          while (Date.now() < end) {
            const kind = Math.floor(u / teams.length) % 4;
            if (kind === 0) await workflowB(t);
            else if (kind === 1) await workflowA(t);
            else if (kind === 2) await mention(t, k);
            else await readers(t);
          }
        }),
      );
      await faults;
      // Let the last live events arrive.
      await new Promise((r) => setTimeout(r, 2_000));
      for (const s of sockets) await s.dispose();

      // Every acknowledged mutation present once.
      const present = await pgs.primary.query<{ kind: string; n: number }>(
        `select 'so' as kind, count(*)::int as n from sales_order where id = any($1::uuid[])
         union all select 'inv', count(*)::int from invoice where id = any($2::uuid[])
         union all select 'note', count(*)::int from note where id = any($3::uuid[])`,
        [acknowledged.salesOrders, acknowledged.invoices, acknowledged.notes.map((n) => n.id)],
        'baton',
      );
      expect(Object.fromEntries(present.map((r) => [r.kind, r.n]))).toEqual({ so: new Set(acknowledged.salesOrders).size, inv: new Set(acknowledged.invoices).size, note: acknowledged.notes.length });
      expect(new Set(acknowledged.invoices).size).toBe(acknowledged.invoices.length);
      // No invariant broken.
      const violations = await checkInvariants(app, null);
      expect(violations, describeViolations(violations)).toEqual([]);
      // Every mention delivered to its rep (live, or caught up on reconnect).
      const missed: string[] = [];
      for (const [k, t] of teams.entries()) {
        const ids = acknowledged.notes.filter((n) => n.team === k).map((n) => n.id);
        const rows = await pgs.primary.query<{ id: string }>(`select id from notification where note_id = any($1::uuid[]) and recipient_id = $2`, [ids, t.invoicing.userId], 'baton');
        expect(rows.length).toBe(ids.length);
        for (const r of rows) if (!delivered[k]!.has(r.id)) missed.push(r.id);
      }
      expect(missed).toEqual([]);
      expect(subscriptionErrors).toEqual([]);
      // A rep who invoiced saw the invoice in the report at once.
      expect(rywMisses).toEqual([]);
      // No client error, but for requests cut by the SIGKILL (in flight on the killed instance).
      const failed = calls.filter((c) => !c.ok);
      const kill = events.find((e) => e.what.startsWith('SIGKILL'))!;
      const cutByKill = failed.filter((c) => c.at <= kill.at && c.at + c.ms >= kill.at - 50 && (c.status === 502 || c.status === 0));
      const otherFailures = failed.filter((c) => !cutByKill.includes(c));
      const ms = calls.filter((c) => c.ok).map((c) => c.ms);
      figures.push(
        `[${mode}] load: ${calls.length} requests in ${DURATION_MS / 1000} s (${(calls.length / (DURATION_MS / 1000)).toFixed(1)} req/s, p99 ${p99(ms)} ms) by ${USERS} users; ` +
          `${acknowledged.salesOrders.length} orders, ${acknowledged.invoices.length} invoices, ${acknowledged.notes.length} mentions acknowledged; ` +
          `${failed.length} failed (${cutByKill.length} in flight on the SIGKILLed instance); WebSocket reconnects ${reconnects.join('+')}; ` +
          `${events.map((e) => `${e.what} → back after ${((e.until ?? e.at) - e.at) / 1000} s`).join(', ')}`,
      );
      const since = (c: Call) => events.map((e) => `${((c.at - e.at) / 1000).toFixed(2)} s after ${e.what}`).join(', ');
      const nginxErrors = () => fs.readFileSync(path.join(root, mode, 'nginx', 'logs', 'error.log'), 'utf8').split('\n').filter((l) => /error|upstream/.test(l)).slice(-10).join('\n');
      expect(otherFailures.map((c) => `${c.what}: ${c.status} ${c.code} (${since(c)}, ${c.ms} ms)`), nginxErrors()).toEqual([]);
      // The SIGTERMed instance drained: nothing failed around it.
      const term = events[0]!;
      expect(failed.filter((c) => c.at + c.ms >= term.at && c.at <= (term.until ?? term.at))).toEqual([]);
      expect(acknowledged.invoices.length).toBeGreaterThan(0);
      expect(acknowledged.notes.length).toBeGreaterThan(0);
      figures.push(`[${mode}] replica lag observed during the load: max ${Math.max(0, ...lagSamples).toFixed(0)} ms, p99 ${p99(lagSamples).toFixed(0)} ms over ${lagSamples.length} samples`);
    }, DURATION_MS + 300_000);

    it('reports answer from the replica and equal the primary; with the replica stopped they answer from the primary and /healthz says so', async () => {
      const app = viaNginx(base, pgs.primary);
      const t = await team(app, `Reports ${mode}`);
      const prj = await project(t);
      const stocked = await product(t, true, 990);
      await ok(t, t.purchasing.token, OPS.adjustStock, { id: stocked.id, q: 10, reason: 'opening stock' }, 'adjustStock');
      const so = (await ok(t, t.order.token, OPS.createSalesOrder, { input: { projectId: prj.id, lines: [{ productId: stocked.id, quantity: 3 }] } }, 'createSalesOrder')).salesOrder;
      await ok(t, t.purchasing.token, OPS.scheduleSalesOrder, { id: so.id }, 'scheduleSalesOrder');
      const invoice = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
      // A rep who invoices then opens the report sees the new invoice.
      const mine = await app.gql(`{ invoicesReport(first: 10) { nodes { id } } }`, {}, { token: t.invoicing.token });
      expect(mine.data.invoicesReport.nodes.map((n: { id: string }) => n.id)).toContain(invoice.id);
      await pgs.caughtUp();
      const REPORT = `{ invoicesReport(first: 10) { totalCount totals { count subtotalCents taxCents totalCents balanceCents } } }`;
      const before = await replicaReportReads();
      const fromReplica = await app.gql(REPORT, {}, { token: t.accountant.token });
      expect(fromReplica.errors).toBeUndefined();
      expect(await replicaReportReads()).toBeGreaterThan(before);
      const [primary] = await pgs.primary.query<{ count: number; total: number }>(
        `select count(*)::int as count, coalesce(sum(total_cents), 0)::int as total from invoice where organization_id = $1 and kind <> 'DEPOSIT'`,
        [t.admin.organizationId],
        'baton',
      );
      expect(fromReplica.data.invoicesReport.totals).toMatchObject({ count: primary!.count, totalCents: primary!.total });
      await pgs.replica.stop();
      try {
        const fromPrimary = await app.gql(REPORT, {}, { token: t.accountant.token });
        expect(fromPrimary.errors).toBeUndefined();
        expect(fromPrimary.data.invoicesReport).toEqual(fromReplica.data.invoicesReport);
        // Every instance finds out by itself (nginx spreads /healthz over them).
        const seen: string[] = [];
        for (let i = 0; i < 100 && seen.filter((s) => s === 'down').length < 6; i++) {
          const h = (await (await fetch(`${base}/healthz`)).json()) as { status: string; replicas: { state: string }[] };
          expect(h.status).toBe('ok');
          seen.push(h.replicas[0]!.state);
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(seen.slice(-3)).toEqual(['down', 'down', 'down']);
      } finally {
        await pgs.replica.start();
      }
      await pgs.caughtUp();
    }, 120_000);

    it('figures: requests per second and p99 through nginx at 1, 2 and 3 instances', async () => {
      const app = viaNginx(base, pgs.primary);
      const t = await team(app, `Bench ${mode}`);
      const prj = await project(t);
      const QUERY = `query($id: ID!) { project(id: $id) { id number name salesOrders { id number status remainingCents } } }`;
      const results: string[] = [];
      for (const n of [1, 2, 3]) {
        await nginx.upstream(instances.slice(0, n).map((i) => i.port));
        const { calls, gql } = client(base);
        const until = Date.now() + BENCH_MS;
        await Promise.all(Array.from({ length: USERS }, async () => {
          while (Date.now() < until) await gql('bench', t.order.token, QUERY, { id: prj.id });
        }));
        const good = calls.filter((c) => c.ok);
        expect(good.length).toBe(calls.length);
        results.push(`${n} instance${n > 1 ? 's' : ''}: ${(good.length / (BENCH_MS / 1000)).toFixed(0)} req/s, p99 ${p99(good.map((c) => c.ms))} ms`);
      }
      await nginx.upstream(instances.map((i) => i.port));
      figures.push(`[${mode}] ${USERS} concurrent readers, ${BENCH_MS / 1000} s each: ${results.join('; ')}`);
    }, 3 * BENCH_MS + 120_000);
  });
}
