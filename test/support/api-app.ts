// Starts a real Baton server (HTTP + WebSocket) on a database of the test file's own, and talks
// to it only through its public surface.
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../../apps/api/src/config.js';
import { createLogger } from '../../apps/api/src/logger.js';
import { startBaton, type Running } from '../../apps/api/src/main.js';
import { cloneTemplate, withDatabase } from './databases.js';

export interface GqlResult<T = any> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown }; path?: string[] }[];
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

export interface TestApp {
  url: string;
  databaseUrl: string;
  dataDir: string;
  running: Running;
  /** SQL statements the server ran since the last reset (list queries assert on it). */
  queries: { count: number; statements: string[]; reset(): void };
  gql<T = any>(query: string, variables?: Record<string, unknown>, opts?: CallOptions): Promise<GqlResult<T>>;
  /** Runs SQL straight on the test database (assertions on what was written). */
  sql<R extends Record<string, unknown> = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  /** Another instance on the database of this app (scale-out tests); it leaves the database alone on stop. */
  sameDatabaseAs?: TestApp;
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const server = inject('databaseServerUrl');
  const db = options.sameDatabaseAs
    ? { url: options.sameDatabaseAs.databaseUrl, name: new URL(options.sameDatabaseAs.databaseUrl).pathname.slice(1) }
    : await cloneTemplate(server, inject('templateDatabase'));
  const config = {
    // Test files sign up many organizations from 127.0.0.1: the sign-up limit (10 an hour by
    // default) is lifted unless a test sets it (sign-in-limits.test.ts does).
    ...loadConfig({ ...process.env, SIGNUP_RATE_LIMIT: '1000000', ...env }),
    databaseUrl: db.url,
    port: 0,
    host: '127.0.0.1',
    seedDemo: env.SEED_DEMO === 'true',
    dbPoolMax: env.DB_POOL_MAX ? Number(env.DB_POOL_MAX) : 5,
    // Its own data folder (outgoing mail files land there without SMTP_URL).
    dataDir: env.BATON_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'baton-test-data-')),
  };
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const queries = {
    count: 0,
    statements: [] as string[],
    reset() {
      this.count = 0;
      this.statements = [];
    },
  };
  const started = await startBaton(config, log, {
    onQuery: (sql) => {
      queries.count++;
      queries.statements.push(sql);
    },
  });
  // Stopping twice is stopping once: a test may stop an instance's server (a restart) and later the app.
  let stopping: Promise<void> | null = null;
  const running: Running = { ...started, stop: () => (stopping ??= started.stop()) };
  const url = `http://127.0.0.1:${running.port}`;

  return {
    url,
    databaseUrl: db.url,
    running,
    queries,
    async gql(query, variables, opts = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.cookie) headers.cookie = opts.cookie;
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data: any; errors?: GqlResult['errors'] };
      return { status: res.status, data: body.data, errors: body.errors, headers: res.headers };
    },
    async sql(text, params) {
      return withDatabase(server, db.name, async (c) => (await c.query(text, params)).rows);
    },
    dataDir: config.dataDir,
    async stop() {
      await running.stop();
      if (!env.BATON_DATA_DIR) fs.rmSync(config.dataDir, { recursive: true, force: true });
      if (!options.sameDatabaseAs) await withDatabase(server, 'postgres', (c) => c.query(`drop database if exists "${db.name}" with (force)`));
    },
  };
}

export const SIGN_UP = /* GraphQL */ `
  mutation SignUp($organizationName: String!, $name: String!, $email: String!, $password: String!) {
    signUp(organizationName: $organizationName, name: $name, email: $email, password: $password) {
      session { token user { id name email handle roles } organization { id name currency } }
      userErrors { code message field }
    }
  }
`;

export const LOG_IN = /* GraphQL */ `
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      session { token user { id name } organization { id name } }
      userErrors { code message field }
    }
  }
`;

let seq = 0;
/** A unique e-mail per call (e-mail addresses are unique across organizations). */
export function uniqueEmail(who = 'user'): string {
  return `${who}.${process.pid}.${Date.now().toString(36)}.${++seq}@example.com`;
}

/** Signs up a new organization; returns its admin's token and ids. */
export async function signUpOrg(app: TestApp, organizationName = 'Acme Promo') {
  const email = uniqueEmail('admin');
  const r = await app.gql(SIGN_UP, { organizationName, name: 'Ada Admin', email, password: 'correct horse battery' });
  const s = r.data.signUp.session;
  if (!s) throw new Error(`signUp refused: ${JSON.stringify(r.data.signUp.userErrors)}`);
  return { token: s.token as string, userId: s.user.id as string, organizationId: s.organization.id as string, email };
}

export const CREATE_USER = /* GraphQL */ `
  mutation CreateUser($name: String!, $email: String!, $password: String!, $roles: [Role!]!, $handle: String) {
    createUser(name: $name, email: $email, password: $password, roles: $roles, handle: $handle) {
      user { id name email handle roles active emailOnMention }
      userErrors { code message field }
    }
  }
`;

/** Creates a user with `roles` in the admin's organization and signs them in. */
export async function userWithRoles(app: TestApp, adminToken: string, roles: string[], name = 'Rita Rep') {
  const email = uniqueEmail(roles[0]?.toLowerCase() ?? 'user');
  const password = 'correct horse battery';
  const created = await app.gql(CREATE_USER, { name, email, password, roles }, { token: adminToken });
  const user = created.data.createUser.user;
  if (!user) throw new Error(`createUser refused: ${JSON.stringify(created.data.createUser.userErrors)}`);
  const login = await app.gql(LOG_IN, { email, password });
  return { token: login.data.logIn.session.token as string, userId: user.id as string, email };
}
