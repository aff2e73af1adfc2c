import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from './config.js';
import { initOrm, openDatabase, withStartupLock } from './db/database.js';
import { ReadReplicas } from './db/replicas.js';
import { createLogger, type Logger } from './logger.js';
import { demoLogins, DEMO_PASSWORD, seedDemoIfEmpty } from './seed/demo.js';
import { FOLLOW_UPS_DUE_CRONTAB, followUpTasks, jobToday, queueDueFollowUpsSweep } from './modules/follow-up/follow-up-due.job.js';
import { startEmailWorker } from './modules/email/email.worker.js';
import { createMailer } from './modules/email/mailer.js';
import { startLive } from './modules/notification/live.js';
import { createApp } from './server.js';

export interface Running {
  port: number;
  orm: MikroORM;
  stop(): Promise<void>;
}

/** Database (embedded or DATABASE_URL) → migrations → demo data → HTTP + WebSocket server. */
export interface StartOptions {
  /** Sees every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

export async function startBaton(config: Config, log: Logger, options: StartOptions = {}): Promise<Running> {
  const db = await openDatabase(config, log);
  try {
    // What needs a session of its own (LISTEN, the job queue, the startup lock) connects directly
    // when DATABASE_URL goes through a transaction pooler (DATABASE_DIRECT_URL).
    const directUrl = (db.embedded ? undefined : config.databaseDirectUrl) ?? db.url;
    const poolOptions = {
      poolMax: config.dbPoolMax,
      acquireTimeoutMs: config.dbPoolAcquireTimeoutMs,
      statementTimeoutMs: config.dbStatementTimeoutMs,
      onQuery: options.onQuery,
    };
    const orm = await initOrm(db.url, log, { ...poolOptions, directUrl });
    if (config.seedDemo) await withStartupLock(directUrl, () => seedDemoIfEmpty(orm, log));
    const replicas = config.databaseReadUrls.length
      ? await ReadReplicas.start(db.url, config.databaseReadUrls, { ...poolOptions, maxLagMs: config.replicaMaxLagMs, checkMs: config.replicaCheckMs }, log)
      : undefined;
    const live = startLive(directUrl, log, { maxPending: config.wsMaxPendingEvents });
    const mailer = createMailer(config.smtpUrl, config.dataDir, log);
    const worker = await startEmailWorker({
      url: directUrl,
      orm,
      mailer,
      log,
      fromAddress: config.mailFrom,
      tasks: followUpTasks(orm, jobToday(config.followUpToday), log),
      crontab: FOLLOW_UPS_DUE_CRONTAB,
    });
    // FOLLOW_UP_DUE at start too: what fell due while no instance ran goes out now.
    await queueDueFollowUpsSweep(worker);
    const app = await createApp({ orm, replicas, live, config, log });
    const port = await app.listen(config.port, config.host);
    return {
      port,
      orm,
      async stop() {
        const step = async (what: string, work: () => Promise<unknown> | unknown) => {
          log.debug(`stopping: ${what}`);
          await work();
        };
        await step('HTTP and WebSocket', () => app.stop());
        await step('e-mail worker', () => worker.stop());
        await step('mailer', () => mailer.close());
        await step('live listener', () => live.stop());
        await step('replicas', () => replicas?.stop());
        await step('database pool', () => orm.close());
        await step('database', () => db.stop());
      },
    };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const running = await startBaton(config, log);
  const url = `http://localhost:${running.port}`;
  log.info({ url }, 'Baton is up');

  const logins = config.seedDemo ? await demoLogins(running.orm) : [];
  const lines = [`\n  Baton is running at ${url}\n`];
  if (logins.length) {
    lines.push(`  Demo sign-ins (password: ${DEMO_PASSWORD}):`);
    for (const l of logins) lines.push(`    ${l.email.padEnd(24)} ${l.role}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = 0;
  const shutdown = (signal: string) => {
    // A second Ctrl-C (not the echo of the first, as `timeout` or a process group sends) exits at once.
    if (stopping) {
      if (Date.now() - stopping < 3000) return;
      log.warn('second signal: exiting now');
      process.exit(1);
    }
    stopping = Date.now();
    log.info({ signal }, 'shutting down: draining requests, closing subscriptions, stopping the database');
    const force = setTimeout(() => {
      log.error('shutdown took over 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    running.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, '/'))) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
