// Runs the built product the way `pnpm start` does (node apps/api/dist/main.js), on a fresh
// embedded PostgreSQL in a temporary folder, or on a fresh database of DATABASE_URL's server.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { workspaceRoot } from '../../apps/api/src/config.js';

export interface Product {
  url: string;
  dataDir: string;
  output(): string;
  /** The server process's id. */
  pid: number;
  /** Sends `signal` (SIGKILL: a crash) and resolves when the process is gone. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
  /** SIGTERM, and the exit code once the process is gone. */
  stop(): Promise<number | null>;
  /** Removes its data (the temporary folder or the database). */
  destroy(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function adminQuery(sql: string): Promise<void> {
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface ProductOptions {
  /** Reuse the data of an earlier product (restart). */
  dataDir?: string;
  databaseName?: string;
  env?: Record<string, string>;
  /** NODE_ENV for the server (unset by default, as `pnpm start` runs it); e.g. 'production'. */
  nodeEnv?: string;
}

export async function startProduct(opts: ProductOptions = {}): Promise<Product & { databaseName?: string }> {
  const root = workspaceRoot();
  const main = path.join(root, 'apps/api/dist/main.js');
  if (!fs.existsSync(main)) throw new Error('Build first: pnpm build (pnpm test does it)');
  const port = await freePort();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'baton-product-'));
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: String(port), BATON_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...opts.env };
  // Run it as `pnpm start` does, not as a test: libraries change behaviour under NODE_ENV=test
  // (Apollo, for one, only installs its own signal handlers outside tests).
  delete env.NODE_ENV;
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  if (opts.nodeEnv) env.NODE_ENV = opts.nodeEnv;
  let databaseName = opts.databaseName;
  if (process.env.DATABASE_URL) {
    if (!databaseName) {
      databaseName = `baton_t${process.pid}_product_${Math.random().toString(36).slice(2, 8)}`;
      await adminQuery(`create database "${databaseName}"`);
    }
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${databaseName}`;
    env.DATABASE_URL = u.toString();
  } else {
    delete env.DATABASE_URL;
  }
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', main], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the product exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the product did not come up in 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    dataDir,
    databaseName,
    output: () => output,
    pid: child.pid!,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async destroy() {
      if (databaseName) await adminQuery(`drop database if exists "${databaseName}" with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function gql(url: string, query: string, variables?: Record<string, unknown>, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data: any; errors?: unknown[] };
}
