// updateUser (ADMIN): name, roles, deactivation with its sessions revoked, and the self-protection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_IN, signUpOrg, startTestApp, userWithRoles, type TestApp } from '../../support/api-app.js';
import { writesNothing } from './db-snapshot.js';

let app: TestApp;
let admin: Awaited<ReturnType<typeof signUpOrg>>;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpOrg(app, 'Users Org');
});
afterAll(() => app?.stop());

const UPDATE = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id name handle roles active } userErrors { code message field } } }`;
const CREATE_SUPPLIER = `mutation { createSupplier(name: "Role Check Co") { supplier { id } userErrors { code } } }`;
const fields = (errors: { code: string; field: string[] }[]) => errors.map((e) => [e.code, e.field]);

describe('updateUser', () => {
  it('renames a user and replaces their roles, which count from their next request', async () => {
    const rep = await userWithRoles(app, admin.token, ['ORDER_REP'], 'Oscar Order');
    expect((await app.gql(CREATE_SUPPLIER, {}, { token: rep.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const r = await app.gql(UPDATE, { input: { userId: rep.userId, name: ' Oscar Purchasing ', roles: ['PURCHASING', 'PURCHASING', 'ORDER_REP'] } }, { token: admin.token });
    expect(r.data.updateUser).toEqual({
      user: { id: rep.userId, name: 'Oscar Purchasing', handle: 'oscar.order', roles: ['PURCHASING', 'ORDER_REP'], active: true },
      userErrors: [],
    });
    expect((await app.gql(CREATE_SUPPLIER, {}, { token: rep.token })).data.createSupplier.userErrors).toEqual([]);
    const [event] = await app.sql<{ kind: string; actor_id: string }>('select kind, actor_id from activity_event where entity_id = $1', [rep.userId]);
    expect(event).toEqual({ kind: 'user.updated', actor_id: admin.userId });
  });

  it('deactivates a user: every open session ends, sign-in is refused; reactivating lets them sign in again', async () => {
    const rep = await userWithRoles(app, admin.token, ['INVOICING_REP'], 'Ines Invoicing');
    const second = await app.gql(LOG_IN, { email: rep.email, password: 'correct horse battery' });
    const tokens = [rep.token, second.data.logIn.session.token as string];

    const off = await app.gql(UPDATE, { input: { userId: rep.userId, active: false } }, { token: admin.token });
    expect(off.data.updateUser.user).toMatchObject({ id: rep.userId, active: false, roles: ['INVOICING_REP'] });
    for (const token of tokens) expect((await app.gql('{ me { id } }', {}, { token })).data.me).toBeNull();
    const open = await app.sql<{ n: string }>('select count(*)::text as n from session where user_id = $1 and revoked_at is null', [rep.userId]);
    expect(open).toEqual([{ n: '0' }]);
    const refused = await app.gql(LOG_IN, { email: rep.email, password: 'correct horse battery' });
    expect(refused.data.logIn.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_CREDENTIALS']);

    const on = await app.gql(UPDATE, { input: { userId: rep.userId, active: true } }, { token: admin.token });
    expect(on.data.updateUser.user.active).toBe(true);
    for (const token of tokens) expect((await app.gql('{ me { id } }', {}, { token })).data.me).toBeNull(); // revoked stays revoked
    const again = await app.gql(LOG_IN, { email: rep.email, password: 'correct horse battery' });
    expect(again.data.logIn.session.user.id).toBe(rep.userId);
  });

  it('lets an admin take ADMIN from another admin, but never from themselves, nor deactivate themselves', async () => {
    const other = await userWithRoles(app, admin.token, ['ADMIN'], 'Second Admin');
    const demoted = await app.gql(UPDATE, { input: { userId: other.userId, roles: ['ACCOUNTANT'] } }, { token: admin.token });
    expect(demoted.data.updateUser.user.roles).toEqual(['ACCOUNTANT']);

    const self = await writesNothing(app, () => app.gql(UPDATE, { input: { userId: admin.userId, roles: ['ACCOUNTANT'], active: false } }, { token: admin.token }));
    expect(self.data.updateUser.user).toBeNull();
    expect(fields(self.data.updateUser.userErrors)).toEqual([
      ['INVALID_INPUT', ['input', 'roles']],
      ['INVALID_INPUT', ['input', 'active']],
    ]);
    // Renaming oneself and keeping ADMIN is fine.
    const ok = await app.gql(UPDATE, { input: { userId: admin.userId, name: 'Ada A. Admin', roles: ['ADMIN', 'ACCOUNTANT'], active: true } }, { token: admin.token });
    expect(ok.data.updateUser.user).toMatchObject({ name: 'Ada A. Admin', roles: ['ADMIN', 'ACCOUNTANT'], active: true });
  });

  it('refuses no roles and a blank name with INVALID_INPUT and writes nothing', async () => {
    const rep = await userWithRoles(app, admin.token, ['ORDER_REP']);
    const r = await writesNothing(app, () => app.gql(UPDATE, { input: { userId: rep.userId, name: ' ', roles: [] } }, { token: admin.token }));
    expect(fields(r.data.updateUser.userErrors)).toEqual([
      ['INVALID_INPUT', ['input', 'name']],
      ['INVALID_INPUT', ['input', 'roles']],
    ]);
  });

  it('answers NOT_FOUND for a user of another organization', async () => {
    const other = await signUpOrg(app, 'Elsewhere');
    const r = await writesNothing(app, () => app.gql(UPDATE, { input: { userId: other.userId, active: false } }, { token: admin.token }));
    expect(r.data.updateUser).toEqual({ user: null, userErrors: [{ code: 'NOT_FOUND', message: 'No such user.', field: ['input', 'userId'] }] });
    expect((await app.gql('{ me { id active } }', {}, { token: other.token })).data.me).toEqual({ id: other.userId, active: true });
  });

  it('is FORBIDDEN to every role but ADMIN, and needs a sign-in', async () => {
    const target = await userWithRoles(app, admin.token, ['ACCOUNTANT']);
    for (const role of ['ORDER_REP', 'PRODUCTION_REP', 'INVOICING_REP', 'ACCOUNTANT', 'PURCHASING']) {
      const caller = await userWithRoles(app, admin.token, [role]);
      const r = await writesNothing(app, () => app.gql(UPDATE, { input: { userId: target.userId, active: false } }, { token: caller.token }));
      expect(r.errors?.map((e) => e.extensions?.code), role).toEqual(['FORBIDDEN']);
    }
    const anonymous = await app.gql(UPDATE, { input: { userId: target.userId, active: false } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
