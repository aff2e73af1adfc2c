import type { MikroORM } from '@mikro-orm/postgresql';
import { Logger as WorkerLogger, run, type Runner, type TaskList } from 'graphile-worker';
import pg from 'pg';
import { databaseTrouble } from '../../common/errors.js';
import type { Logger } from '../../logger.js';
import { TENANT_FILTER } from '../../common/tenant.js';
import { invoicePdf } from '../invoice/invoice.document.js';
import { Organization } from '../../common/organization.entity.js';
import type { Mailer } from './mailer.js';
import { OutboxEmail } from './outbox-email.entity.js';
import { SEND_EMAIL_TASK } from './outbox.js';

export interface EmailWorkerOptions {
  url: string;
  orm: MikroORM;
  mailer: Mailer;
  log: Logger;
  /** The address messages come from, e.g. "no-reply@example.com". */
  fromAddress: string;
  /** Other tasks this instance's job worker runs (the follow-up due-date job). */
  tasks?: TaskList;
  /** graphile-worker crontab lines (run once per tick across instances). */
  crontab?: string;
}

/** Sends one outbox message; a failure is recorded and rethrown so graphile-worker retries it later. */
export async function sendOutboxEmail(opts: EmailWorkerOptions, id: string): Promise<void> {
  const em = opts.orm.em.fork();
  const row = await em.findOne(OutboxEmail, { id }, { filters: { [TENANT_FILTER]: false } });
  if (!row || row.sentAt) return; // already sent: a retried job never sends twice
  em.setFilterParams(TENANT_FILTER, { organizationId: row.organization.id });
  const organization = await em.findOneOrFail(Organization, row.organization.id);
  row.attempts += 1;
  try {
    const attachments = row.invoiceId ? [await invoicePdf(em, row.invoiceId)].filter((a) => a !== null) : [];
    const sent = await opts.mailer.send({
      from: `"${organization.name.replace(/"/g, "'")} via Baton" <${opts.fromAddress}>`,
      to: row.to,
      subject: row.subject,
      text: row.text,
      attachments: attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: 'application/pdf' })),
    });
    row.sentAt = new Date();
    row.messageId = sent.messageId;
    row.lastError = null;
    await em.flush();
  } catch (error) {
    row.lastError = error instanceof Error ? error.message.slice(0, 1000) : String(error);
    await em.flush();
    opts.log.warn({ emailId: id, attempt: row.attempts, err: row.lastError }, 'e-mail not sent yet; it will be retried');
    throw error;
  }
}

/** The job worker of this instance (every instance runs one; jobs are locked, each runs once). */
export function startEmailWorker(opts: EmailWorkerOptions): Promise<Runner> {
  const logger = new WorkerLogger(() => (level, message) => {
    if (level === 'error') opts.log.error({ worker: true }, message);
    else if (level === 'warning') opts.log.warn({ worker: true }, message);
    else opts.log.debug({ worker: true }, message);
  });
  return run({
    connectionString: opts.url,
    concurrency: 2,
    noHandleSignals: true,
    pollInterval: 1000,
    logger,
    crontab: opts.crontab,
    taskList: {
      ...opts.tasks,
      [SEND_EMAIL_TASK]: async (payload) => {
        try {
          await sendOutboxEmail(opts, (payload as { id: string }).id);
        } catch (error) {
          // graphile-worker (0.17) records a failed job with one query, not retried on a lost
          // connection, and leaves that promise unhandled: with the database down, the rejection
          // would end the process. When the database is what failed, wait until it answers again.
          if (databaseTrouble(error)?.code === 'SERVICE_UNAVAILABLE') await untilDatabaseAnswers(opts.url, 60_000);
          throw error;
        }
      },
    },
  });
}

/** Resolves once a new connection to `url` answers (or after `limitMs`, whichever comes first). */
async function untilDatabaseAnswers(url: string, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
