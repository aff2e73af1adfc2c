// A PostgreSQL 15 primary with a streaming replica made by pg_basebackup, in a temporary folder on
// ports of its own (the machine's server is never touched). Debian's postgresql-15 binaries; as root
// the servers run as the `postgres` system user.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function postgresIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

export function run(bin: string, args: string[], options: { quiet?: boolean } = {}): Promise<string> {
  const ids = postgresIds();
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(PG_BIN, bin), args, { ...(ids ?? {}), env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 || options.quiet ? resolve(out) : reject(new Error(`${bin} ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

export interface PgServer {
  port: number;
  dir: string;
  url(database?: string): string;
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`. */
  stop(): Promise<void>;
  running(): boolean;
  query<R extends Record<string, unknown> = Record<string, unknown>>(sql: string, params?: unknown[], database?: string): Promise<R[]>;
}

function server(dir: string, port: number): PgServer {
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    dir,
    url,
    start: async () => void (await run('pg_ctl', ['start', '-D', dir, '-w', '-t', '60', '-l', path.join(dir, 'server.log')])),
    stop: async () => void (await run('pg_ctl', ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '60'], { quiet: true })),
    running: () => fs.existsSync(path.join(dir, 'postmaster.pid')),
    async query(sql, params, database) {
      const c = new pg.Client({ connectionString: url(database) });
      c.on('error', () => undefined); // a server stopped mid-query: the query rejects, that is enough
      await c.connect();
      try {
        return (await c.query(sql, params)).rows;
      } finally {
        await c.end();
      }
    },
  };
}

export interface Replicated {
  root: string;
  primary: PgServer;
  replica: PgServer;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  destroy(): Promise<void>;
}

export interface ReplicatedOptions {
  /** The database to create on the primary (replicated like the rest). */
  database?: string;
  maxConnections?: number;
}

/** initdb, start the primary, pg_basebackup -R the replica, start it; both with pg_stat_statements. */
export async function startReplicated({ database = 'baton', maxConnections = 200 }: ReplicatedOptions = {}): Promise<Replicated> {
  if (!fs.existsSync(path.join(PG_BIN, 'pg_basebackup'))) throw new Error(`PostgreSQL 15 binaries not found in ${PG_BIN} (apt-get install postgresql-15)`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-replicated-'));
  const ids = postgresIds();
  if (ids) fs.chownSync(root, ids.uid, ids.gid);
  fs.chmodSync(root, 0o700);
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  await run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  fs.appendFileSync(
    path.join(primaryDir, 'postgresql.conf'),
    [
      `port = ${primaryPort}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${root}'`,
      `max_connections = ${maxConnections}`,
      `wal_level = replica`,
      `max_wal_senders = 5`,
      `hot_standby = on`,
      `hot_standby_feedback = on`,
      `fsync = off`,
      `synchronous_commit = on`,
      `shared_preload_libraries = 'pg_stat_statements'`,
      `pg_stat_statements.track = all`,
      '',
    ].join('\n'),
  );
  const primary = server(primaryDir, primaryPort);
  await primary.start();
  await primary.query(`create database "${database}"`);
  await primary.query('create extension if not exists pg_stat_statements', [], database);
  await run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast']);
  fs.appendFileSync(path.join(replicaDir, 'postgresql.conf'), `port = ${replicaPort}\n`);
  const replica = server(replicaDir, replicaPort);
  await replica.start();
  const caughtUp = async (timeoutMs = 10_000) => {
    const [{ lsn }] = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')) as [{ lsn: string }];
    const until = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await replica.query<{ done: boolean }>(`select pg_last_wal_replay_lsn() >= $1::pg_lsn as done`, [lsn]);
      if (row?.done) return;
      if (Date.now() > until) throw new Error('the replica did not catch up');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await caughtUp();
  return {
    root,
    primary,
    replica,
    caughtUp,
    async destroy() {
      await replica.stop();
      await primary.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
