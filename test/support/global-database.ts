// vitest globalSetup of the API project: one PostgreSQL for the run (DATABASE_URL's server, or the
// embedded one in .data/test-postgres), and a migrated template database that every test file
// clones into a database of its own (CREATE DATABASE … TEMPLATE: ~100 ms).
import 'reflect-metadata';
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
    const dataDir = path.join(workspaceRoot(), '.data', 'test-postgres');
    const embedded = await startEmbeddedPostgres({ dataDir, log, database: 'postgres' });
    serverUrl = embedded.url;
    stopEmbedded = () => embedded.stop();
  }
  const prefix = `baton_t${process.pid}_`;
  // Databases left by runs that were killed (their pid is gone) are dropped first.
  await dropDatabases(serverUrl, (name) => {
    const m = /^baton_t(\d+)_/.exec(name);
    if (!m) return false;
    try {
      process.kill(Number(m[1]), 0);
      return false;
    } catch {
      return true;
    }
  });
  const template = `${prefix}template`;
  await withDatabase(serverUrl, 'postgres', (c) => c.query(`create database "${template}"`));
  const orm = await initOrm(withDb(serverUrl, template), log, 2);
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
