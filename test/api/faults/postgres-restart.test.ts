// PostgreSQL restarted under steady load (`pg_ctl restart -m fast`, RESTARTS times) on a cluster this
// file owns: requests fail only during the outage and with a clear SERVICE_UNAVAILABLE, the API
// (never restarted) serves again by itself, and every acknowledged write is there exactly once. A rep
// subscribed throughout receives every acknowledged mention of them exactly once: the live listener,
// cut by each restart, reconnects and delivers what was committed while it was away.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../apps/api/src/config.js';
import { createLogger } from '../../../apps/api/src/logger.js';
import { startBaton, type Running } from '../../../apps/api/src/main.js';
import type { TestApp } from '../../support/api-app.js';
import { startOwnCluster, type OwnCluster } from '../../support/cluster.js';
import { project, team } from '../../support/workflow.js';

const RESTARTS = 3;
const READERS = 10;
const WRITES_PER_SECOND = 5;
/** After the server is back, the pool may still hand out a connection that died with it. */
const GRACE_MS = 3000;

let cluster: OwnCluster;
let running: Running;
let url: string;
let dataDir: string;
let subscriber: Client | undefined;
beforeAll(async () => {
  cluster = await startOwnCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database baton');
  await admin.end();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-restart-'));
  // One organization works here: it may use the whole pool (REQUESTS_PER_ORGANIZATION, the fair
  // share between organizations, would queue its 12 concurrent clients, and a write sent well before
  // a restart could then run into it and count as a failure outside the outage).
  const config = { ...loadConfig(process.env), databaseUrl: cluster.urlFor('baton'), port: 0, host: '127.0.0.1', seedDemo: false, dbPoolMax: 5, requestsPerOrganization: 5, dataDir };
  running = await startBaton(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  url = `http://127.0.0.1:${running.port}`;
}, 120_000);
afterAll(async () => {
  await subscriber?.dispose();
  await running?.stop();
  await cluster?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function call(query: string, variables: Record<string, unknown>, token?: string) {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    return (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
  } catch (err) {
    return { errors: [{ extensions: { code: `NETWORK: ${(err as Error).message}` } }] };
  }
}

describe('PostgreSQL restarted under load', () => {
  it(`serves through ${RESTARTS} restarts at ${READERS} readers + ${WRITES_PER_SECOND} writes/s, losing no acknowledged write`, async () => {
    const t = await team({ gql: (query: string, variables?: Record<string, unknown>, opts?: { token?: string }) => call(query, variables ?? {}, opts?.token) } as unknown as TestApp, 'Restart Co');
    const token = t.admin.token;
    const prj = await project(t);
    const handle = ((await call('{ users { id handle } }', {}, token)).data.users as { id: string; handle: string }[]).find((u) => u.id === t.invoicing.userId)!.handle;
    // The invoicing rep's live feed, open throughout (the API is never restarted, only PostgreSQL).
    const live: string[] = [];
    const liveErrors: unknown[] = [];
    subscriber = createClient({ url: url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${t.invoicing.token}` }, retryAttempts: 0 });
    await new Promise<void>((resolve) => {
      subscriber!.on('connected', () => setTimeout(resolve, 200));
      subscriber!.subscribe({ query: 'subscription { notificationAdded { id } }' }, { next: (v) => (v.data ? live.push((v.data as { notificationAdded: { id: string } }).notificationAdded.id) : liveErrors.push(v.errors)), error: (e) => liveErrors.push(e), complete: () => {} });
    });
    const mentioned: string[] = []; // acknowledged notes mentioning the rep
    const log: { at: number; done: number; ok: boolean; code?: string; kind: 'read' | 'write' }[] = [];
    const acknowledged: { id: string; name: string }[] = [];
    const outages: [number, number][] = [];
    let stop = false;
    let seq = 0;

    const reader = async () => {
      while (!stop) {
        const sent = Date.now();
        const r = await call('{ clients { id } organization { id } }', {}, token);
        log.push({ at: sent, done: Date.now(), ok: !r.errors, code: r.errors?.[0]?.extensions?.code, kind: 'read' });
        await new Promise((res) => setTimeout(res, 50));
      }
    };
    const writer = async () => {
      while (!stop) {
        const name = `Client ${++seq}`;
        const sent = Date.now();
        void call(`mutation($n: String!) { createClient(name: $n) { client { id name } userErrors { code } } }`, { n: name }, token).then((r) => {
          const client = r.data?.createClient?.client;
          if (client) acknowledged.push(client);
          log.push({ at: sent, done: Date.now(), ok: !!client, code: r.errors?.[0]?.extensions?.code ?? r.data?.createClient?.userErrors?.[0]?.code, kind: 'write' });
        });
        await new Promise((res) => setTimeout(res, 1000 / WRITES_PER_SECOND));
      }
    };
    const mentioner = async () => {
      while (!stop) {
        const sent = Date.now();
        void call(`mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`, { input: { projectId: prj.id, body: `@${handle} note ${++seq}` } }, t.order.token).then((r) => {
          const note = r.data?.addNote?.note;
          if (note) mentioned.push(note.id);
          log.push({ at: sent, done: Date.now(), ok: !!note, code: r.errors?.[0]?.extensions?.code ?? r.data?.addNote?.userErrors?.[0]?.code, kind: 'write' });
        });
        await new Promise((res) => setTimeout(res, 1000 / WRITES_PER_SECOND));
      }
    };
    const load = [...Array.from({ length: READERS }, reader), writer(), mentioner()];

    await new Promise((r) => setTimeout(r, 2000));
    for (let i = 0; i < RESTARTS; i++) {
      const from = Date.now();
      await cluster.restart();
      outages.push([from, Date.now()]);
      await new Promise((r) => setTimeout(r, 4000));
    }
    stop = true;
    await Promise.all(load);
    await new Promise((r) => setTimeout(r, 1000)); // the last writes answer

    // A request may fail when it was in flight during an outage (sent before it and still waiting for
    // a connection or an answer when the server went down, or sent during it or its grace); never otherwise.
    const inOutage = (l: { at: number; done: number }) => outages.some(([from, to]) => l.at <= to + GRACE_MS && l.done >= from);
    const failures = log.filter((l) => !l.ok);
    const outsideOutages = failures.filter((l) => !inOutage(l));
    const codes = [...new Set(failures.map((f) => f.code))];
    console.info(
      `postgres restart: ${RESTARTS} restarts (${outages.map(([a, b]) => `${b - a} ms`).join(', ')}), ${log.length} requests ` +
        `(${log.filter((l) => l.kind === 'write').length} writes), ${failures.length} failed during outages with ${JSON.stringify(codes)}, ` +
        `${acknowledged.length} acknowledged writes`,
    );
    expect(outsideOutages, JSON.stringify(outsideOutages.slice(0, 5))).toEqual([]);
    expect(codes.every((c) => c === 'SERVICE_UNAVAILABLE'), JSON.stringify(codes)).toBe(true);
    expect(log.length).toBeGreaterThan(200);

    // Recovered, and nothing acknowledged was lost or written twice.
    const last = await call('{ clients { id name } }', {}, token);
    expect(last.errors).toBeUndefined();
    const stored = last.data.clients as { id: string; name: string }[];
    for (const a of acknowledged) expect(stored.filter((c) => c.id === a.id)).toEqual([a]);
    expect(new Set(stored.map((c) => c.name)).size).toBe(stored.length);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    // The rep's subscription, open through every restart, got each acknowledged mention exactly once.
    const db = new pg.Client({ connectionString: cluster.urlFor('baton') });
    await db.connect();
    const { rows: notified } = await db.query<{ id: string }>('select id from notification where note_id = any($1::uuid[])', [mentioned]).finally(() => db.end());
    expect(notified).toHaveLength(mentioned.length);
    await expect.poll(() => live.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(notified.length);
    console.info(`postgres restart: ${mentioned.length} acknowledged mentions, ${live.length} delivered live (${new Set(live).size} distinct), ${liveErrors.length} live errors`);
    expect([...live].sort()).toEqual(notified.map((n) => n.id).sort());
    expect(liveErrors).toEqual([]);
  }, 180_000);
});
