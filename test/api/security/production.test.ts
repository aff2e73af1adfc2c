// The built server as `pnpm start` runs it with NODE_ENV=production: the holes a default Apollo
// Server 5 leaves open (schema by introspection, "Did you mean", stack traces, HTML error pages,
// 5,000 aliases, 20 MB bodies) are closed, over HTTP and over WebSocket.
import pg from 'pg';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { productDatabaseUrl } from '../../support/cluster.js';
import { gql, startProduct, type Product } from '../../support/product.js';

let product: Product;
let token: string;
beforeAll(async () => {
  product = await startProduct({ nodeEnv: 'production' });
  const r = await gql(product.url, `mutation { logIn(email: "admin@demo.test", password: "baton-demo") { session { token } } }`);
  token = r.data.logIn.session.token;
}, 120_000);
afterAll(async () => {
  await product?.stop();
  await product?.destroy();
});

const post = (body: unknown, raw = false) =>
  fetch(`${product.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: raw ? (body as string) : JSON.stringify(body) });

/** Nothing in a response may show code: no stack frames, no file paths, no SQL. */
const INTERNALS = /stacktrace|\bat [\w.<>]+ \(|\/[\w.-]+\.(js|ts):\d+|node_modules|\bselect\b.*\bfrom\b|column \\?"|relation \\?"|does not exist|syntax error at/i;

describe('production mode', () => {
  it('refuses introspection, as a whole and by __type', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Invoice") { fields { name } } }']) {
      const r = await post({ query });
      expect(r.status).toBe(400);
      const body = (await r.json()) as any;
      expect(body.data).toBeUndefined();
      expect(body.errors[0].message).toMatch(/introspection/i);
    }
  });

  it('gives no "Did you mean" hint for a typo, signed in or not', async () => {
    for (const query of ['{ mee { id } }', '{ me { emial } }', '{ invoicesReprt { totalCents } }']) {
      const r = await post({ query });
      const text = await r.text();
      expect(r.status).toBe(400);
      expect(text).not.toMatch(/Did you mean|"me"|email|invoicesReport/);
    }
  });

  it('masks an unexpected error: no stack, no SQL, a request id to quote', async () => {
    // Break a table under the running server (its own embedded cluster): the resolver now fails in SQL.
    const db = new pg.Client({ connectionString: productDatabaseUrl(product) });
    await db.connect();
    try {
      await db.query('alter table organization rename column currency to currency_gone');
      const res = await post({ query: '{ organization { id currency } }' });
      const text = await res.text();
      const body = JSON.parse(text);
      expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) });
      expect(text, text).not.toMatch(INTERNALS);
      expect(text).not.toMatch(/currency_gone/);
      // The server logged it, with that request id, for whoever reads the log.
      await new Promise((r) => setTimeout(r, 200));
      expect(product.output()).toContain(body.errors[0].extensions.requestId);
    } finally {
      await db.query('alter table organization rename column currency_gone to currency');
      await db.end();
    }
  });

  it('answers malformed JSON, oversized bodies and alias bombs with JSON errors, never HTML', async () => {
    const bad = await post('{"query": ', true);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/json/);
    expect(await bad.text()).not.toMatch(INTERNALS);

    const big = await post({ query: '{ me { id } }', variables: { pad: 'x'.repeat(20 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(await big.text()).not.toMatch(INTERNALS);

    const aliases = Array.from({ length: 5000 }, (_, i) => `a${i}: me { id }`).join(' ');
    const bomb = await post({ query: `{ ${aliases} }` });
    expect(bomb.status).toBe(400);
    expect(((await bomb.json()) as any).data).toBeUndefined();
  });

  it('names no framework in any refusal (issue 12, finding 10: the introspection refusal named it)', async () => {
    const FRAMEWORKS = /apollo|express|body-parser|type-?graphql|graphql-js|mikro-?orm|knex|node_modules|x-powered-by/i;
    const url = `${product.url}/graphql`;
    const json = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const answers = await Promise.all([
      post({ query: '{ __schema { types { name } } }' }),
      post({ query: 'subscription { notificationAdded { id } }' }),
      post([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
      post({ query: '{ me { ... @defer { id } } }' }),
      post({ query: '{ me { emial } }' }),
      post({ variables: {} }),
      post('{"query": ', true),
      fetch(`${url}?query=${encodeURIComponent('{ me { id } }')}`), // no preflight header: CSRF refusal
      fetch(`${url}?query=${encodeURIComponent('mutation { logOut }')}`, { headers: { 'apollo-require-preflight': 'true' } }),
      fetch(url, { method: 'PUT', headers: json, body: JSON.stringify({ query: '{ me { id } }' }) }),
      fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ me { id } }' }),
      fetch(`${product.url}/nowhere`, { method: 'POST' }),
    ]);
    for (const res of answers) {
      const text = await res.text();
      expect(res.status, text).toBeGreaterThanOrEqual(400);
      expect(text, text).not.toMatch(FRAMEWORKS);
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    const introspection = (await (await post({ query: '{ __schema { types { name } } }' })).json()) as any;
    expect(introspection.errors[0].message).toBe('Introspection is disabled on this server.');
  });

  it('closes the same holes over WebSocket', async () => {
    const client = createClient({ url: product.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const run = (query: string) =>
      new Promise<string>((resolve) => {
        let last: unknown;
        client.subscribe({ query }, { next: (v) => (last = v), error: (e) => resolve(JSON.stringify(e)), complete: () => resolve(JSON.stringify(last)) });
      });
    try {
      const introspection = await run('{ __schema { types { name } } }');
      expect(introspection).toMatch(/introspection/i);
      expect(introspection).not.toMatch(/apollo/i);
      const typo = await run('{ me { emial } }');
      expect(typo).toMatch(/Cannot query field .{0,2}emial/);
      expect(typo).not.toMatch(/Did you mean/);
      expect(await run(`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: me { id }`).join(' ')} }`)).toMatch(/Aliases limit/);
      expect(await run('{ me { email } }')).toMatch(/admin@demo\.test/);
    } finally {
      await client.dispose();
    }
  });
});
