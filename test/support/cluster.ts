// PostgreSQL clusters a test owns: the embedded cluster of a product it started, or one of its own,
// which it may restart or stop (pg_ctl) without touching the cluster other test files share.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nativeDir, startEmbeddedPostgres, type EmbeddedPostgres } from '../../apps/api/src/db/embedded-postgres.js';
import { createLogger } from '../../apps/api/src/logger.js';
import type { Product } from './product.js';

/** The folder holding a product's embedded cluster (its data folder, or the fallback it logged). */
function embeddedHome(product: Product): string {
  if (fs.existsSync(path.join(product.dataDir, 'embedded-postgres.json'))) return product.dataDir;
  const home = /"using":"([^"]+)"/.exec(product.output())?.[1];
  if (!home) throw new Error(`cannot find the embedded cluster of the product at ${product.dataDir}`);
  return home;
}

/** A superuser URL of a product's database: its own database on DATABASE_URL's server, or its embedded one. */
export function productDatabaseUrl(product: Product & { databaseName?: string }, database = 'baton'): string {
  if (product.databaseName && process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${product.databaseName}`;
    return url.toString();
  }
  const home = embeddedHome(product);
  const { password } = JSON.parse(fs.readFileSync(path.join(home, 'embedded-postgres.json'), 'utf8')) as { password: string };
  // postmaster.pid: pid, data directory, start time, port, …
  const port = fs.readFileSync(path.join(home, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]?.trim();
  if (!port) throw new Error(`no port in the postmaster.pid under ${home}`);
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

export interface OwnCluster extends EmbeddedPostgres {
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back on the same port. */
  restart(): Promise<void>;
  /** The URL of another database of this cluster. */
  urlFor(database: string): string;
}

function pgCtl(pgdata: string, args: string[]): Promise<string> {
  const fallbackBin = path.join(path.dirname(pgdata), 'native', 'bin');
  const bin = fs.existsSync(fallbackBin) ? fallbackBin : path.join(nativeDir(), 'bin');
  const asRoot = process.getuid?.() === 0;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(bin, 'pg_ctl'), args, { ...(asRoot ? { uid: id('-u'), gid: id('-g') } : {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`pg_ctl ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

/** A fresh embedded cluster in a temporary folder, for this test file alone. */
export async function startOwnCluster(): Promise<OwnCluster> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-own-pg-'));
  const cluster = await startEmbeddedPostgres({ dataDir, log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), database: 'postgres' });
  return {
    ...cluster,
    restart: async () => {
      await pgCtl(cluster.pgdata, ['restart', '-D', cluster.pgdata, '-m', 'fast', '-w', '-t', '60', '-l', path.join(cluster.pgdata, 'server.log')]);
    },
    urlFor(database) {
      const u = new URL(cluster.url);
      u.pathname = `/${database}`;
      return u.toString();
    },
    async stop() {
      await cluster.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(cluster.pgdata), { recursive: true, force: true });
    },
  };
}
