// The per-instance session cache (SESSION_CACHE_MS) never outlives what ends or changes a session:
// a logOut, a password change, a deactivation or a role edit takes effect on the very next request on
// the instance that made it, and on another instance as soon as the live channel's notice arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { team, type Team } from '../../support/workflow.js';

let a: TestApp;
let b: TestApp;
let t: Team;
beforeAll(async () => {
  a = await startTestApp({ SESSION_CACHE_MS: '60000' });
  b = await startTestApp({ SESSION_CACHE_MS: '60000' }, { sameDatabaseAs: a });
  t = await team(a);
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

const ME = `{ me { id roles } }`;
const USERS = `{ users { id } }`;
const LOG_IN = `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { session { token } } }`;

async function freshToken(email: string, password = 'correct horse battery') {
  const r = await a.gql(LOG_IN, { email, password });
  expect(r.errors).toBeUndefined();
  return r.data.logIn.session.token as string;
}

/** The viewer of `token` on `app`, polled until `want` holds (another instance hears the notice within milliseconds). */
async function eventually(app: TestApp, token: string, want: (me: { roles: string[] } | null) => boolean) {
  await expect.poll(async () => want((await app.gql(ME, {}, { token })).data.me), { timeout: 5000, interval: 20 }).toBe(true);
}

describe('session cache', () => {
  it('reads a session once, then serves it from the cache', async () => {
    const token = await freshToken(t.order.email);
    a.queries.reset();
    await a.gql(ME, {}, { token });
    const first = a.queries.count;
    a.queries.reset();
    await a.gql(ME, {}, { token });
    expect(first).toBeGreaterThanOrEqual(1);
    expect(a.queries.count).toBe(first - 1);
  });

  it('a logOut ends the session at once here and promptly on the other instance', async () => {
    const token = await freshToken(t.order.email);
    expect((await a.gql(ME, {}, { token })).data.me).not.toBeNull();
    expect((await b.gql(ME, {}, { token })).data.me).not.toBeNull();
    expect((await a.gql('mutation { logOut }', {}, { token })).data.logOut).toBe(true);
    expect((await a.gql(ME, {}, { token })).data.me).toBeNull();
    await eventually(b, token, (me) => me === null);
  });

  it('a role edit applies to the next request here and promptly there; deactivation ends every session', async () => {
    const token = await freshToken(t.purchasing.email);
    expect((await a.gql(USERS, {}, { token })).errors).toBeUndefined();
    expect((await b.gql(USERS, {}, { token })).errors).toBeUndefined();
    const users = (await a.gql(`{ users { id roles version } }`, {}, { token: t.admin.token })).data.users as { id: string; roles: string[]; version: number }[];
    const target = users.find((u) => u.id === t.purchasing.userId)!;
    const edit = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id roles version } userErrors { code } } }`;
    const edited = await a.gql(edit, { input: { userId: target.id, roles: ['ACCOUNTANT'], expectedVersion: target.version } }, { token: t.admin.token });
    expect(edited.data.updateUser.userErrors).toEqual([]);
    expect((await a.gql(ME, {}, { token })).data.me.roles).toEqual(['ACCOUNTANT']);
    await eventually(b, token, (me) => JSON.stringify(me?.roles) === '["ACCOUNTANT"]');

    const deactivated = await b.gql(edit.replace('roles version', 'active version'), { input: { userId: target.id, active: false } }, { token: t.admin.token });
    expect(deactivated.errors).toBeUndefined();
    expect((await b.gql(ME, {}, { token })).data.me).toBeNull();
    await eventually(a, token, (me) => me === null);
  });

  it('a password change signs the other sessions out on both instances', async () => {
    const other = await freshToken(t.invoicing.email);
    expect((await a.gql(ME, {}, { token: other })).data.me).not.toBeNull();
    expect((await b.gql(ME, {}, { token: other })).data.me).not.toBeNull();
    const changed = await a.gql(`mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) { userErrors { code } } }`, { current: 'correct horse battery', next: 'correct horse battery staple' }, { token: t.invoicing.token });
    expect(changed.errors).toBeUndefined();
    expect((await a.gql(ME, {}, { token: other })).data.me).toBeNull();
    await eventually(b, other, (me) => me === null);
    expect((await a.gql(ME, {}, { token: t.invoicing.token })).data.me).not.toBeNull();
  });
});
