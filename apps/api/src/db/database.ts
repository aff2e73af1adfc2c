import { MikroORM } from '@mikro-orm/postgresql';
import { Logger as WorkerLogger, runMigrations as runWorkerMigrations } from 'graphile-worker';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { ormConfig, type OrmOptions } from './orm-config.js';

export interface Database {
  url: string;
  embedded: boolean;
  /** Stops the embedded server (no-op with DATABASE_URL). */
  stop(): Promise<void>;
}

/** DATABASE_URL when given; otherwise the embedded PostgreSQL under the data folder. */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
  return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
}

// graphile-worker's own schema (the e-mail outbox's job queue) is installed with ours.
const quietWorkerLogger = new WorkerLogger(() => () => undefined);

// Any constant will do: instances starting together take turns to migrate and seed.
const MIGRATION_LOCK = 727_100_001;

/** Runs `work` while holding a cluster-wide advisory lock, so concurrent starts take turns. */
export async function withStartupLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await work();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/** Connects the ORM and applies every pending committed migration. */
export async function initOrm(url: string, log: Logger, { directUrl = url, ...options }: Omit<OrmOptions, 'url' | 'log'> & { directUrl?: string } = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig({ url, log, ...options }));
  // The lock is a session's (pg_advisory_lock): on a direct connection, never through a pooler.
  await withStartupLock(directUrl, async () => {
    const applied = await orm.getMigrator().up();
    await runWorkerMigrations({ connectionString: directUrl, logger: quietWorkerLogger });
    if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  });
  return orm;
}
