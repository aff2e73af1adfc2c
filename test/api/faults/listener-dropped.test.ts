// The live listener's connection dropped under a stream of mentions (RELIABILITY.md, Faults): its
// PostgreSQL backend is terminated twice while notes tagging a rep are written as fast as the server
// takes them. The listener reconnects by itself and delivers, from the database, what was committed
// while it was not listening: the rep's open subscription receives every notification exactly once.
import { createClient, type Client } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, project, team, type Team } from '../../support/workflow.js';
import { one } from '../../support/lists.js';

const WRITE_MS = Number(process.env.LISTENER_DROP_WRITE_MS ?? 3000);
const PARALLEL = 10;
const ADD = `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`;

let app: TestApp;
let t: Team;
let client: Client;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
}, 120_000);
afterAll(async () => {
  await client?.dispose();
  await app?.stop();
});

describe('the live listener connection dropped', () => {
  it('reconnects and delivers every notification written meanwhile, once each', async () => {
    const users = (await app.gql('{ users { id handle } }', {}, { token: t.admin.token })).data.users as { id: string; handle: string }[];
    const handle = users.find((u) => u.id === t.invoicing.userId)!.handle;
    const prj = await project(t);

    client = createClient({ url: app.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${t.invoicing.token}` }, retryAttempts: 0 });
    const received: string[] = [];
    const errors: unknown[] = [];
    await new Promise<void>((resolve) => {
      client.on('connected', () => setTimeout(resolve, 100)); // the subscribe message follows the ack
      client.subscribe({ query: 'subscription { notificationAdded { id kind } }' }, { next: (v) => received.push((v.data as { notificationAdded: { id: string } }).notificationAdded.id), error: (e) => errors.push(e), complete: () => {} });
    });

    // Write mentions as fast as the server takes them, PARALLEL at a time, for WRITE_MS.
    let writing = true;
    let written = 0;
    const writers = Array.from({ length: PARALLEL }, async () => {
      while (writing) {
        await ok(t, t.order.token, ADD, { input: { projectId: prj.id, body: `@${handle} mention ${++written}` } }, 'addNote');
      }
    });

    // Meanwhile, twice, cut the listener's connection from the database side.
    const killer = new pg.Client({ connectionString: app.databaseUrl });
    await killer.connect();
    const database = new URL(app.databaseUrl).pathname.slice(1);
    let cuts = 0;
    try {
      for (const at of [WRITE_MS / 4, WRITE_MS / 2]) {
        await new Promise((r) => setTimeout(r, at));
        const { rows } = await killer.query<{ n: number }>(
          `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and application_name = 'baton-live'`,
          [database],
        );
        cuts += one(rows).n;
        // The next cut waits until the listener is back.
        await expect.poll(async () => (await killer.query(`select 1 from pg_stat_activity where datname = $1 and application_name = 'baton-live'`, [database])).rowCount, { timeout: 15_000 }).toBe(1);
      }
      await new Promise((r) => setTimeout(r, WRITE_MS / 4));
    } finally {
      writing = false;
      await Promise.all(writers);
      await killer.end();
    }
    expect(cuts).toBe(2);

    const rows = await app.sql<{ id: string }>('select id from notification where recipient_id = $1', [t.invoicing.userId]);
    expect(rows.length).toBe(written);
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(written);
    await new Promise((r) => setTimeout(r, 500)); // nothing more arrives: no duplicates
    console.info(`listener dropped twice during ${written} mentions in ${WRITE_MS} ms: ${received.length} delivered, ${new Set(received).size} distinct`);
    expect(received.length).toBe(written);
    expect([...received].sort()).toEqual(rows.map((r) => r.id).sort());
    expect(errors).toEqual([]);
  }, 60_000);
});
