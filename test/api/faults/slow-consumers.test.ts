// Slow WebSocket consumers (RELIABILITY.md, Faults): SLOW of the subscribed clients stop reading
// their sockets while large events keep coming. Each socket write waits for the one before, so once
// the kernel's buffers between the two ends are full, a stuck client's events queue as ids in the
// server; at WS_MAX_PENDING_EVENTS unread (20 here, 1,000 by default) its socket is dropped, so what
// the server holds for it is bounded. Every other client gets every event and stays connected. (The
// queue used before was capped at 1,024 by throwing in the publisher: a single stuck client crashed
// the process.) One socket cannot hold more than WS_MAX_SUBSCRIPTIONS subscriptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { NOTE_BODY_MAX } from '../../../packages/domain/src/mentions.js';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, project, team, type Team } from '../../support/workflow.js';

const FAST = Number(process.env.SLOW_CONSUMERS_FAST ?? 100);
const SLOW = Number(process.env.SLOW_CONSUMERS_SLOW ?? 5);
const EVENTS = 100;
const MAX_PENDING = 20;
/** Each event reaches a slow client as 25 copies of a 10,000-character note: ~250 kB. */
const HEAVY = `subscription { notificationAdded { id ${Array.from({ length: 25 }, (_, i) => `b${i}: note { body }`).join(' ')} } }`;
const LIGHT = 'subscription { notificationAdded { id } }';
const ADD = `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`;

let app: TestApp;
let t: Team;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  app = await startTestApp({ WS_MAX_SUBSCRIPTIONS: '5', WS_MAX_PENDING_EVENTS: String(MAX_PENDING) });
  t = await team(app);
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await app?.stop();
});

interface Peer {
  socket: WebSocket;
  ids: string[];
  errors: unknown[];
  closed: Promise<number>;
}

/** A graphql-transport-ws client by hand (so its socket can be paused), with `queries` subscribed. */
async function connect(token: string, ...queries: string[]): Promise<Peer> {
  const socket = new WebSocket(app.url.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
  sockets.push(socket);
  const peer: Peer = { socket, ids: [], errors: [], closed: new Promise((resolve) => socket.once('close', (code) => resolve(code))) };
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    socket.on('message', (raw) => {
      const m = JSON.parse(String(raw));
      if (m.type === 'connection_ack') {
        queries.forEach((query, i) => socket.send(JSON.stringify({ id: String(i + 1), type: 'subscribe', payload: { query } })));
        setTimeout(resolve, 200); // the subscriptions are set up right after
      } else if (m.type === 'next' && m.payload.data) peer.ids.push(m.payload.data.notificationAdded.id);
      else if (m.type === 'next' || m.type === 'error') peer.errors.push(m.payload);
    });
  });
  return peer;
}

describe('slow WebSocket consumers', () => {
  it(`drops the ${SLOW} that stopped reading; ${FAST} others get all ${EVENTS} events`, async () => {
    const users = (await app.gql('{ users { id handle } }', {}, { token: t.admin.token })).data.users as { id: string; handle: string }[];
    const handle = users.find((u) => u.id === t.invoicing.userId)!.handle;
    const prj = await project(t);

    const fast = await Promise.all(Array.from({ length: FAST }, () => connect(t.invoicing.token, LIGHT)));
    const slow = await Promise.all(Array.from({ length: SLOW }, () => connect(t.invoicing.token, HEAVY)));
    // They stop reading: the bytes pile up in the kernel, then in the server.
    for (const p of slow) (p.socket as unknown as { _socket: { pause(): void } })._socket.pause();

    const body = `@${handle} ` + 'x'.repeat(NOTE_BODY_MAX - handle.length - 2);
    for (let i = 0; i < EVENTS; i++) await ok(t, t.order.token, ADD, { input: { projectId: prj.id, body } }, 'addNote');
    const sent = (await app.sql<{ id: string }>('select id from notification where recipient_id = $1', [t.invoicing.userId])).map((r) => r.id).sort();
    expect(sent).toHaveLength(EVENTS);

    // Every client that reads gets every event, exactly once, and stays connected.
    await expect.poll(() => fast.filter((p) => p.ids.length >= EVENTS).length, { timeout: 60_000 }).toBe(FAST);
    for (const p of fast) {
      expect([...p.ids].sort()).toEqual(sent);
      expect(p.errors).toEqual([]);
      expect(p.socket.readyState).toBe(WebSocket.OPEN);
    }

    // The ones that stopped reading were dropped: reading again, they find the connection gone,
    // short of the events (they would reconnect and catch up through the notifications query).
    for (const p of slow) (p.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    const codes = await Promise.all(slow.map((p) => p.closed));
    const got = slow.map((p) => p.ids.length);
    console.info(`slow consumers: ${FAST} reading got ${EVENTS}/${EVENTS}; ${SLOW} not reading dropped after ${Math.min(...got)}–${Math.max(...got)} of ${EVENTS} events (~250 kB each); close codes ${[...new Set(codes)].join(',')}`);
    expect(codes.every((c) => c === 1006)).toBe(true); // cut by the server, not closed in order
    expect(got.every((n) => n < EVENTS - MAX_PENDING)).toBe(true);
  }, 180_000);

  it('refuses a subscription beyond WS_MAX_SUBSCRIPTIONS on one socket, keeping the others', async () => {
    const peer = await connect(t.invoicing.token, LIGHT, LIGHT, LIGHT, LIGHT, LIGHT, LIGHT);
    await expect.poll(() => peer.errors.length).toBe(1);
    expect(peer.errors[0]).toEqual([expect.objectContaining({ message: 'At most 5 subscriptions per connection.', extensions: { code: 'BAD_REQUEST' } })]);
    expect(peer.socket.readyState).toBe(WebSocket.OPEN);
  });
});
