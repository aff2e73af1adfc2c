// Two instances of the built server on one database (a cluster this file owns); one is killed with
// SIGKILL in the middle of a mutation. The other keeps serving, the killed request is all or
// nothing, no session is left idle in a transaction, and a subscriber of the dead instance
// reconnects to the live one and catches up on what it missed by refetching.
import fs from 'node:fs';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TestApp } from '../../support/api-app.js';
import { startOwnCluster, type OwnCluster } from '../../support/cluster.js';
import { checkInvariants, describeViolations } from '../../support/invariants.js';
import { gql, startProduct, type Product } from '../../support/product.js';
import { one } from '../../support/lists.js';

let cluster: OwnCluster;
let a: Product & { databaseName?: string };
let b: Product;
let db: pg.Client;
const extra: Product[] = []; // instances started and killed by the repeated kills
const savedUrl = process.env.DATABASE_URL;
beforeAll(async () => {
  cluster = await startOwnCluster();
  process.env.DATABASE_URL = cluster.url; // startProduct makes its database on this server
  try {
    a = await startProduct();
    b = await startProduct({ databaseName: a.databaseName, env: { SEED_DEMO: 'false' } });
  } finally {
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
  }
  db = new pg.Client({ connectionString: cluster.urlFor(a.databaseName!) });
  await db.connect();
}, 180_000);
afterAll(async () => {
  await db?.end();
  await b?.stop();
  await a?.kill('SIGKILL');
  for (const p of extra) await p.kill('SIGKILL');
  // The databases go with the cluster; only the instances' data folders are left to remove.
  await cluster?.stop();
  for (const p of [a, b, ...extra]) if (p) fs.rmSync(p.dataDir, { recursive: true, force: true });
});

const KILLS = Number(process.env.INSTANCE_KILLS ?? 20);
const LOG_IN = `mutation($e: String!) { logIn(email: $e, password: "baton-demo") { session { token } } }`;
const ADD_NOTE = `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`;

describe('an API instance killed mid-request', () => {
  it('leaves the other serving, nothing half-written, and its subscriber reconnected and caught up', async () => {
    const token = async (e: string) => (await gql(b.url, LOG_IN, { e })).data.logIn.session.token as string;
    const [production, invoicing] = [await token('production@demo.test'), await token('invoicing@demo.test')];
    const projectId = (await gql(b.url, '{ projects(first: 1) { nodes { id } } }', {}, production)).data.projects.nodes[0].id;

    // The invoicing rep's live feed, on A first; when A dies it reconnects, to B.
    const ws = (instance: Product) => instance.url.replace('http', 'ws') + '/graphql';
    let connects = 0;
    const live: string[] = [];
    const client = createClient({
      url: () => (connects === 0 ? ws(a) : ws(b)),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${invoicing}` },
      retryAttempts: 10,
      retryWait: () => new Promise((r) => setTimeout(r, 200)),
      shouldRetry: () => true,
    });
    let connected!: () => void;
    let reconnected!: () => void;
    const first = new Promise<void>((r) => (connected = r));
    const second = new Promise<void>((r) => (reconnected = r));
    client.on('connected', () => (++connects === 1 ? setTimeout(connected, 150) : setTimeout(reconnected, 150)));
    client.subscribe({ query: 'subscription { notificationAdded { id note { id } } }' }, { next: (v: any) => live.push(v.data.notificationAdded.note.id), error: () => {}, complete: () => {} });
    await first;

    // Mentions written on A, the last one cut off by SIGKILL while in flight.
    const note = (body: string, on: string) => gql(on, ADD_NOTE, { input: { projectId, body } }, production).then((r) => r.data?.addNote?.note?.id as string | undefined, () => undefined);
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) acknowledged.push((await note(`@ines before the crash ${i}`, a.url))!);
    const inFlight = note('@ines in flight when A died', a.url);
    await new Promise((r) => setTimeout(r, 5));
    await a.kill('SIGKILL');
    const killedAnswer = await inFlight;
    expect(killedAnswer).toBeUndefined(); // the client saw the connection drop

    // B keeps serving, at once.
    for (let i = 0; i < 3; i++) acknowledged.push((await note(`@ines after the crash ${i}`, b.url))!);
    expect(acknowledged.every(Boolean)).toBe(true);

    await second;
    expect(connects).toBe(2);
    // Catching up: what was written while the subscriber was away is in the notifications query.
    const inbox = (await gql(b.url, '{ notifications(first: 100) { nodes { note { id } } } }', {}, invoicing)).data.notifications.nodes.map((n: any) => n.note?.id);
    for (const id of acknowledged) expect(inbox).toContain(id);
    // And from the reconnection on, live again through B.
    const afterReconnect = (await note('@ines once reconnected', b.url))!;
    for (let i = 0; i < 50 && !live.includes(afterReconnect); i++) await new Promise((r) => setTimeout(r, 100));
    expect(live).toContain(afterReconnect);
    await client.dispose();

    // The killed mutation: all or nothing — its note exists with its notification and activity, or none of them.
    const rows = await db.query<{ notes: number; notifications: number }>(
      `select (select count(*) from note where body like '%in flight when A died%')::int as notes,
              (select count(*) from notification n join note o on o.id = n.note_id where o.body like '%in flight when A died%')::int as notifications`,
    );
    const { notes, notifications } = one(rows.rows);
    expect(notifications).toBe(notes);
    const violations = await checkInvariants({ sql: async (text: string, params?: unknown[]) => (await db.query(text, params)).rows } as unknown as TestApp);
    expect(violations, describeViolations(violations)).toEqual([]);

    // No session of the dead instance is left holding a transaction open.
    let idle = -1;
    for (let i = 0; i < 50 && idle !== 0; i++) {
      idle = one((await db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`)).rows).n;
      if (idle) await new Promise((r) => setTimeout(r, 100));
    }
    expect(idle).toBe(0);
    console.info(`instance killed: SIGKILL mid-addNote on A (${notes ? 'committed' : 'rolled back'}), ${acknowledged.length} acknowledged notes all present, subscriber reconnected to B and caught up`);
  }, 120_000);

  it(`${KILLS} more times: each mutation cut by SIGKILL is all or nothing, and no session is left in a transaction`, async () => {
    const production = (await gql(b.url, LOG_IN, { e: 'production@demo.test' })).data.logIn.session.token as string;
    const projectId = (await gql(b.url, '{ projects(first: 1) { nodes { id } } }', {}, production)).data.projects.nodes[0].id;
    const outcomes = { committed: 0, rolledBack: 0 };
    for (let i = 0; i < KILLS; i++) {
      const savedUrl = process.env.DATABASE_URL;
      process.env.DATABASE_URL = cluster.url;
      let victim: Product;
      try {
        victim = await startProduct({ databaseName: a.databaseName, env: { SEED_DEMO: 'false' } });
      } finally {
        if (savedUrl === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = savedUrl;
      }
      extra.push(victim);
      // Warm (a first request pays for loading code), so the kill can land before, inside or after the commit.
      await gql(victim.url, ADD_NOTE, { input: { projectId, body: `warm-up ${i}` } }, production);
      // A note tagging two reps: note, two notifications, an activity event and e-mail jobs in one transaction.
      const marker = `cut ${i} ${Date.now()}`;
      const inFlight = gql(victim.url, ADD_NOTE, { input: { projectId, body: `@ines @oscar ${marker}` } }, production).then((r) => r.data?.addNote?.note?.id as string | undefined, () => undefined);
      await new Promise((r) => setTimeout(r, (i * 10) % 200)); // somewhere in the request, or after it
      await victim.kill('SIGKILL');
      const answered = await inFlight;
      const { rows } = await db.query<{ notes: number; notifications: number; activity: number }>(
        `select (select count(*) from note where body like $1)::int as notes,
                (select count(*) from notification n join note o on o.id = n.note_id where o.body like $1)::int as notifications,
                (select count(*) from activity_event e join note o on o.id = e.entity_id where o.body like $1)::int as activity`,
        [`%${marker}%`],
      );
      const { notes, notifications, activity } = one(rows);
      // All or nothing, and an acknowledged note is there.
      expect({ notifications, activity }, marker).toEqual(notes ? { notifications: 2, activity: 1 } : { notifications: 0, activity: 0 });
      if (answered) expect(notes).toBe(1);
      outcomes[notes ? 'committed' : 'rolledBack']++;
      await expect
        .poll(async () => one((await db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`)).rows).n, { timeout: 15_000 })
        .toBe(0);
    }
    const violations = await checkInvariants({ sql: async (text: string, params?: unknown[]) => (await db.query(text, params)).rows } as unknown as TestApp);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect((await gql(b.url, '{ me { id } }', {}, production)).data.me.id).toBeTruthy(); // B served throughout
    console.info(`instance killed ${KILLS} more times mid-addNote: ${outcomes.committed} committed whole, ${outcomes.rolledBack} rolled back whole, 0 partial, 0 sessions left in a transaction`);
  }, 300_000);
});
