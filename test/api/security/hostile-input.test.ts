// Hostile input against a running server (test mode; production-only behaviour is in
// production.test.ts): each probe that a default Apollo Server 5 lets through is refused here before
// anything executes, and our own client's operations still pass the same limits.
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, validate, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { QUERY_LIMITS, limitRules } from '../../../apps/api/src/common/query-limits.js';
import { signUpOrg, startTestApp, type TestApp } from '../../support/api-app.js';

let app: TestApp;
let org: Awaited<ReturnType<typeof signUpOrg>>;
let projectId: string;
beforeAll(async () => {
  app = await startTestApp();
  org = await signUpOrg(app);
  const c = await app.gql(`mutation { createClient(name: "Globex") { client { id } } }`, {}, { token: org.token });
  const p = await app.gql(`mutation($c: ID!, $o: ID!) { createProject(name: "P", clientId: $c, orderRepId: $o) { project { id } } }`, { c: c.data.createClient.client.id, o: org.userId }, { token: org.token });
  projectId = p.data.createProject.project.id;
});
afterAll(() => app?.stop());

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${org.token}`, ...headers }, body });

/** project → salesOrders → project → … `pairs` times: valid against the schema, only too deep. */
function depthBomb(pairs: number): string {
  let inner = 'id';
  for (let i = 0; i < pairs; i++) inner = `salesOrders { project { ${inner} } }`;
  return `query($id: ID!) { project(id: $id) { id ${inner} } }`;
}

/** Asserts a refusal before execution: a 400 with GRAPHQL_VALIDATION_FAILED or GRAPHQL_PARSE_FAILED, no data. */
async function refusedBeforeExecution(res: Response, message: RegExp) {
  const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
  expect(res.status).toBe(400);
  expect(body.data).toBeUndefined();
  expect(body.errors[0]?.extensions.code).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
  expect(body.errors.map((e) => e.message).join('\n')).toMatch(message);
  expect(JSON.stringify(body)).not.toMatch(/stacktrace|\.js:\d+|\.ts:\d+/);
}

describe('query limits, over HTTP', () => {
  it('runs a query just inside the depth limit', async () => {
    const r = await post(JSON.stringify({ query: depthBomb(5), variables: { id: projectId } }));
    expect(r.status).toBe(200);
    expect(((await r.json()) as any).data.project.id).toBe(projectId);
  });

  it.each([10, 1000])('refuses a depth bomb of %i nested pairs (depth ≈ 2 × pairs) before execution', async (pairs) => {
    const started = app.queries.count;
    const r = await post(JSON.stringify({ query: depthBomb(pairs), variables: { id: projectId } }));
    await refusedBeforeExecution(r, pairs > 100 ? /nests deeper than 64 levels/ : /Query depth limit of 12 exceeded/);
    // Only the session lookup ran: the resolver never did.
    expect(app.queries.count - started).toBeLessThanOrEqual(1);
  });

  it('refuses an alias bomb of 5,000 logIn attempts whole: no password is checked', async () => {
    const aliases = Array.from({ length: 5000 }, (_, i) => `a${i}: logIn(email: "victim@example.com", password: "guess${i}") { userErrors { code } }`).join(' ');
    const r = await post(JSON.stringify({ query: `mutation { ${aliases} }` }));
    // 5,000 aliases are also ~50,000 tokens: parsing stops at the token limit first.
    await refusedBeforeExecution(r, /more that 5000 tokens/);
    const fewer = Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ');
    await refusedBeforeExecution(await post(JSON.stringify({ query: `{ ${fewer} }` })), /Aliases limit of 30 exceeded, found 31/);
  });

  it('refuses a token bomb (a 100 kB query) while parsing', async () => {
    const query = `{ me { ${'id '.repeat(35_000)} } }`;
    expect(query.length).toBeGreaterThan(100_000);
    await refusedBeforeExecution(await post(JSON.stringify({ query })), /more that 5000 tokens/);
  });

  it('refuses a cost bomb: nested pages of 100', async () => {
    const query = `{ projects(first: 100) { nodes { activity(first: 100) { nodes { id kind message createdAt } } salesOrders { lines { id } invoices { lines { id } } } } } }`;
    await refusedBeforeExecution(await post(JSON.stringify({ query })), /Query cost limit of 50000 exceeded/);
  });

  it('refuses a directive bomb', async () => {
    const query = `{ me { id ${'@include(if: true) '.repeat(25)} } }`;
    await refusedBeforeExecution(await post(JSON.stringify({ query })), /Directives limit of 20 exceeded/);
  });

  it('refuses a fragment bomb (exponential through reused fragments) by its cost', async () => {
    const levels = 8;
    const frags = Array.from({ length: levels }, (_, i) =>
      i === levels - 1
        ? `fragment F${i} on Project { id name number }`
        : `fragment F${i} on Project { salesOrders { project { ...F${i + 1} } } purchaseOrders { project { ...F${i + 1} } } invoices { project { ...F${i + 1} } } }`,
    ).join('\n');
    const r = await post(JSON.stringify({ query: `query($id: ID!) { project(id: $id) { ...F0 } }\n${frags}`, variables: { id: projectId } }));
    await refusedBeforeExecution(r, /limit of \d+ exceeded/);
  });

  it('refuses a batched array of operations', async () => {
    const r = await post(JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]));
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/batch/i);
  });

  it('refuses a mutation over GET, and a GET without the CSRF header', async () => {
    const q = encodeURIComponent('mutation { logOut }');
    const withHeader = await fetch(`${app.url}/graphql?query=${q}`, { headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${org.token}` } });
    expect(withHeader.status).toBe(405);
    const simple = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ me { id } }')}`);
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/cross-site request forgery/);
  });

  it('refuses a 20 MB body with a JSON 413 and a malformed one with a JSON 400, never HTML', async () => {
    const big = await post(JSON.stringify({ query: '{ me { id } }', variables: { pad: 'x'.repeat(20 * 1024 * 1024) } }));
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toMatch(/application\/json/);
    for (const body of ['{"query": ', '<html>', '{"query": "{ me { id } }",}', '\u0000\u0001']) {
      const bad = await post(body);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/application\/json/);
      expect(await bad.text()).not.toMatch(/<html|<pre>|at .*\.js/i);
    }
    const unknown = await fetch(`${app.url}/graphql-nope`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('sends the security headers (helmet) and no x-powered-by', async () => {
    const r = await fetch(`${app.url}/healthz`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('clamps `first` above 100 to 100 rather than serving more', async () => {
    const r = await app.gql('{ projects(first: 100000) { nodes { id } } }', {}, { token: org.token });
    expect(r.errors).toBeUndefined();
    expect(r.data.projects.nodes.length).toBeLessThanOrEqual(100);
  });
});

describe('query limits, over WebSocket', () => {
  it('applies the same limits to subscriptions and operations sent over the socket, which stays open', async () => {
    const client = createClient({ url: app.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${org.token}` }, retryAttempts: 0 });
    const run = (query: string, variables?: Record<string, unknown>) =>
      new Promise<{ data?: any; errors?: any[] }>((resolve) => {
        let last: any;
        client.subscribe({ query, variables }, { next: (v) => (last = v), error: (e) => resolve({ errors: Array.isArray(e) ? e : [e] }), complete: () => resolve(last) });
      });
    try {
      const deep = await run(depthBomb(10), { id: projectId });
      expect(JSON.stringify(deep.errors)).toMatch(/Query depth limit of 12 exceeded/);
      const aliases = await run(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: me { id }`).join(' ')} }`);
      expect(JSON.stringify(aliases.errors)).toMatch(/Aliases limit of 30 exceeded/);
      const nested = await run(depthBomb(1000), { id: projectId });
      expect(JSON.stringify(nested.errors)).toMatch(/nests deeper than 64 levels/);
      const tokens = await run(`{ me { ${'id '.repeat(6000)} } }`);
      expect(JSON.stringify(tokens.errors)).toMatch(/more that 5000 tokens/);
      // The socket is still open and serving.
      expect(await run('{ me { id } }')).toEqual({ data: { me: { id: org.userId } } });
    } finally {
      await client.dispose();
    }
  });
});

describe('our own client', () => {
  it('has every operation of apps/web within the limits (the limits refuse attacks, not users)', () => {
    const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../../packages/schema/schema.graphql'), 'utf8'));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.graphql')) files.push(p);
      }
    };
    walk(path.resolve(__dirname, '../../../apps/web/src'));
    const definitions: DefinitionNode[] = files.flatMap((f) => parse(fs.readFileSync(f, 'utf8')).definitions);
    const fragments = definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
    const operations = definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operations.length).toBeGreaterThan(10);
    for (const op of operations) {
      const errors = validate(schema, { kind: Kind.DOCUMENT, definitions: [op, ...fragments] }, limitRules);
      expect(errors.map((e) => e.message), (op as { name?: { value: string } }).name?.value).toEqual([]);
    }
    expect(QUERY_LIMITS.depth).toBeLessThan(20);
  });
});
