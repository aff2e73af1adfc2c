// Sessions: cookie flags, expired and revoked tokens, password change signing out everywhere else,
// open sockets closed on revocation on every instance, and passwords never in the log. (Sign-in
// limits: sign-in-limits.test.ts; the expired-session sweep: session-sweep.test.ts.)
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CREATE_USER, LOG_IN, SIGN_UP, signUpOrg, startTestApp, uniqueEmail, type TestApp } from '../../support/api-app.js';
import { gql, startProduct } from '../../support/product.js';

const PASSWORD = 'correct horse battery';
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { user { id } userErrors { code field } } }`;
const ME = '{ me { id } }';

let app: TestApp;
let other: TestApp;
const clients: Client[] = [];
beforeAll(async () => {
  // TRUST_PROXY: a forwarded https marks the cookie Secure, and each sign-in can be its own address.
  app = await startTestApp({ TRUST_PROXY: 'true' });
  other = await startTestApp({}, { sameDatabaseAs: app });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await other?.stop();
  await app?.stop();
});

let addresses = 0;
const newAddress = () => `203.0.113.${++addresses}`;
const logIn = (email: string, password: string, address: string) => app.gql(LOG_IN, { email, password }, { headers: { 'x-forwarded-for': address } });
const outcome = (r: Awaited<ReturnType<typeof logIn>>) =>
  r.errors?.[0]?.extensions?.code ?? (r.data.logIn.session ? 'OK' : r.data.logIn.userErrors[0].code);

describe('the session cookie', () => {
  it('is httpOnly and SameSite=Lax, Secure over HTTPS (forwarded by a trusted proxy), not over plain HTTP', async () => {
    const { email } = await signUpOrg(app);
    const plain = (await app.gql(LOG_IN, { email, password: PASSWORD })).headers.get('set-cookie')!;
    expect(plain).toMatch(/HttpOnly/);
    expect(plain).toMatch(/SameSite=Lax/);
    expect(plain).not.toMatch(/Secure/);
    const https = (await app.gql(LOG_IN, { email, password: PASSWORD }, { headers: { 'x-forwarded-proto': 'https' } })).headers.get('set-cookie')!;
    expect(https).toMatch(/; Secure/);
    expect(https).toMatch(/HttpOnly/);
  });

  it('is always Secure with COOKIE_SECURE=true', async () => {
    const secure = await startTestApp({ COOKIE_SECURE: 'true' });
    try {
      const r = await secure.gql(SIGN_UP, { organizationName: 'Acme', name: 'Ada Admin', email: uniqueEmail(), password: PASSWORD });
      const cookie = r.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/; Secure/);
      expect(r.headers.get('strict-transport-security')).toMatch(/max-age=/);
    } finally {
      await secure.stop();
    }
  });
});

/** A socket subscribed to the user's notifications; resolves `closed` with the close code. */
function openSocket(on: TestApp, token: string) {
  let closed!: (code: number) => void;
  const closedWith = new Promise<number>((r) => (closed = r));
  let ready!: () => void;
  const connected = new Promise<void>((r) => (ready = r));
  const client = createClient({ url: on.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false, onNonLazyError: () => {} });
  clients.push(client);
  client.on('connected', () => ready());
  client.on('closed', (e) => closed((e as { code: number }).code));
  client.subscribe({ query: 'subscription { notificationAdded { id } }' }, { next: () => {}, error: () => {}, complete: () => {} });
  return { connected, closedWith };
}

const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

describe('tokens', () => {
  it('refuses an expired token over HTTP and at the WebSocket connection_init', async () => {
    const { token, userId } = await signUpOrg(app);
    await app.sql(`update session set expires_at = now() - interval '1 second' where user_id = $1`, [userId]);
    expect((await app.gql(ME, {}, { token })).data.me).toBeNull();
    expect((await app.gql('{ users { id } }', {}, { token })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await within(openSocket(app, token).closedWith, 3000)).toBe(4403);
  });

  it('refuses a token after logOut, and closes its open sockets on every instance within seconds', async () => {
    const { token } = await signUpOrg(app);
    const onA = openSocket(app, token);
    const onB = openSocket(other, token);
    await Promise.all([onA.connected, onB.connected]);
    expect((await other.gql('mutation { logOut }', {}, { token })).data.logOut).toBe(true);
    expect(await within(onA.closedWith, 3000)).toBe(4403);
    expect(await within(onB.closedWith, 3000)).toBe(4403);
    expect((await app.gql(ME, {}, { token })).data.me).toBeNull();
  });

  it('changePassword keeps the session in use and revokes every other one, sockets included', async () => {
    const { token: current, email, userId } = await signUpOrg(app);
    const second = (await app.gql(LOG_IN, { email, password: PASSWORD })).data.logIn.session.token;
    const third = (await app.gql(LOG_IN, { email, password: PASSWORD })).data.logIn.session.token;
    const socket = openSocket(other, second);
    const mine = openSocket(app, current);
    await Promise.all([socket.connected, mine.connected]);

    const r = await app.gql(CHANGE, { c: PASSWORD, n: 'a brand new passphrase' }, { token: current });
    expect(r.data.changePassword).toEqual({ user: { id: userId }, userErrors: [] });
    expect(await within(socket.closedWith, 3000)).toBe(4403);
    expect((await app.gql(ME, {}, { token: second })).data.me).toBeNull();
    expect((await app.gql(ME, {}, { token: third })).data.me).toBeNull();
    expect((await app.gql(ME, {}, { token: current })).data.me.id).toBe(userId);
    expect(outcome(await logIn(email, PASSWORD, newAddress()))).toBe('INVALID_CREDENTIALS');
    expect(outcome(await logIn(email, 'a brand new passphrase', newAddress()))).toBe('OK');
    // The socket of the session in use stays open.
    expect(await Promise.race([mine.closedWith, new Promise((r) => setTimeout(() => r('open'), 500))])).toBe('open');
  });

  it('changePassword refuses a wrong current password or a bad new one, changing nothing', async () => {
    const { token, email, userId } = await signUpOrg(app);
    const second = (await app.gql(LOG_IN, { email, password: PASSWORD })).data.logIn.session.token;
    const [before] = await app.sql('select password_hash from app_user where id = $1', [userId]);
    const wrong = await app.gql(CHANGE, { c: 'not my password', n: 'a brand new passphrase' }, { token });
    expect(wrong.data.changePassword).toEqual({ user: null, userErrors: [{ code: 'INVALID_CREDENTIALS', field: ['currentPassword'] }] });
    const short = await app.gql(CHANGE, { c: PASSWORD, n: 'short' }, { token });
    expect(short.data.changePassword).toEqual({ user: null, userErrors: [{ code: 'INVALID_INPUT', field: ['newPassword'] }] });
    expect(await app.sql('select password_hash from app_user where id = $1', [userId])).toEqual([before]);
    expect((await app.gql(ME, {}, { token: second })).data.me.id).toBe(userId);
    expect((await app.gql(CHANGE, { c: PASSWORD, n: 'a brand new passphrase' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the log', () => {
  it('never holds a password, at the most verbose level, whatever the request did', async () => {
    const product = await startProduct({ env: { LOG_LEVEL: 'trace', SEED_DEMO: 'false' } });
    try {
      const secrets = ['Sign-Up-Secret-4711', 'Wrong-Guess-Secret-0815', 'Created-User-Secret-1234', 'Changed-Secret-9876'];
      const email = uniqueEmail('logged');
      const up = await gql(product.url, SIGN_UP, { organizationName: 'Acme', name: 'Ada Admin', email, password: secrets[0] });
      const token = up.data.signUp.session.token;
      await gql(product.url, LOG_IN, { email, password: secrets[1] });
      await gql(product.url, LOG_IN, { email, password: secrets[0] });
      await gql(product.url, CREATE_USER, { name: 'Rita Rep', email: uniqueEmail(), password: secrets[2], roles: ['ORDER_REP'] }, token);
      await gql(product.url, CHANGE, { c: secrets[0], n: secrets[3] }, token);
      // A request that fails to parse still carries a password in its body.
      await fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"query": "mutation { logIn(email: \\"${email}\\", password: \\"${secrets[1]}\\") }", ` });
      await new Promise((r) => setTimeout(r, 300));
      const log = product.output();
      expect(log.length).toBeGreaterThan(1000); // it did log, verbosely
      for (const secret of secrets) expect(log).not.toContain(secret);
      expect(log).not.toContain(token);
    } finally {
      await product.stop();
      await product.destroy();
    }
  });
});

describe('signing in while signed in', () => {
  it('signs up a new organization or logs into another account from a browser still holding a session', async () => {
    // Found by the authorization matrix: these answered INTERNAL_SERVER_ERROR (the viewer's
    // organization guard refused the new organization / the other account's session).
    const first = await signUpOrg(app, 'First Org');
    const second = await signUpOrg(app, 'Second Org');
    const up = await app.gql(SIGN_UP, { organizationName: 'Third Org', name: 'Ada Admin', email: uniqueEmail(), password: PASSWORD }, { token: first.token });
    expect(up.errors).toBeUndefined();
    expect(up.data.signUp.session.organization.name).toBe('Third Org');
    const other = await app.gql(LOG_IN, { email: second.email, password: PASSWORD }, { token: first.token });
    expect(other.errors).toBeUndefined();
    expect(other.data.logIn.session.organization.id).toBe(second.organizationId);
  });
});
