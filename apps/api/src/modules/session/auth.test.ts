import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_IN, SIGN_UP, signUpOrg, startTestApp, uniqueEmail, type TestApp } from '../../../../../test/support/api-app.js';
import { one } from '../../../../../test/support/lists.js';

const ME = /* GraphQL */ `{ me { id name email handle roles active emailOnMention } organization { id name currency } }`;
const LOG_OUT = /* GraphQL */ `mutation { logOut }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

describe('signUp', () => {
  it('creates an organization and its first ADMIN, signed in by token and by cookie', async () => {
    const email = uniqueEmail('Founder');
    const r = await app.gql(SIGN_UP, { organizationName: '  Acme Promo ', name: 'Fiona Founder', email: `  ${email.toUpperCase()} `, password: 'correct horse battery' });
    expect(r.data.signUp.userErrors).toEqual([]);
    const s = r.data.signUp.session;
    expect(s.user).toMatchObject({ name: 'Fiona Founder', email: email.toLowerCase(), handle: 'fiona.founder', roles: ['ADMIN'] });
    expect(s.organization).toMatchObject({ name: 'Acme Promo', currency: 'USD' });

    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^baton_session=[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);

    const byToken = await app.gql(ME, {}, { token: s.token });
    expect(byToken.data.me).toMatchObject({ id: s.user.id, active: true, emailOnMention: true });
    expect(byToken.data.organization.id).toBe(s.organization.id);
    const byCookie = await app.gql(ME, {}, { cookie: cookie.split(';')[0] });
    expect(byCookie.data.me.id).toBe(s.user.id);

    // The password is stored hashed with argon2id, never as given.
    const row = one(await app.sql<{ password_hash: string }>('select password_hash from app_user where id = $1', [s.user.id]));
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('correct horse');
  });

  it('signs up with an e-mail that has a user in another organization, as with any other (no existence oracle)', async () => {
    const { email, organizationId } = await signUpOrg(app);
    const r = await app.gql(SIGN_UP, { organizationName: 'Other', name: 'Someone', email: email.toUpperCase(), password: 'another horse battery' });
    expect(r.data.signUp.userErrors).toEqual([]);
    expect(r.data.signUp.session.organization.id).not.toBe(organizationId);
    expect(r.data.signUp.session.user.email).toBe(email);
  });

  it.each([
    [{ organizationName: '' }, ['organizationName']],
    [{ name: '   ' }, ['name']],
    [{ email: 'not-an-email' }, ['email']],
    [{ password: 'short' }, ['password']],
    [{ password: 'x'.repeat(201) }, ['password']],
    [{ organizationName: 'x'.repeat(101), email: 'a@b' }, ['organizationName', 'email']],
  ])('refuses %j as INVALID_INPUT on %j and writes nothing', async (patch, fields) => {
    const before = await app.sql('select count(*)::int as n from app_user');
    const input = { organizationName: 'Acme', name: 'Ana', email: uniqueEmail(), password: 'correct horse battery', ...patch };
    const r = await app.gql(SIGN_UP, input);
    expect(r.data.signUp.session).toBeNull();
    expect(r.data.signUp.userErrors.map((e: { code: string }) => e.code)).toEqual(fields.map(() => 'INVALID_INPUT'));
    expect(r.data.signUp.userErrors.map((e: { field: string[] }) => e.field[0])).toEqual(fields);
    expect(await app.sql('select count(*)::int as n from app_user')).toEqual(before);
  });

  it('answers a value of the wrong type with a top-level BAD_USER_INPUT', async () => {
    const r = await app.gql(SIGN_UP, { organizationName: 'Acme', name: 'Ana', email: 42, password: null });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('logIn and logOut', () => {
  it('signs in with the right pair, with any case of the e-mail', async () => {
    const { email, userId } = await signUpOrg(app);
    const r = await app.gql(LOG_IN, { email: email.toUpperCase(), password: 'correct horse battery' });
    expect(r.data.logIn.userErrors).toEqual([]);
    expect(r.data.logIn.session.user.id).toBe(userId);
    expect(r.headers.get('set-cookie')).toMatch(/baton_session=/);
  });

  it('answers a wrong password and an unknown e-mail the same way: INVALID_CREDENTIALS, no hint', async () => {
    const { email } = await signUpOrg(app);
    const wrongPassword = await app.gql(LOG_IN, { email, password: 'wrong horse battery' });
    const unknownEmail = await app.gql(LOG_IN, { email: uniqueEmail('nobody'), password: 'correct horse battery' });
    for (const r of [wrongPassword, unknownEmail]) {
      expect(r.data.logIn.session).toBeNull();
      expect(r.data.logIn.userErrors).toEqual([{ code: 'INVALID_CREDENTIALS', message: 'Wrong e-mail or password.', field: null }]);
      expect(r.headers.get('set-cookie')).toBeNull();
    }
  });

  it('revokes the token on logOut, for the bearer and for the cookie, and leaves other sessions alone', async () => {
    const { email, token: first } = await signUpOrg(app);
    const second = (await app.gql(LOG_IN, { email, password: 'correct horse battery' })).data.logIn.session.token;

    const out = await app.gql(LOG_OUT, {}, { token: first });
    expect(out.data.logOut).toBe(true);
    expect(out.headers.get('set-cookie')).toMatch(/baton_session=;.*Expires=Thu, 01 Jan 1970/);

    expect((await app.gql(ME, {}, { token: first })).data.me).toBeNull();
    expect((await app.gql(ME, {}, { cookie: `baton_session=${first}` })).data.me).toBeNull();
    const users = await app.gql('{ users { id } }', {}, { token: first });
    expect(users.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.gql(ME, {}, { token: second })).data.me.email).toBe(email);

    const row = one(await app.sql<{ n: number }>('select count(*)::int as n from session s join app_user u on u.id = s.user_id where u.email = $1 and s.revoked_at is not null', [email]));
    expect(row.n).toBe(1);
  });

  it('refuses an expired session', async () => {
    const { token, userId } = await signUpOrg(app);
    await app.sql(`update session set expires_at = now() - interval '1 minute' where user_id = $1`, [userId]);
    expect((await app.gql(ME, {}, { token })).data.me).toBeNull();
  });

  it('treats a forged or malformed token as signed out', async () => {
    for (const token of ['forged', 'x'.repeat(500), 'a b']) {
      const r = await app.gql(ME, {}, { headers: { authorization: `Bearer ${token}` } });
      expect(r.data).toEqual({ me: null, organization: null });
    }
  });

  it('lets logOut be called signed out, and me/organization answer null', async () => {
    expect((await app.gql(LOG_OUT)).data.logOut).toBe(true);
    expect((await app.gql(ME)).data).toEqual({ me: null, organization: null });
  });
});
