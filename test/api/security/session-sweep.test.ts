// The sweep that closes the WebSockets of sessions that expired (DOMAIN.md, Signing in: within 30
// seconds of expiry; here SESSION_SWEEP_MS=500). Expiry sends no notice, so only the sweep can
// see it: a session expired in the database loses every socket it has open (4403) within one
// sweep, with one socket open on the instance and with many, and the sockets of other sessions stay.
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LOG_IN, signUpOrg, startTestApp, type TestApp } from '../../support/api-app.js';

const SWEEP_MS = 500;
// A sweep runs every SWEEP_MS; the bound leaves room for a loaded machine, and is far below the
// 84 s an expired session was seen receiving live events before the sweep was fixed.
const WITHIN_MS = 10_000;

let app: TestApp;
const clients: Client[] = [];
beforeAll(async () => {
  app = await startTestApp({ SESSION_SWEEP_MS: String(SWEEP_MS) });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await app?.stop();
});

/** A socket subscribed to its user's notifications; `closed` resolves with the close code. */
function openSocket(token: string) {
  let closed!: (code: number) => void;
  const closedWith = new Promise<number>((r) => (closed = r));
  let ready!: () => void;
  const connected = new Promise<void>((r) => (ready = r));
  const client = createClient({ url: app.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false, onNonLazyError: () => {} });
  clients.push(client);
  client.on('connected', () => ready());
  client.on('closed', (e) => closed((e as { code: number }).code));
  client.subscribe({ query: 'subscription { notificationAdded { id } }' }, { next: () => {}, error: () => {}, complete: () => {} });
  return { connected, closedWith };
}

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);
const stillOpen = (p: Promise<number>, ms: number) => Promise.race([p, new Promise((r) => setTimeout(() => r('open'), ms))]);

const expire = (sessionToken: string) =>
  app.sql(`update session set expires_at = now() - interval '1 second' where token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [sessionToken]);

describe('the expired-session sweep', () => {
  it('closes the one socket of a session expired in the database (4403) within one sweep', async () => {
    const { token } = await signUpOrg(app);
    const socket = openSocket(token);
    await socket.connected;
    const [row] = await expire(token).then(() => app.sql<{ n: number }>(`select count(*)::int as n from session where expires_at <= now()`));
    expect(row?.n).toBe(1);
    const started = Date.now();
    expect(await within(socket.closedWith, WITHIN_MS)).toBe(4403);
    console.info(`session sweep: 1 socket of an expired session closed after ${Date.now() - started} ms (sweep every ${SWEEP_MS} ms)`);
  });

  it('with many sockets open, closes every socket of the expired session and only those', async () => {
    const { token, email } = await signUpOrg(app);
    const other = (await app.gql(LOG_IN, { email, password: 'correct horse battery' })).data.logIn.session.token as string;
    const stranger = (await signUpOrg(app, 'Other Org')).token;
    const doomed = Array.from({ length: 4 }, () => openSocket(token));
    const kept = [...Array.from({ length: 3 }, () => openSocket(other)), ...Array.from({ length: 3 }, () => openSocket(stranger))];
    await Promise.all([...doomed, ...kept].map((s) => s.connected));

    await expire(token);
    const started = Date.now();
    expect(await within(Promise.all(doomed.map((s) => s.closedWith)), WITHIN_MS)).toEqual([4403, 4403, 4403, 4403]);
    console.info(`session sweep: 4 sockets of an expired session closed within ${Date.now() - started} ms among 10 open`);
    // Several sweeps later the other sessions' sockets are still open.
    expect(await Promise.all(kept.map((s) => stillOpen(s.closedWith, SWEEP_MS * 4)))).toEqual(Array(6).fill('open'));
    expect((await app.gql('{ me { id } }', {}, { token: other })).data.me).not.toBeNull();
  });
});
