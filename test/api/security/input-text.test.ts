// Input as it arrives (issue 12, finding 10): a subscription sent over HTTP POST is refused (it
// was executed); text is normalised to NFC before anything stores or echoes it, and a lone UTF-16
// surrogate is refused as malformed like NUL (it was stored as U+FFFD while the answer echoed it).
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { team, type Team } from '../../support/workflow.js';

const CREATE = `mutation($name: String!) { createClient(name: $name) { client { id name } userErrors { code } } }`;

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
}, 120_000);
afterAll(() => app?.stop());

const rawPost = (body: string) => fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.order.token}` }, body });

describe('a subscription over HTTP', () => {
  it('is refused with a 400 and executes nothing (it belongs on the WebSocket)', async () => {
    t.app.queries.reset();
    const r = await app.gql('subscription { notificationAdded { id } }', {}, { token: t.accountant.token });
    expect(r.status).toBe(400);
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(r.errors?.[0]?.message).toMatch(/WebSocket/);
    // Nothing ran beyond the session lookup.
    expect(app.queries.statements.filter((s) => !/from session s join app_user/.test(s))).toEqual([]);
  });
});

describe('text', () => {
  it('is stored and echoed in NFC, whether sent composed or decomposed, in variables or literals', async () => {
    const decomposed = 'Cafe\u0301 Zu\u0308rich';
    const composed = 'Café Zürich';
    expect(decomposed).not.toBe(composed);
    const byVariable = await app.gql(CREATE, { name: decomposed }, { token: t.order.token });
    expect(byVariable.data.createClient.client.name).toBe(composed);
    const byLiteral = await app.gql(`mutation { createClient(name: "${decomposed}") { client { id name } userErrors { code } } }`, {}, { token: t.order.token });
    expect(byLiteral.data.createClient.client.name).toBe(composed);
    const rows = await app.sql<{ name: string }>('select name from client where id = any($1)', [[byVariable.data.createClient.client.id, byLiteral.data.createClient.client.id]]);
    expect(rows.map((r) => r.name)).toEqual([composed, composed]);
  });

  it('with a lone surrogate is refused as BAD_USER_INPUT (400), in variables and literals, and nothing is stored', async () => {
    const before = await app.sql('select count(*)::int as n from client');
    for (const name of ['Acme \\ud800 Ltd', '\\udc00 Acme']) {
      // JSON escapes carry the lone surrogate as JSON.parse reads it.
      const res = await rawPost(`{"query": ${JSON.stringify(CREATE)}, "variables": {"name": "${name}"}}`);
      const text = await res.text();
      expect(res.status, text).toBe(400);
      const parsed = JSON.parse(text);
      expect(parsed.errors[0].extensions.code, text).toBe('BAD_USER_INPUT');
      expect(parsed.errors[0].message).toMatch(/surrogate/);
    }
    // In a literal, graphql-js's own parser refuses it (400) before anything runs.
    const literal = await rawPost(`{"query": "mutation { createClient(name: \\"Acme \\ud83d Ltd\\") { client { id } } }"}`);
    expect(literal.status).toBe(400);
    expect(await app.sql('select count(*)::int as n from client')).toEqual(before);
    // A well-formed pair (an emoji) is text like any other.
    const emoji = await app.gql(CREATE, { name: 'Acme 🧾 Ltd' }, { token: t.order.token });
    expect(emoji.data.createClient.client.name).toBe('Acme 🧾 Ltd');
  });

  it('is held to the same rules over WebSocket', async () => {
    const client = createClient({ url: app.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${t.order.token}` }, retryAttempts: 0 });
    const run = (query: string, variables: Record<string, unknown>) =>
      new Promise<string>((resolve) => {
        let last: unknown;
        client.subscribe({ query, variables }, { next: (v) => (last = v), error: (e) => resolve(JSON.stringify(e)), complete: () => resolve(JSON.stringify(last)) });
      });
    try {
      expect(await run(CREATE, { name: 'Lone \ud800' })).toMatch(/surrogate/);
      expect(JSON.parse(await run(CREATE, { name: 'Cafe\u0301 WS' })).data.createClient.client.name).toBe('Café WS');
    } finally {
      await client.dispose();
    }
  });
});
