// vitest globalSetup of the API project: one PostgreSQL for the run (DATABASE_URL's server, or the
// embedded one in .data/test-postgres), and a migrated template database that every test file
// clones into a database of its own (CREATE DATABASE … TEMPLATE: ~100 ms).
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { workspaceRoot } from '../../apps/api/src/config.js';
import { startEmbeddedPostgres } from '../../apps/api/src/db/embedded-postgres.js';
import { initOrm } from '../../apps/api/src/db/database.js';
import { createLogger } from '../../apps/api/src/logger.js';
import { dropDatabases, withDatabase } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  let serverUrl: string;
  let stopEmbedded = async () => {};
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    // A cluster per run (initdb ≈ 1 s), so parallel runs never stop each other's server;
    // folders of runs that died are removed.
    const base = path.join(workspaceRoot(), '.data', 'test-runs');
    fs.mkdirSync(base, { recursive: true });
    for (const dir of fs.readdirSync(base)) {
      if (!isAlive(Number(dir))) fs.rmSync(path.join(base, dir), { recursive: true, force: true });
    }
    const dataDir = path.join(base, String(process.pid));
    // Removed after the run: durability would only cost time (fsync off; see EmbeddedOptions.throwaway).
    const embedded = await startEmbeddedPostgres({ dataDir, log, database: 'postgres', throwaway: true });
    serverUrl = embedded.url;
    stopEmbedded = async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const prefix = `baton_t${process.pid}_`;
  // Databases left by runs that were killed (their pid is gone) are dropped first.
  await dropDatabases(serverUrl, (name) => {
    const m = /^baton_t(\d+)_/.exec(name);
    return !!m && !isAlive(Number(m[1]));
  });
  const template = `${prefix}template`;
  await withDatabase(serverUrl, 'postgres', (c) => c.query(`create database "${template}"`));
  const orm = await initOrm(withDb(serverUrl, template), log, { poolMax: 2 });
  await orm.close();

  project.provide('databaseServerUrl', serverUrl);
  project.provide('templateDatabase', template);
  return async () => {
    await dropDatabases(serverUrl, (name) => name.startsWith(prefix));
    await stopEmbedded();
  };
}

export function withDb(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
