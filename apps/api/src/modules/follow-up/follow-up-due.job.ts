import { todayUtc } from '@baton/domain';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Runner, TaskList } from 'graphile-worker';
import type { Logger } from '../../logger.js';
import { TENANT_FILTER } from '../../common/tenant.js';
import { completeHandOffs, raiseHandOff } from '../notification/hand-off.js';
import { excerpt } from './follow-up.service.js';

/**
 * FOLLOW_UP_DUE, sent once for every open follow-up due today or before (DOMAIN.md, "Follow-ups").
 *
 * It runs as a graphile-worker job, in the job queue every instance already works for e-mail:
 * - at start, each instance queues it under one job key (instances starting together share one job);
 * - graphile-worker's cron queues it every hour; its `known_crontabs` bookkeeping in PostgreSQL makes
 *   one instance of all of them queue each hour's run, and a job is locked by the worker running it.
 * Exactly once does not rest on that, though: each follow-up is claimed by setting `due_notified_at`
 * in the same transaction as its notification (rows locked, `skip locked`, re-checked), so two sweeps
 * at once, a retried job or a restart never announce one twice, and a sweep after downtime sends
 * everything that fell due meanwhile.
 */
export const FOLLOW_UPS_DUE_TASK = 'follow_ups_due';
export const FOLLOW_UPS_DUE_CRONTAB = `0 * * * * ${FOLLOW_UPS_DUE_TASK} ?jobKey=${FOLLOW_UPS_DUE_TASK}`;

const BATCH = 500;

interface Claimed {
  id: string;
  project_id: string;
  assignee_id: string;
  due_on: string;
  body: string;
}

/** Sends the due notifications of every organization as of `today`; returns how many it sent. */
export async function sendDueFollowUps(orm: MikroORM, today: string): Promise<number> {
  const orgs = await orm.em
    .fork()
    .getConnection()
    .execute<{ organization_id: string }[]>(`select distinct organization_id from follow_up where not done and due_notified_at is null and due_on <= ?::date`, [today]);
  let sent = 0;
  for (const { organization_id: organizationId } of orgs) {
    for (;;) {
      const em = orm.em.fork();
      em.setFilterParams(TENANT_FILTER, { organizationId });
      const claimed = await em.transactional(async (tx) => {
        const rows = await tx.getConnection().execute<Claimed[]>(
          `update follow_up set due_notified_at = now()
            where id in (select id from follow_up
                          where organization_id = ? and not done and due_notified_at is null and due_on <= ?::date
                          order by due_on, id limit ${BATCH} for update skip locked)
              and not done and due_notified_at is null
          returning id, project_id, assignee_id, to_char(due_on, 'YYYY-MM-DD') as due_on, body`,
          [organizationId, today],
          'all',
          tx.getTransactionContext(),
        );
        for (const r of rows) {
          raiseHandOff(tx, { kind: 'FOLLOW_UP_DUE', followUpId: r.id, projectId: r.project_id, assigneeId: r.assignee_id, dueOn: r.due_on, today, excerpt: excerpt(r.body), actorId: null });
        }
        // The notifications and their live announcements commit with the claim, or neither does.
        await completeHandOffs(tx);
        return rows.length;
      });
      sent += claimed;
      if (claimed < BATCH) break;
    }
  }
  return sent;
}

/** The job's task, for the worker's task list. */
export function followUpTasks(orm: MikroORM, today: () => string, log: Logger): TaskList {
  return {
    [FOLLOW_UPS_DUE_TASK]: async () => {
      const sent = await sendDueFollowUps(orm, today());
      if (sent) log.info({ sent }, 'follow-ups due: notified their assignees');
    },
  };
}

/** Queues a sweep now (at start): one job key, so instances starting together queue one. */
export async function queueDueFollowUpsSweep(runner: Runner): Promise<void> {
  await runner.addJob(FOLLOW_UPS_DUE_TASK, {}, { jobKey: FOLLOW_UPS_DUE_TASK, maxAttempts: 5 });
}

/** Today for the job: BATON_TODAY in tests, else the UTC date. */
export function jobToday(override: string | undefined): () => string {
  return () => override ?? todayUtc();
}
