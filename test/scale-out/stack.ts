// The scale-out stack on this machine, all real processes: API instances (the built product),
// nginx in front of them, PgBouncer in transaction mode in front of the primary.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from '../../apps/api/src/config.js';
import { freePort } from '../support/pg-replicated.js';

const asRoot = process.getuid?.() === 0;

function need(bin: string, pkg: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${bin} || ls /usr/sbin/${bin} 2>/dev/null`], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  if (!found) throw new Error(`${bin} not found: apt-get install -y ${pkg}`);
  return found;
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Instance {
  port: number;
  pid(): number | undefined;
  start(): Promise<void>;
  /** Sends the signal and resolves with the exit code once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
  output(): string;
}

export function instance(port: number, env: Record<string, string>, dataDir: string): Instance {
  const main = path.join(workspaceRoot(), 'apps/api/dist/main.js');
  if (!fs.existsSync(main)) throw new Error('Build first: pnpm build (pnpm scale-out does it)');
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> | undefined;
  let out = '';
  return {
    port,
    pid: () => child?.pid,
    output: () => out,
    async start() {
      const childEnv: Record<string, string> = { ...(process.env as Record<string, string>), ...env, PORT: String(port), HOST: '127.0.0.1', BATON_DATA_DIR: dataDir };
      delete childEnv.NODE_ENV;
      for (const key of Object.keys(childEnv)) if (key.startsWith('VITEST')) delete childEnv[key];
      child = spawn(process.execPath, [main], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
      child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
      const c = child;
      exited = new Promise((resolve) => c.once('exit', (code) => resolve(code)));
      await waitFor(`instance :${port} (${out.slice(-2000)})`, async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok);
    },
    async kill(signal) {
      if (!child || child.exitCode !== null) return child?.exitCode ?? null;
      child.kill(signal);
      return exited!;
    },
  };
}

export interface Nginx {
  port: number;
  /** Rewrites the upstream to these ports and reloads (graceful: open connections finish). */
  upstream(ports: number[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startNginx(dir: string, ports: number[]): Promise<Nginx> {
  const bin = need('nginx', 'nginx');
  const port = await freePort();
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const conf = path.join(dir, 'nginx.conf');
  // The site is deploy/nginx-baton.conf's, with this machine's upstream and port.
  const write = (upstream: number[]) =>
    fs.writeFileSync(
      conf,
      `${asRoot ? 'user root;\n' : ''}worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream baton {
${upstream.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n')}
  }
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  server {
    listen 127.0.0.1:${port};
    client_max_body_size 2m;
    proxy_next_upstream error timeout;
    proxy_next_upstream_tries 3;
    proxy_connect_timeout 2s;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    location /graphql {
      proxy_pass http://baton; proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade;
      proxy_read_timeout 1h; proxy_send_timeout 1h;
    }
    location /reports/ { proxy_pass http://baton; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; proxy_read_timeout 15m; }
    location / { proxy_pass http://baton; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`,
    );
  write(ports);
  const child = spawn(bin, ['-c', conf, '-p', dir, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitFor(`nginx (${out})`, async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status > 0);
  return {
    port,
    async upstream(next) {
      write(next);
      child.kill('SIGHUP');
      // Old workers finish their connections; new ones have the new upstream.
      await new Promise((r) => setTimeout(r, 1000));
    },
    async stop() {
      child.kill('SIGQUIT');
      await exited;
    },
  };
}

export interface PgBouncer {
  port: number;
  stop(): Promise<void>;
}

/** PgBouncer in transaction mode in front of `primaryPort` (deploy/pgbouncer.ini's settings). */
export async function startPgBouncer(dir: string, primaryPort: number, database: string, poolSize: number): Promise<PgBouncer> {
  const bin = need('pgbouncer', 'pgbouncer');
  const port = await freePort();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'userlist.txt'), '"postgres" ""\n');
  fs.writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    `[databases]
${database} = host=127.0.0.1 port=${primaryPort} dbname=${database}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${dir}/userlist.txt
pool_mode = transaction
default_pool_size = ${poolSize}
max_client_conn = 2000
ignore_startup_parameters = extra_float_digits,statement_timeout,idle_in_transaction_session_timeout
server_reset_query =
logfile = ${dir}/pgbouncer.log
pidfile = ${dir}/pgbouncer.pid
`,
  );
  const ids = asRoot ? { uid: Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout), gid: Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout) } : undefined;
  if (ids) for (const f of ['', 'userlist.txt', 'pgbouncer.ini']) fs.chownSync(path.join(dir, f), ids.uid, ids.gid);
  const child = spawn(bin, [path.join(dir, 'pgbouncer.ini')], { ...(ids ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const net = await import('node:net');
  await waitFor(`pgbouncer (${out})`, () => new Promise((resolve) => net.connect(port, '127.0.0.1').on('connect', function (this: import('node:net').Socket) { this.destroy(); resolve(true); }).on('error', () => resolve(false))));
  return {
    port,
    async stop() {
      child.kill('SIGINT');
      await exited;
    },
  };
}
