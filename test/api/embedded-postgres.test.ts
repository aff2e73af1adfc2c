// The embedded PostgreSQL of `pnpm start`: recovers from a run killed with SIGKILL (its postmaster
// survives, with its postmaster.pid), and keeps its data across restarts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../apps/api/src/db/embedded-postgres.js';
import { createLogger } from '../../apps/api/src/logger.js';
import { workspaceRoot } from '../../apps/api/src/config.js';

const log = createLogger('silent');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempDir(mode = 0o755): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-embedded-'));
  fs.chmodSync(dir, mode);
  dirs.push(dir);
  return dir;
}

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('survives a SIGKILLed owner: the next start stops the stale server and keeps the data', async () => {
    const dataDir = path.join(tempDir(), 'data');
    // A child process starts the server, writes a row, and is killed with SIGKILL.
    const script = `
      import { startEmbeddedPostgres } from './src/db/embedded-postgres.ts';
      import { createLogger } from './src/logger.ts';
      import pg from 'pg';
      const e = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, log: createLogger('silent') });
      const c = new pg.Client(e.url); await c.connect();
      await c.query("create table kept(v text); insert into kept values ('before the crash')");
      await c.end();
      process.stdout.write('ready\\n');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', '--input-type=module', '-e', script], {
      cwd: path.join(workspaceRoot(), 'apps/api'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('ready') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    expect(fs.existsSync(pidFile)).toBe(true);
    const stalePid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);

    const again = await startEmbeddedPostgres({ dataDir, log });
    try {
      expect(await query(again.url, 'select v from kept')).toEqual([{ v: 'before the crash' }]);
      expect(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])).not.toBe(stalePid);
    } finally {
      await again.stop();
    }
    expect(fs.existsSync(pidFile)).toBe(false);
  }, 60_000);

  it('removes a postmaster.pid whose pid now belongs to another program', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const first = await startEmbeddedPostgres({ dataDir, log });
    await first.stop();
    fs.writeFileSync(path.join(first.pgdata, 'postmaster.pid'), `${process.pid}\n${first.pgdata}\n`);
    const second = await startEmbeddedPostgres({ dataDir, log });
    try {
      expect(await query(second.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it.runIf(process.getuid?.() === 0)('as root, runs from a folder the postgres user can reach when the checkout is private', async () => {
    const dataDir = path.join(tempDir(0o700), 'data');
    const e = await startEmbeddedPostgres({ dataDir, log });
    try {
      expect(e.pgdata.startsWith('/var/lib/baton/')).toBe(true);
      expect(await query(e.url, 'select current_user as u')).toEqual([{ u: 'postgres' }]);
    } finally {
      await e.stop();
      fs.rmSync(path.dirname(e.pgdata), { recursive: true, force: true });
    }
  }, 60_000);
});
