// Idle WebSockets (RELIABILITY.md, Hostile input): thousands of sockets opened on /graphql that never
// send connection_init are closed by the server (4408) after WS_INIT_TIMEOUT_MS, every one of them;
// meanwhile a real client signs in over a socket, subscribes and receives its event, and HTTP answers.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

// Both ends of every socket live in this process: stay well inside its open-file limit.
const fileLimit = Number(execFileSync('sh', ['-c', 'ulimit -n']).toString().trim()) || 1024;
const IDLE = Math.min(Number(process.env.IDLE_SOCKETS ?? 5000), Math.floor((fileLimit - 500) / 2));
const INIT_TIMEOUT_MS = 2000;

let app: TestApp;
let t: Team;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  app = await startTestApp({ WS_INIT_TIMEOUT_MS: String(INIT_TIMEOUT_MS) });
  t = await team(app);
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await app?.stop();
});

function open(): Promise<{ socket: WebSocket; closed: Promise<number> }> {
  const socket = new WebSocket(app.url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
  sockets.push(socket);
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

describe('idle WebSockets without connection_init', () => {
  it(`closes all ${IDLE} after the init timeout (4408) while a real client is served`, async () => {
    const idle: Promise<number>[] = [];
    for (let i = 0; i < IDLE; i += 250) {
      const batch = await Promise.all(Array.from({ length: Math.min(250, IDLE - i) }, () => open()));
      idle.push(...batch.map((b) => b.closed));
    }

    // While they hang there: a real client subscribes and gets its event; HTTP answers.
    const { socket } = await open();
    const events: unknown[] = [];
    await new Promise<void>((resolve) => {
      socket.on('message', (raw) => {
        const m = JSON.parse(String(raw));
        if (m.type === 'connection_ack') {
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { notificationAdded { kind } }' } }));
          setTimeout(resolve, 200);
        } else if (m.type === 'next') events.push(m.payload.data.notificationAdded.kind);
      });
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.invoicing.token}` } }));
    });
    const mug = await product(t, false, 100);
    const so = await salesOrder(t, (await project(t)).id, [{ productId: mug.id, quantity: 1 }]);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    await ok(t, t.production.token, OPS.setPoStatus, { id: po.id, status: 'PROBLEM' }, 'setPurchaseOrderStatus');
    await expect.poll(() => events, { timeout: 10_000 }).toEqual(['PURCHASE_ORDER_PROBLEM']);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);

    const codes = await Promise.all(idle);
    const counts: Record<number, number> = {};
    for (const c of codes) counts[c] = (counts[c] ?? 0) + 1;
    console.info(`idle sockets: ${IDLE} opened without connection_init → closed ${JSON.stringify(counts)} (open-file limit ${fileLimit})`);
    expect(counts).toEqual({ 4408: IDLE });
    // The real client, which did initialise, is still connected.
    expect(socket.readyState).toBe(WebSocket.OPEN);
  }, 120_000);
});
