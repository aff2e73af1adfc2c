import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEmail, type EmailKind } from './outbox-email.entity.js';

export const SEND_EMAIL_TASK = 'send_email';

/** Queues an e-mail in the current transaction: the outbox row and its job commit (or not) together. */
export async function queueEmail(
  em: EntityManager,
  email: { kind: EmailKind; to: string[]; subject: string; text: string; invoiceId?: string | null },
): Promise<OutboxEmail> {
  const row = em.create(OutboxEmail, { ...email, invoiceId: email.invoiceId ?? null });
  await em.flush();
  await em.getConnection().execute(
    `select graphile_worker.add_job(?, json_build_object('id', ?::text), max_attempts => 25, job_key => ?)`,
    [SEND_EMAIL_TASK, row.id, `email:${row.id}`],
    'all',
    em.getTransactionContext(),
  );
  return row;
}
