import { ROLES } from '@baton/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_USER, signUpOrg, startTestApp, uniqueEmail, userWithRoles, type TestApp } from '../../../../../test/support/api-app.js';

let app: TestApp;
let admin: Awaited<ReturnType<typeof signUpOrg>>;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpOrg(app);
});
afterAll(() => app?.stop());

const newUser = (patch: Record<string, unknown> = {}) => ({
  name: 'Priya Production',
  email: uniqueEmail('priya'),
  password: 'correct horse battery',
  roles: ['PRODUCTION_REP'],
  ...patch,
});

describe('createUser', () => {
  it('lets an ADMIN add a user who can then sign in, with a handle from the name', async () => {
    const r = await app.gql(CREATE_USER, newUser({ name: 'Zoë Zimmer' }), { token: admin.token });
    expect(r.data.createUser.userErrors).toEqual([]);
    expect(r.data.createUser.user).toMatchObject({ name: 'Zoë Zimmer', handle: 'zoe.zimmer', roles: ['PRODUCTION_REP'], active: true, emailOnMention: true });
    const again = await app.gql(CREATE_USER, newUser({ name: 'Zoe Zimmer' }), { token: admin.token });
    expect(again.data.createUser.user.handle).toBe('zoe.zimmer2');
  });

  it('takes a given handle, and refuses one taken in the organization as DUPLICATE', async () => {
    const first = await app.gql(CREATE_USER, newUser({ handle: 'prod-lead' }), { token: admin.token });
    expect(first.data.createUser.user.handle).toBe('prod-lead');
    const taken = await app.gql(CREATE_USER, newUser({ handle: 'prod-lead' }), { token: admin.token });
    expect(taken.data.createUser).toEqual({ user: null, userErrors: [expect.objectContaining({ code: 'DUPLICATE', field: ['handle'] })] });
  });

  it('allows the same handle in another organization', async () => {
    const other = await signUpOrg(app, 'Other Org');
    await app.gql(CREATE_USER, newUser({ handle: 'shared-handle' }), { token: admin.token });
    const r = await app.gql(CREATE_USER, newUser({ handle: 'shared-handle' }), { token: other.token });
    expect(r.data.createUser.user.handle).toBe('shared-handle');
  });

  it('refuses an e-mail used in the organization as DUPLICATE (another organization’s: account-enumeration.test.ts)', async () => {
    const r = await app.gql(CREATE_USER, newUser({ email: admin.email.toUpperCase() }), { token: admin.token });
    expect(r.data.createUser).toEqual({ user: null, userErrors: [expect.objectContaining({ code: 'DUPLICATE', field: ['email'] })] });
  });

  it.each([
    [{ roles: [] }, 'roles'],
    [{ handle: 'Bad Handle' }, 'handle'],
    [{ handle: 'x' }, 'handle'],
    [{ email: 'nope@' }, 'email'],
    [{ password: '1234567' }, 'password'],
    [{ name: '' }, 'name'],
  ])('refuses %j as INVALID_INPUT on %s and writes nothing', async (patch, field) => {
    const before = await app.sql('select count(*)::int as n from app_user');
    const r = await app.gql(CREATE_USER, newUser(patch), { token: admin.token });
    expect(r.data.createUser.user).toBeNull();
    expect(r.data.createUser.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: [field] })]);
    expect(await app.sql('select count(*)::int as n from app_user')).toEqual(before);
  });

  it.each(ROLES.filter((r) => r !== 'ADMIN'))('answers FORBIDDEN to a %s and writes nothing', async (role) => {
    const rep = await userWithRoles(app, admin.token, [role]);
    const before = await app.sql('select count(*)::int as n from app_user');
    const r = await app.gql(CREATE_USER, newUser(), { token: rep.token });
    expect(r.data).toBeNull();
    expect(r.errors).toEqual([expect.objectContaining({ path: ['createUser'], extensions: { code: 'FORBIDDEN' } })]);
    expect(await app.sql('select count(*)::int as n from app_user')).toEqual(before);
  });

  it('answers UNAUTHENTICATED to an anonymous caller', async () => {
    const r = await app.gql(CREATE_USER, newUser());
    expect(r.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
  });
});

describe('users', () => {
  it('lists the organization’s users by name, filtered by role', async () => {
    const org = await signUpOrg(app, 'Listing Org');
    await userWithRoles(app, org.token, ['INVOICING_REP'], 'Ines Invoicing');
    await userWithRoles(app, org.token, ['ACCOUNTANT', 'INVOICING_REP'], 'Alex Accountant');
    const all = await app.gql('{ users { name roles } }', {}, { token: org.token });
    expect(all.data.users.map((u: { name: string }) => u.name)).toEqual(['Ada Admin', 'Alex Accountant', 'Ines Invoicing']);
    const invoicing = await app.gql('query($r: Role) { users(role: $r) { name } }', { r: 'INVOICING_REP' }, { token: org.token });
    expect(invoicing.data.users.map((u: { name: string }) => u.name)).toEqual(['Alex Accountant', 'Ines Invoicing']);
  });

  it('is refused to anonymous callers', async () => {
    const r = await app.gql('{ users { id } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('setEmailOnMention', () => {
  it('changes only the signed-in user’s own preference', async () => {
    const rep = await userWithRoles(app, admin.token, ['ORDER_REP']);
    const off = await app.gql('mutation { setEmailOnMention(enabled: false) { user { id emailOnMention } userErrors { code } } }', {}, { token: rep.token });
    expect(off.data.setEmailOnMention).toEqual({ user: { id: rep.userId, emailOnMention: false }, userErrors: [] });
    const me = await app.gql('{ me { emailOnMention } }', {}, { token: admin.token });
    expect(me.data.me.emailOnMention).toBe(true);
  });
});
