// Live delivery across instances: two real servers on one database; what happens on B reaches
// subscribers connected to A within a second (PostgreSQL LISTEN/NOTIFY), and nobody else.
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

let a: TestApp;
let b: TestApp;
let t: Team;
let other: Team;
const clients: Client[] = [];

beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp({}, { sameDatabaseAs: a });
  t = await team(a);
  other = await team(a, 'Other Org');
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await b?.stop();
  await a?.stop();
});

/** Subscribes on `app` with a bearer token; collects what arrives. */
function subscribe(app: TestApp, token: string, query: string, variables: Record<string, unknown> = {}) {
  const client = createClient({ url: app.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  const received: { data?: any; errors?: unknown; at: number }[] = [];
  const errors: unknown[] = [];
  let ready!: () => void;
  const connected = new Promise<void>((resolve) => (ready = resolve));
  client.on('connected', () => setTimeout(ready, 100)); // the subscribe message follows the ack
  client.subscribe({ query, variables }, { next: (v) => received.push({ ...v, at: Date.now() }), error: (e) => errors.push(e), complete: () => {} });
  return { received, errors, connected };
}

async function waitFor<T>(check: () => T | undefined, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const NOTIFICATION_ADDED = 'subscription { notificationAdded { id kind message actor { id } purchaseOrder { id } project { id } } }';

describe('live notifications across two instances', () => {
  it('delivers a PROBLEM flag made on B to the invoicing rep subscribed on A within a second, and to nobody else', async () => {
    const mug = await product(t, false, 100);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }]);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;

    const invoicing = subscribe(a, t.invoicing.token, NOTIFICATION_ADDED);
    const accountant = subscribe(a, t.accountant.token, NOTIFICATION_ADDED);
    const stranger = subscribe(b, other.invoicing.token, NOTIFICATION_ADDED);
    await Promise.all([invoicing.connected, accountant.connected, stranger.connected]);

    const sent = Date.now();
    const r = await b.gql(OPS.setPoStatus, { id: po.id, status: 'PROBLEM' }, { token: t.production.token });
    expect(r.data.setPurchaseOrderStatus.userErrors).toEqual([]);

    const got = await waitFor(() => invoicing.received[0]);
    expect(got.at - sent).toBeLessThan(1000);
    expect(got.data.notificationAdded).toMatchObject({ kind: 'PURCHASE_ORDER_PROBLEM', actor: { id: t.production.userId }, purchaseOrder: { id: po.id }, project: { id: prj.id } });
    await new Promise((r) => setTimeout(r, 300));
    expect(accountant.received).toEqual([]);
    expect(stranger.received).toEqual([]);
    expect([invoicing.errors, accountant.errors, stranger.errors]).toEqual([[], [], []]);

    // Reconnecting later, the same notification is there to catch up on.
    const inbox = await a.gql('{ notifications(unreadOnly: true) { nodes { id } } }', {}, { token: t.invoicing.token });
    expect(inbox.data.notifications.nodes.map((n: { id: string }) => n.id)).toContain(got.data.notificationAdded.id);
  });

  it('delivers the pinned note that tags the invoicing rep, written on B, to the rep on A (workflow A, step 1)', async () => {
    const users = (await a.gql('{ users { id handle } }', {}, { token: t.admin.token })).data.users as { id: string; handle: string }[];
    const handle = (id: string) => users.find((u) => u.id === id)!.handle;
    const prj = await project(t);
    const rep = subscribe(a, t.invoicing.token, 'subscription { notificationAdded { kind note { id pinned body mentions { id } } } }');
    await rep.connected;
    const body = `@${handle(t.order.userId)} @${handle(t.invoicing.userId)} the supplier shipped 300 of 500: invoice the 300, leave the 200 off.`;
    const added = await ok({ app: b }, t.production.token, `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`, { input: { projectId: prj.id, body, pinned: true } }, 'addNote');
    const got = await waitFor(() => rep.received[0]);
    expect(got.data.notificationAdded).toMatchObject({ kind: 'MENTION', note: { id: added.note.id, pinned: true, body } });
    expect(got.data.notificationAdded.note.mentions.map((u: { id: string }) => u.id).sort()).toEqual([t.order.userId, t.invoicing.userId].sort());
  });

  it('reads the notifications of one note for all its subscribers on an instance in one statement, each receiving only their own', async () => {
    const users = (await a.gql('{ users { id handle } }', {}, { token: t.admin.token })).data.users as { id: string; handle: string }[];
    const handle = (id: string) => users.find((u) => u.id === id)!.handle;
    const prj = await project(t);
    const tagged = [t.order, t.invoicing, t.accountant, t.purchasing, t.admin];
    const subs = tagged.map((u) => ({ user: u, sub: subscribe(a, u.token, 'subscription { notificationAdded { id kind actor { id } project { id } note { id } } }') }));
    await Promise.all(subs.map((s) => s.sub.connected));
    a.queries.reset();
    const body = `${tagged.map((u) => `@${handle(u.userId)}`).join(' ')} all of you: the 200 are late.`;
    const added = await ok({ app: b }, t.production.token, `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`, { input: { projectId: prj.id, body } }, 'addNote');
    const got = await Promise.all(subs.map((s) => waitFor(() => s.sub.received[0])));
    const ids = new Set<string>();
    for (const g of got) {
      expect(g.data.notificationAdded).toMatchObject({ kind: 'MENTION', actor: { id: t.production.userId }, project: { id: prj.id }, note: { id: added.note.id } });
      ids.add(g.data.notificationAdded.id);
    }
    expect(ids.size).toBe(tagged.length);
    // Five subscribers, one read of the notifications (two at most, should the NOTIFYs arrive in two reads of the socket), not five.
    const reads = a.queries.statements.filter((q) => /from "notification"/.test(q) && !/count\(/.test(q));
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.length).toBeLessThanOrEqual(2);
    // Each one is its recipient's own.
    for (const s of subs) {
      const mine = await a.gql('{ notifications(first: 5) { nodes { id } } }', {}, { token: s.user.token });
      expect(mine.data.notifications.nodes.map((n: { id: string }) => n.id)).toContain(s.sub.received[0]!.data.notificationAdded.id);
    }
    expect(subs.flatMap((s) => s.sub.errors)).toEqual([]);
  });

  it('streams a project’s activity to subscribers of that project only, in its organization only', async () => {
    const prj = await project(t);
    const elsewhere = await project(t);
    const watch = 'subscription($id: ID!) { projectActivity(projectId: $id) { id kind message actor { id } } }';
    const onA = subscribe(a, t.accountant.token, watch, { id: prj.id });
    const otherProject = subscribe(a, t.accountant.token, watch, { id: elsewhere.id });
    const foreign = subscribe(b, other.admin.token, watch, { id: prj.id });
    await Promise.all([onA.connected, otherProject.connected, foreign.connected]);

    await ok({ app: b }, t.order.token, `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`, { input: { projectId: prj.id, body: 'hello' } }, 'addNote');
    const got = await waitFor(() => onA.received[0]);
    expect(got.data.projectActivity).toMatchObject({ kind: 'note.added', actor: { id: t.order.userId } });
    await new Promise((r) => setTimeout(r, 300));
    expect(otherProject.received).toEqual([]);
    // Another organization's user asking for this project is told it does not exist, and gets no event.
    expect(foreign.received.filter((r) => r.data)).toEqual([]);
    expect(JSON.stringify([foreign.received, foreign.errors])).toMatch(/No such project/);
  });

  it('publishes nothing for a mutation that was refused (rolled back)', async () => {
    const listen = subscribe(a, t.invoicing.token, NOTIFICATION_ADDED);
    await listen.connected;
    const r = await b.gql(OPS.setPoStatus, { id: '00000000-0000-4000-8000-000000000000', status: 'PROBLEM' }, { token: t.production.token });
    expect(r.data.setPurchaseOrderStatus.userErrors[0].code).toBe('NOT_FOUND');
    await new Promise((r) => setTimeout(r, 400));
    expect(listen.received).toEqual([]);
  });
});
