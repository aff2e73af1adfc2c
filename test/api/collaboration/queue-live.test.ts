// The invoicing queue live across instances: an order made ready on instance B reaches the
// invoicingQueueChanged subscription on instance A within a second (PostgreSQL LISTEN/NOTIFY), for
// the people who may invoice; an order rep is refused (FORBIDDEN); another organization hears nothing.
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

function subscribe(app: TestApp, token: string, query: string) {
  const client = createClient({ url: app.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  clients.push(client);
  const received: { data?: any; at: number }[] = [];
  const errors: any[] = [];
  let ready!: () => void;
  const connected = new Promise<void>((resolve) => (ready = resolve));
  client.on('connected', () => setTimeout(ready, 100)); // the subscribe message follows the ack
  client.subscribe({ query }, { next: (v) => received.push({ ...v, at: Date.now() }), error: (e) => errors.push(e), complete: () => {} });
  return { received, errors, connected };
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

const QUEUE_CHANGED = 'subscription { invoicingQueueChanged { inQueue salesOrder { id number readyToInvoiceCents } } }';

describe('the invoicing queue, live across two instances', () => {
  it('shows on A, within a second, an order made ready on B, and its leaving when it is invoiced', async () => {
    const widget = await product(t, true, 250);
    await ok(t, t.purchasing.token, OPS.adjustStock, { id: widget.id, q: 10, reason: 'count' }, 'adjustStock');
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: widget.id, quantity: 4 }]);

    const invoicing = subscribe(a, t.invoicing.token, QUEUE_CHANGED);
    const stranger = subscribe(a, other.invoicing.token, QUEUE_CHANGED);
    await Promise.all([invoicing.connected, stranger.connected]);

    await ok({ app: b }, t.purchasing.token, OPS.scheduleSalesOrder, { id: so.id }, 'scheduleSalesOrder');
    const entered = await waitFor(() => invoicing.received[0]);
    expect(entered.data.invoicingQueueChanged).toEqual({ inQueue: true, salesOrder: { id: so.id, number: so.number, readyToInvoiceCents: 1000 } });

    await ok({ app: b }, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice');
    const left = await waitFor(() => invoicing.received[1]);
    expect(left.data.invoicingQueueChanged).toEqual({ inQueue: false, salesOrder: { id: so.id, number: so.number, readyToInvoiceCents: 0 } });

    await new Promise((r) => setTimeout(r, 300));
    expect(invoicing.received).toHaveLength(2);
    expect(stranger.received).toEqual([]);
    expect([invoicing.errors, stranger.errors]).toEqual([[], []]);
  });

  it('refuses whoever may not invoice (FORBIDDEN)', async () => {
    const rep = subscribe(a, t.order.token, QUEUE_CHANGED);
    const got = await waitFor(() => rep.errors[0] ?? rep.received[0]);
    expect(JSON.stringify(got)).toContain('FORBIDDEN');
  });
});
