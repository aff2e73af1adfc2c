// Live notification delivery: 1,000 users subscribed over graphql-ws, half on each of two Baton
// instances (cross-instance delivery goes through PostgreSQL LISTEN/NOTIFY). An admin adds 100
// notes on instance A, each mentioning 10 different users: 1,000 notifications, one per user.
// Latency = arrival at the subscriber − the moment the mutation was sent. None may be lost.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ADMIN_TOKEN, overviewProjectId, SUBSCRIBERS, subscriberToken } from './dataset.mjs';

const ADD_NOTE = `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code message } } }`;
const PER_NOTE = 10;

export async function measureLive({ startBaton, sizes }) {
  const [a, b] = [await startBaton('baton A'), await startBaton('baton B')];
  const arrived = new Map();
  const clients = [];
  await Promise.all(
    Array.from({ length: SUBSCRIBERS }, (_, idx) => {
      const i = idx + 1;
      const server = i % 2 ? a : b;
      const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${subscriberToken(i)}` }, lazy: false, retryAttempts: 0 });
      clients.push(client);
      return new Promise((resolve, reject) => {
        client.subscribe(
          { query: 'subscription { notificationAdded { id kind } }' },
          { next: () => arrived.set(i, performance.now()), error: reject, complete: () => undefined },
        );
        // graphql-ws has no "subscribed" ack: the server registers the subscription right after `subscribe`;
        // a short settle below covers it.
        client.on('connected', () => resolve());
      });
    }),
  );
  await new Promise((r) => setTimeout(r, 2000));
  const sentAt = new Map();
  const mutationMs = [];
  const project = overviewProjectId(sizes, 2);
  for (let note = 0; note < SUBSCRIBERS / PER_NOTE; note++) {
    const users = Array.from({ length: PER_NOTE }, (_, k) => note * PER_NOTE + k + 1);
    const t0 = performance.now();
    for (const u of users) sentAt.set(u, t0);
    const res = await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: ADD_NOTE, variables: { input: { projectId: project, body: `Bench note ${note}: ${users.map((u) => `@u${u}`).join(' ')}` } } }),
    });
    const body = await res.json();
    mutationMs.push(performance.now() - t0);
    if (body.errors || body.data.addNote.userErrors.length) throw new Error(`addNote failed: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 20)); // ~40 notes/s: a busy office, not a flood
  }
  const until = Date.now() + 10_000;
  while (arrived.size < SUBSCRIBERS && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  await Promise.all(clients.map((c) => c.dispose()));
  const latencies = [...arrived].map(([u, t]) => t - sentAt.get(u)).sort((x, y) => x - y);
  const at = (xs, p) => Math.round(xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] * 10) / 10;
  const pct = (p) => at(latencies, p);
  // The addNote request's own round trip (its response, not the notifications), for reading the latency above.
  mutationMs.sort((x, y) => x - y);
  return {
    subscribers: SUBSCRIBERS, instances: 2, expected: SUBSCRIBERS, delivered: arrived.size, lost: SUBSCRIBERS - arrived.size,
    p50: pct(50), p99: pct(99), max: pct(100),
    mutation: { p50: at(mutationMs, 50), p99: at(mutationMs, 99) },
    targets: { p99Ms: 50, lost: 0 },
  };
}
