// The inbox of issue 16: read state follows a user into their other open sessions (two WebSocket
// clients of one user, on two instances), acted-on hand-offs are `done`, and messages are worded when
// read from the kind and parameters they were stored with (old rows without them through their text).
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LOG_IN, startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

let a: TestApp;
let b: TestApp;
let t: Team;
const clients: Client[] = [];

beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp({}, { sameDatabaseAs: a });
  t = await team(a);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await b?.stop();
  await a?.stop();
});

function subscribe(app: TestApp, token: string, query: string) {
  const client = createClient({ url: app.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  const received: { data?: any; errors?: unknown }[] = [];
  const errors: unknown[] = [];
  let ready!: () => void;
  const connected = new Promise<void>((resolve) => (ready = resolve));
  client.on('connected', () => setTimeout(ready, 100)); // the subscribe message follows the ack
  client.subscribe({ query }, { next: (v) => received.push(v), error: (e) => errors.push(e), complete: () => {} });
  return { received, errors, connected };
}

/** A second session of the same user (another browser). */
async function secondSession(email: string): Promise<string> {
  const r = await a.gql(LOG_IN, { email, password: 'correct horse battery' });
  return r.data.logIn.session.token as string;
}

const LIST = `query($kinds: [NotificationKind!]) { notifications(first: 100, kinds: $kinds) { nodes { id kind message done read salesOrder { id } purchaseOrder { id } followUp { id } } unreadCount totalCount } }`;
const READ = 'subscription { notificationsRead { ids unreadCount } }';
const MARK = 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }';
const MARK_ALL = 'mutation { markAllNotificationsRead }';

async function inbox(token: string, kinds?: string[]) {
  const r = await a.gql(LIST, { kinds }, { token });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data.notifications as { nodes: { id: string; kind: string; message: string; done: boolean; read: boolean; salesOrder: { id: string } | null; purchaseOrder: { id: string } | null; followUp: { id: string } | null }[]; unreadCount: number; totalCount: number };
}

async function waitFor<T>(check: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A drop-ship order of 10 mugs with its PO submitted: `receive(n)` ships n of them. */
async function orderWithPo() {
  const mug = await product(t, false, 1250);
  const prj = await project(t);
  const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 10 }]);
  const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
  const receive = (n: number) => ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: n }] } }, 'receivePurchaseOrder');
  return { prj, so, po, receive };
}

describe('read state follows the user into their other sessions', () => {
  it('marking read in one session (instance B) reaches the same user’s other session (instance A), and nobody else', async () => {
    const { po } = await orderWithPo();
    await ok(t, t.production.token, OPS.setPoStatus, { id: po.id, status: 'PROBLEM' }, 'setPurchaseOrderStatus');
    const { receive } = await orderWithPo();
    await receive(4); // READY_TO_INVOICE for the invoicing rep
    const first = await inbox(t.invoicing.token);
    const unread = first.nodes.filter((n) => !n.read);
    expect(unread.length).toBeGreaterThanOrEqual(2);

    const other = await secondSession(t.invoicing.email);
    const there = subscribe(a, t.invoicing.token, READ);
    const here = subscribe(b, other, READ);
    const someoneElse = subscribe(a, t.order.token, READ);
    await Promise.all([there.connected, here.connected, someoneElse.connected]);

    expect((await b.gql(MARK, { ids: [unread[0]!.id] }, { token: other })).data).toEqual({ markNotificationsRead: 1 });
    const got = await waitFor(() => there.received[0]);
    expect(got.data.notificationsRead).toEqual({ ids: [unread[0]!.id], unreadCount: first.unreadCount - 1 });
    // The session that marked it hears it too (harmless), the order rep nothing.
    await waitFor(() => here.received[0]);

    // Marking all read in the first session: the second learns every id and an unread count of 0.
    expect((await a.gql(MARK_ALL, {}, { token: t.invoicing.token })).data).toEqual({ markAllNotificationsRead: first.unreadCount - 1 });
    const all = await waitFor(() => here.received[1]);
    expect(new Set(all.data.notificationsRead.ids)).toEqual(new Set(unread.slice(1).map((n) => n.id)));
    expect(all.data.notificationsRead.unreadCount).toBe(0);
    // Nothing changed, nothing announced.
    expect((await a.gql(MARK_ALL, {}, { token: t.invoicing.token })).data).toEqual({ markAllNotificationsRead: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(there.received).toHaveLength(2);
    expect(someoneElse.received).toEqual([]);
    expect([there.errors, here.errors, someoneElse.errors]).toEqual([[], [], []]);
  });
});

describe('acted-on hand-offs are done', () => {
  it('READY_TO_INVOICE and the PROBLEM flag are done once the order is invoiced; the follow-up once completed', async () => {
    const { so, po, prj, receive } = await orderWithPo();
    await ok(t, t.production.token, OPS.setPoStatus, { id: po.id, status: 'PROBLEM' }, 'setPurchaseOrderStatus');
    await receive(6);
    const followUp = (
      await ok(
        t,
        t.production.token,
        `mutation($input: CreateFollowUpInput!) { createFollowUp(input: $input) { followUp { id } userErrors { code message field } } }`,
        { input: { projectId: prj.id, assigneeId: t.invoicing.userId, dueOn: '2099-01-01', body: 'Invoice the **6 mugs** that shipped', purchaseOrderId: po.id } },
        'createFollowUp',
      )
    ).followUp;
    const about = (nodes: Awaited<ReturnType<typeof inbox>>['nodes']) => ({
      ready: nodes.find((n) => n.kind === 'READY_TO_INVOICE' && n.salesOrder?.id === so.id),
      problem: nodes.find((n) => n.kind === 'PURCHASE_ORDER_PROBLEM' && n.purchaseOrder?.id === po.id),
      followUp: nodes.find((n) => n.followUp?.id === followUp.id),
    });
    const before = about((await inbox(t.invoicing.token)).nodes);
    expect(before).toMatchObject({ ready: { done: false }, problem: { done: false }, followUp: { done: false } });
    expect(before.followUp?.message).toContain('“Invoice the **6 mugs** that shipped”');

    await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice');
    const invoiced = about((await inbox(t.invoicing.token)).nodes);
    expect(invoiced).toMatchObject({ ready: { done: true }, problem: { done: true }, followUp: { done: false } });
    // The order rep's copy of the flag is done too.
    expect(about((await inbox(t.order.token)).nodes).problem).toMatchObject({ done: true });

    await ok(t, t.invoicing.token, `mutation($id: ID!) { completeFollowUp(id: $id) { followUp { id } userErrors { code message field } } }`, { id: followUp.id }, 'completeFollowUp');
    expect(about((await inbox(t.invoicing.token)).nodes).followUp).toMatchObject({ done: true });

    // Ready again (the rest shipped): the new READY_TO_INVOICE is not done.
    await receive(4);
    const again = (await inbox(t.invoicing.token)).nodes.filter((n) => n.kind === 'READY_TO_INVOICE' && n.salesOrder?.id === so.id);
    expect(again.map((n) => n.done)).toEqual([false, false]);
  });

  it('filters by kind; the unread count stays every kind’s', async () => {
    const all = await inbox(t.invoicing.token);
    const followUps = await inbox(t.invoicing.token, ['FOLLOW_UP_ASSIGNED', 'FOLLOW_UP_DUE']);
    expect(followUps.nodes.length).toBeGreaterThan(0);
    expect(followUps.nodes.every((n) => n.kind.startsWith('FOLLOW_UP'))).toBe(true);
    expect(followUps.totalCount).toBe(all.nodes.filter((n) => n.kind.startsWith('FOLLOW_UP')).length);
    expect(followUps.unreadCount).toBe(all.unreadCount);
  });
});

describe('messages are worded when read', () => {
  it('from the stored parameters, in the organization currency; old rows without parameters through their text', async () => {
    const { so, prj, receive } = await orderWithPo();
    await receive(2);
    const { invoice } = await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice');
    const activity = async () => (await a.gql(OPS.activity, { id: prj.id }, { token: t.order.token })).data.project.activity.nodes as { kind: string; message: string }[];
    const created = () => activity().then((nodes) => nodes.find((n) => n.kind === 'invoice.created')!.message);
    expect(await created()).toBe(`${invoice.number} created for ${so.number}: 2 units, total $25.00`);
    const [stored] = await a.sql<{ params: unknown; message: string }>(`select params, message from activity_event where project_id = $1 and kind = 'invoice.created'`, [prj.id]);
    expect(stored).toEqual({ params: { invoice: invoice.number, salesOrder: so.number, units: 2, totalCents: 2500 }, message: `${invoice.number} created for ${so.number}: 2 units, total $25.00` });
    const [ready] = await a.sql<{ params: unknown }>(`select params from notification where sales_order_id = $1 and kind = 'READY_TO_INVOICE'`, [so.id]);
    expect(ready).toEqual({ params: { salesOrder: so.number, project: prj.number, projectName: 'Spring promo', actor: 'Priya Production' } });

    const [org] = await a.sql<{ organization_id: string }>('select organization_id from project where id = $1', [prj.id]);
    await a.sql(`update organization set currency = 'EUR' where id = $1`, [org!.organization_id]);
    try {
      // The same event, shown in the organization's currency now: worded when read, not when written.
      expect(await created()).toBe(`${invoice.number} created for ${so.number}: 2 units, total €25.00`);
    } finally {
      await a.sql(`update organization set currency = 'USD' where id = $1`, [org!.organization_id]);
    }

    // A row of old: no parameters, enum names and cents in its text.
    await a.sql(`update activity_event set params = null, message = $2 where project_id = $1 and kind = 'invoice.created'`, [prj.id, `${invoice.number} created for ${so.number}: 2 units, total 2500 cents`]);
    expect(await created()).toBe(`${invoice.number} created for ${so.number}: 2 units, total 25.00`);
    await a.sql(`update notification set params = null, message = $2 where sales_order_id = $1 and kind = 'READY_TO_INVOICE'`, [so.id, `${so.number} moved to READY_TO_BE_INVOICED`]);
    const old = (await inbox(t.invoicing.token)).nodes.find((n) => n.kind === 'READY_TO_INVOICE' && n.salesOrder?.id === so.id);
    expect(old?.message).toBe(`${so.number} moved to Ready to be invoiced`);
  });
});
