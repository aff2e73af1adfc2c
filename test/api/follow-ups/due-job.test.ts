// FOLLOW_UP_DUE: the due-date job raises it once per follow-up whatever the number of instances
// sweeping at once, and a restart between due dates loses none (DOMAIN.md, "Follow-ups").
import { addDays, todayUtc } from '../../../packages/domain/src/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { sendDueFollowUps } from '../../../apps/api/src/modules/follow-up/follow-up-due.job.js';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, project, team, type Team } from '../../support/workflow.js';

const CREATE = `mutation($input: CreateFollowUpInput!) { createFollowUp(input: $input) { followUp { id } userErrors { code message } } }`;
const apps: TestApp[] = [];
afterAll(async () => {
  // instances sharing a database first, its owner last
  for (const app of apps.reverse()) await app.stop();
});

async function start(env: Record<string, string> = {}, sameDatabaseAs?: TestApp): Promise<TestApp> {
  const app = await startTestApp(env, sameDatabaseAs ? { sameDatabaseAs } : {});
  apps.push(app);
  return app;
}

async function make(t: Team, projectId: string, dueOn: string, body: string): Promise<string> {
  return (await ok(t, t.production.token, CREATE, { input: { projectId, assigneeId: t.invoicing.userId, dueOn, body } }, 'createFollowUp')).followUp.id;
}

/** FOLLOW_UP_DUE notifications per follow-up id. */
async function dueCounts(app: TestApp): Promise<Map<string, number>> {
  const rows = await app.sql<{ follow_up_id: string; n: number }>(`select follow_up_id, count(*)::int as n from notification where kind = 'FOLLOW_UP_DUE' group by follow_up_id`);
  return new Map(rows.map((r) => [r.follow_up_id, r.n]));
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting for the due-date job');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const queuedSweeps = async (app: TestApp) => (await app.sql<{ n: number }>(`select count(*)::int as n from graphile_worker.jobs where task_identifier = 'follow_ups_due'`))[0]!.n;

describe('the due-date job on two instances', () => {
  it('raises FOLLOW_UP_DUE exactly once per due follow-up, however many sweeps run at once', async () => {
    const a = await start();
    const b = await start({}, a);
    const t = await team(a);
    const prj = await project(t);
    const today = todayUtc();
    const due = await Promise.all(Array.from({ length: 12 }, (_, i) => make(t, prj.id, addDays(today, -(i % 3)), `due ${i}`)));
    const later = await make(t, prj.id, addDays(today, 1), 'not yet');

    // Sweeps on both instances at the same moment, several each.
    const sent = await Promise.all([a, b, a, b, a, b].map((app) => sendDueFollowUps(app.running.orm, today)));
    expect(sent.reduce((x, y) => x + y, 0)).toBe(due.length);
    // The scheduled job itself (queued as the cron does, run by whichever worker is free) adds none.
    await a.sql(`select graphile_worker.add_job('follow_ups_due')`);
    await b.sql(`select graphile_worker.add_job('follow_ups_due')`);
    await until(async () => (await queuedSweeps(a)) === 0);

    const counts = await dueCounts(a);
    for (const id of due) expect(counts.get(id)).toBe(1);
    expect(counts.has(later)).toBe(false);
    const inbox = await a.gql('{ notifications { nodes { kind message actor { id } followUp { id } project { id } } } }', {}, { token: t.invoicing.token });
    const dueNotes = inbox.data.notifications.nodes.filter((n: { kind: string }) => n.kind === 'FOLLOW_UP_DUE');
    expect(dueNotes).toHaveLength(due.length);
    expect(dueNotes[0]).toMatchObject({ actor: null, project: { id: prj.id } });
    expect(dueNotes.map((n: { message: string }) => n.message)).toContain(`Your follow-up on ${prj.number} Spring promo is due today: “due 0”`);
  }, 120_000);

  it('loses none across a restart between due dates, and sends none twice', async () => {
    const day = '2031-03-10';
    const first = await start({ BATON_TODAY: day });
    const t = await team(first);
    const prj = await project(t);
    const onDay = await make(t, prj.id, day, 'on the day');
    const nextDay = await make(t, prj.id, addDays(day, 1), 'the day after');
    const done = await make(t, prj.id, day, 'already done');
    await ok(t, t.invoicing.token, 'mutation($id: ID!) { completeFollowUp(id: $id) { followUp { id } userErrors { code } } }', { id: done }, 'completeFollowUp');

    await first.sql(`select graphile_worker.add_job('follow_ups_due')`);
    await until(async () => (await dueCounts(first)).get(onDay) === 1);
    expect((await dueCounts(first)).has(nextDay)).toBe(false);

    // The instance stops; the next day another starts on the same database: its start-up sweep
    // sends what fell due meanwhile, and nothing again.
    await first.running.stop();
    const second = await start({ BATON_TODAY: addDays(day, 1) }, first);
    await until(async () => (await dueCounts(second)).get(nextDay) === 1);
    await second.sql(`select graphile_worker.add_job('follow_ups_due')`);
    await until(async () => (await queuedSweeps(second)) === 0);
    const counts = await dueCounts(second);
    expect(counts.get(onDay)).toBe(1);
    expect(counts.get(nextDay)).toBe(1);
    expect(counts.has(done)).toBe(false);
  }, 120_000);
});
