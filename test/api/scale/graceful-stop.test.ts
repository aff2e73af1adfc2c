// Closing time (SIGTERM runs the same stop()): the instance stops accepting, answers every request
// already in flight, including one whose connection was accepted but whose request had not arrived
// yet (a balancer that had sent it would otherwise answer 502, and never retry a POST), and closes
// its WebSockets with 1001 Going away, which clients answer by reconnecting.
import net from 'node:net';
import pg from 'pg';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { signUpOrg, startTestApp } from '../../support/api-app.js';

/** A raw HTTP/1.1 POST on its own connection; resolves with everything the server sent. */
function rawConnection(port: number): { connected: Promise<void>; send(text: string): void; answer: Promise<string> } {
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d) => (answer += d));
  socket.on('error', () => undefined);
  return {
    connected: new Promise((resolve) => socket.once('connect', () => resolve())),
    send: (text) => socket.write(text),
    answer: new Promise((resolve) => socket.on('close', () => resolve(answer))),
  };
}

describe('graceful stop', () => {
  it('answers every request in flight, and a request on a connection accepted before the stop, then closes sockets with 1001', async () => {
    const app = await startTestApp();
    const admin = await signUpOrg(app, 'Draining Co');
    const port = Number(new URL(app.url).port);
    // Rows as well as the count: totals alone come from the rollup, which the lock on invoice does not hold.
    const body = JSON.stringify({ query: '{ invoicesReport(first: 50) { totalCount nodes { id } } me { id } }' });
    const request = `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${admin.token}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    // A subscriber, connected and initialised.
    const ws = new WebSocket(`${app.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${admin.token}` } })));
      ws.on('message', (m) => JSON.parse(String(m)).type === 'connection_ack' && resolve());
      ws.on('error', reject);
    });
    // Requests in flight, held by a lock on the table they read until after the stop began.
    const blocker = new pg.Client({ connectionString: app.databaseUrl });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query('lock table invoice in access exclusive mode');
    const inFlight = Array.from({ length: 10 }, () => rawConnection(port));
    await Promise.all(inFlight.map((c) => c.connected));
    for (const c of inFlight) c.send(request);
    // A connection accepted, its request not sent yet.
    const early = rawConnection(port);
    await early.connected;
    // Once the server answered a request on a connection opened after these, it has accepted them all
    // and read the requests sent on them.
    const probe = rawConnection(port);
    await probe.connected;
    probe.send('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect((await probe.answer).slice(0, 15)).toBe('HTTP/1.1 200 OK');
    const stopping = app.stop();
    await new Promise((r) => setTimeout(r, 200));
    // The early connection sends its request only now; then the lock goes.
    early.send(request);
    await new Promise((r) => setTimeout(r, 200));
    await blocker.query('rollback');
    await blocker.end();
    const answers = await Promise.all([...inFlight, early].map((c) => c.answer));
    expect(answers.map((a, i) => `${i}:${a.slice(0, 15)}`)).toEqual(answers.map((_, i) => `${i}:HTTP/1.1 200 OK`));
    expect(answers.every((a) => a.includes('"totalCount":0'))).toBe(true);
    expect(await closed).toBe(1001);
    await stopping;
    // And nothing new is accepted.
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
  });
});
