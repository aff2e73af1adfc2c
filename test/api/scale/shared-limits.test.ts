// Limits that add up across instances: two instances on one database let an organization run
// DOWNLOADS_PER_ORGANIZATION downloads in all, not that many on each (the budget is held as
// transaction-level advisory locks on the primary); sign-in failures are counted together too.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_IN, startTestApp, type TestApp } from '../../support/api-app.js';
import { team, type Team } from '../../support/workflow.js';

let a: TestApp;
let b: TestApp;
let t: Team;
beforeAll(async () => {
  const env = { DOWNLOADS_PER_ORGANIZATION: '1', LOGIN_RATE_LIMIT: '4', LOGIN_DELAY_AFTER: '100' };
  a = await startTestApp(env);
  b = await startTestApp(env, { sameDatabaseAs: a });
  t = await team(a, 'Two Instances Co');
}, 120_000);
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

function csv(app: TestApp, token: string, timeoutMs = 20_000): Promise<{ status: number; code?: string; body: string }> {
  return fetch(`${app.url}/reports/invoices.csv`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) }).then(async (res) => {
    const body = await res.text();
    const code = res.status === 200 ? undefined : (JSON.parse(body) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code;
    return { status: res.status, code, body };
  });
}

describe('limits shared by instances', () => {
  it('DOWNLOADS_PER_ORGANIZATION=1 over two instances: a second download on the other instance is BUSY while the first runs', async () => {
    // The first download waits on a lock (a stand-in for a long export) while holding its turn.
    const blocker = new pg.Client({ connectionString: a.databaseUrl });
    await blocker.connect();
    let first: Promise<{ status: number; code?: string; body: string }> | undefined;
    try {
      await blocker.query('begin');
      await blocker.query('lock table invoice in access exclusive mode');
      first = csv(a, t.accountant.token);
      const database = new URL(a.databaseUrl).pathname.slice(1);
      for (let i = 0; ; i++) {
        const rows = await a.sql(`select 1 from pg_stat_activity where datname = $1 and application_name = 'baton-download' and wait_event_type = 'Lock'`, [database]);
        if (rows.length) break;
        if (i > 200) throw new Error('the first download never reached the lock');
        await new Promise((r) => setTimeout(r, 50));
      }
      // Another rep of the same organization, through the other instance (which runs no download).
      const second = await csv(b, t.invoicing.token, 8_000);
      expect(second).toMatchObject({ status: 503, code: 'BUSY' });
      // The same instance refuses it too (its own count).
      expect(await csv(a, t.invoicing.token, 8_000)).toMatchObject({ status: 503, code: 'BUSY' });
    } finally {
      await blocker.query('rollback');
      await blocker.end();
    }
    expect((await first!).status).toBe(200);
    // The turn was given back: the other instance may download now.
    const after = await csv(b, t.invoicing.token);
    expect(after.status).toBe(200);
    expect(after.body).toContain('Invoice');
  });

  it('failed sign-ins of one (account, address) count on both instances together', async () => {
    const email = t.order.email;
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const app = i % 2 ? b : a;
      const r = await app.gql(LOG_IN, { email, password: `wrong-${i}` });
      codes.push(r.errors?.[0]?.extensions?.code ?? r.data.logIn.userErrors[0]?.code);
    }
    // LOGIN_RATE_LIMIT=4 in all, not 4 per instance: the 5th and 6th attempts are refused.
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'RATE_LIMITED', 'RATE_LIMITED']);
  });
});
