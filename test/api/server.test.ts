import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signUpOrg, startTestApp, type TestApp } from '../support/api-app.js';

let app: TestApp;
let org: Awaited<ReturnType<typeof signUpOrg>>;
beforeAll(async () => {
  app = await startTestApp();
  org = await signUpOrg(app);
});
afterAll(() => app?.stop());

describe('HTTP', () => {
  it('answers /healthz when the database does', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', pool: { used: expect.any(Number), free: expect.any(Number), waiting: 0 }, downloads: { used: 0, free: 3, waiting: 0 } });
  });

  it('answers a malformed JSON body with a JSON 400, not an HTML page', async () => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.js|SyntaxError/);
  });

  it('refuses a body over the size limit with 413 as JSON', async () => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { id } }`, variables: { pad: 'x'.repeat(2_000_000) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('gives every response a request id, keeping a sane one the caller sent', async () => {
    const given = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a cross-site style text/plain POST (CSRF prevention)', async () => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ me { id } }"}' });
    expect(res.status).toBe(400);
  });

  it('answers UNAUTHENTICATED with extensions.code and no stack trace', async () => {
    const r = await app.gql('{ users { id } }');
    expect(r.errors).toEqual([{ message: 'Sign in to do this.', locations: expect.any(Array), path: ['users'], extensions: { code: 'UNAUTHENTICATED' } }]);
  });
});

describe('WebSocket on /graphql (graphql-transport-ws)', () => {
  const connect = (connectionParams?: Record<string, unknown>, headers?: Record<string, string>) =>
    createClient({
      url: app.url.replace('http', 'ws') + '/graphql',
      webSocketImpl: class extends WebSocket {
        constructor(url: string, protocols: string[]) {
          super(url, protocols, { headers });
        }
      },
      connectionParams,
      retryAttempts: 0,
      lazy: true,
    });

  const once = (client: ReturnType<typeof createClient>, query: string) =>
    new Promise<unknown>((resolve, reject) => {
      let result: unknown;
      client.subscribe({ query }, { next: (v) => (result = v), error: reject, complete: () => resolve(result) });
    });

  it('serves operations to a connection authenticated by a bearer token in connectionParams', async () => {
    const client = connect({ authorization: `Bearer ${org.token}` });
    expect(await once(client, '{ me { id } }')).toEqual({ data: { me: { id: org.userId } } });
    await client.dispose();
  });

  it('serves a connection authenticated by the session cookie', async () => {
    const client = connect(undefined, { cookie: `baton_session=${org.token}` });
    expect(await once(client, '{ organization { id } }')).toEqual({ data: { organization: { id: org.organizationId } } });
    await client.dispose();
  });

  it('refuses a connection without a valid session at connection_init (4403)', async () => {
    for (const params of [undefined, { authorization: 'Bearer forged' }]) {
      const client = connect(params);
      const err = await once(client, '{ me { id } }').then(
        () => null,
        (e) => e,
      );
      expect(err).toMatchObject({ code: 4403 });
      await client.dispose();
    }
  });
});

describe('unexpected errors', () => {
  it('are masked for the client (no SQL, no stack) and carry the request id they were logged with', async () => {
    const broken = await startTestApp();
    try {
      const owner = await signUpOrg(broken);
      // Break the organization table under the running server: its resolver now fails in SQL.
      await broken.sql('alter table organization rename column currency to currency_gone');
      const r = await broken.gql('{ organization { id currency } }', {}, { token: owner.token, headers: { 'x-request-id': 'req-masking-1' } });
      expect(r.data).toEqual({ organization: null });
      expect(r.errors).toEqual([
        {
          message: 'Something went wrong on our side; it has been logged.',
          path: expect.arrayContaining(['organization']),
          locations: expect.any(Array),
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-masking-1' },
        },
      ]);
      expect(JSON.stringify(r.errors?.map((e) => [e.message, e.extensions]))).not.toMatch(/currency_gone|select|column|\.ts:|\.js:/i);
    } finally {
      await broken.stop();
    }
  });
});
