// Sign-in limits that stop guessing without locking the owner out (DOMAIN.md, "Signing in and
// signing up"; issue 12, findings 4 and 7). Failed password checks are counted per (account,
// address) and per address, in PostgreSQL so every instance counts the same: a pair waits 1 s, 2 s,
// 4 s, … between attempts once it has failed LOGIN_DELAY_AFTER times and is refused at
// LOGIN_RATE_LIMIT; an address is refused at LOGIN_RATE_LIMIT_PER_ADDRESS. Ten wrong passwords
// from anywhere once locked the account for 15 minutes, its owner's changePassword included; now
// the right password from an address that has not failed always opens. signUp is limited per address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_IN, SIGN_UP, signUpOrg, startTestApp, uniqueEmail, type GqlResult, type TestApp } from '../../support/api-app.js';

const PASSWORD = 'correct horse battery';
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { user { id } userErrors { code field } } }`;

let addresses = 0;
const newAddress = () => `203.0.${Math.floor(++addresses / 250)}.${addresses % 250}`;
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
const outcome = (r: GqlResult) => r.errors?.[0]?.extensions?.code ?? (r.data.logIn?.session || r.data.signUp?.session ? 'OK' : (r.data.logIn ?? r.data.signUp).userErrors[0].code);
const tally = (codes: string[]) => codes.reduce<Record<string, number>>((m, c) => ({ ...m, [c]: (m[c] ?? 0) + 1 }), {});

describe('password guessing, counted per (account, address) and per address', () => {
  let app: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    // No progressive delay here (LOGIN_DELAY_AFTER above the limit): these are about the counts.
    app = await startTestApp({ LOGIN_RATE_LIMIT: '10', LOGIN_RATE_LIMIT_PER_ADDRESS: '30', LOGIN_DELAY_AFTER: '1000', TRUST_PROXY: 'true' });
    other = await startTestApp({ LOGIN_RATE_LIMIT: '10', LOGIN_RATE_LIMIT_PER_ADDRESS: '30', LOGIN_DELAY_AFTER: '1000', TRUST_PROXY: 'true' }, { sameDatabaseAs: app });
  });
  afterAll(async () => {
    await other?.stop();
    await app?.stop();
  });
  const logIn = (on: TestApp, email: string, password: string, address: string) => on.gql(LOG_IN, { email, password }, from(address));

  it('10 wrong passwords from one address refuse that address only: the owner signs in and changes the password from another', async () => {
    const victim = await signUpOrg(app);
    const attacker = newAddress();
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) seen.push(outcome(await logIn(app, victim.email, `wrong ${i} battery`, attacker)));
    expect(seen).toEqual(Array(10).fill('INVALID_CREDENTIALS'));
    const refused = await logIn(app, victim.email, PASSWORD, attacker);
    expect(outcome(refused)).toBe('RATE_LIMITED');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    const home = newAddress();
    expect(outcome(await logIn(app, victim.email, PASSWORD, home))).toBe('OK');
    const changed = await app.gql(CHANGE, { c: PASSWORD, n: 'a brand new passphrase' }, { token: victim.token, ...from(home) });
    expect(changed.status).toBe(200);
    expect(changed.data.changePassword.userErrors).toEqual([]);
  });

  it('guesses spread over 12 addresses (120 failures on one account) never refuse the owner’s clean address', async () => {
    const victim = await signUpOrg(app);
    for (let a = 0; a < 12; a++) {
      const address = newAddress();
      for (let i = 0; i < 10; i++) expect(outcome(await logIn(a % 2 ? app : other, victim.email, `guess ${a}.${i} battery`, address))).toBe('INVALID_CREDENTIALS');
    }
    expect(outcome(await logIn(app, victim.email, PASSWORD, newAddress()))).toBe('OK');
    const changed = await other.gql(CHANGE, { c: PASSWORD, n: 'a brand new passphrase' }, { token: victim.token, ...from(newAddress()) });
    expect(changed.status).toBe(200);
    expect(changed.data.changePassword.userErrors).toEqual([]);
  }, 60_000);

  it('counts across instances: failures on both add up to one limit', async () => {
    const { email } = await signUpOrg(app);
    const address = newAddress();
    for (let i = 0; i < 10; i++) expect(outcome(await logIn(i % 2 ? app : other, email, `wrong ${i} battery`, address))).toBe('INVALID_CREDENTIALS');
    expect(outcome(await logIn(app, email, PASSWORD, address))).toBe('RATE_LIMITED');
    expect(outcome(await logIn(other, email, PASSWORD, address))).toBe('RATE_LIMITED');
  });

  it('refuses an address after 30 failures over any accounts, known or not, and no other address', async () => {
    const address = newAddress();
    for (let i = 0; i < 30; i++) expect(outcome(await logIn(i % 2 ? app : other, uniqueEmail('spray'), 'wrong horse battery', address))).toBe('INVALID_CREDENTIALS');
    const { email } = await signUpOrg(app);
    expect(outcome(await logIn(app, email, PASSWORD, address))).toBe('RATE_LIMITED');
    expect(outcome(await logIn(app, email, PASSWORD, newAddress()))).toBe('OK');
  });

  it('never counts successful sign-ins, and a success starts the pair afresh', async () => {
    const { email } = await signUpOrg(app);
    const address = newAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) expect(outcome(await logIn(app, email, `wrong ${i} battery`, address))).toBe('INVALID_CREDENTIALS');
      expect(outcome(await logIn(other, email, PASSWORD, address))).toBe('OK');
    }
  });

  it('limits an unknown e-mail exactly like a known one (no existence oracle)', async () => {
    const ghost = uniqueEmail('ghost');
    const address = newAddress();
    for (let i = 0; i < 10; i++) expect(outcome(await logIn(app, ghost, 'wrong horse battery', address))).toBe('INVALID_CREDENTIALS');
    expect(outcome(await logIn(app, ghost, 'wrong horse battery', address))).toBe('RATE_LIMITED');
  });

  it('holds under 50 parallel guesses from one address: at most 10 passwords are checked', async () => {
    const { email } = await signUpOrg(app);
    const address = newAddress();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => logIn(i % 2 ? app : other, email, `guess ${i} battery`, address)));
    expect(tally(results.map(outcome))).toEqual({ INVALID_CREDENTIALS: 10, RATE_LIMITED: 40 });
  });

  it('holds through aliases: one request of 20 logIn fields checks at most 10 passwords', async () => {
    const { email } = await signUpOrg(app);
    const fields = Array.from({ length: 20 }, (_, i) => `a${i}: logIn(email: "${email}", password: "guess ${i} battery") { session { token } userErrors { code } }`).join(' ');
    const r = await app.gql(`mutation { ${fields} }`, {}, from(newAddress()));
    // Mutation fields run in order: 10 wrong passwords, then the 11th is refused unchecked, and its
    // null (logIn is non-null) ends the request.
    expect(r.data).toBeNull();
    expect(r.errors?.map((e) => [e.extensions?.code, e.path?.[0]])).toEqual([['RATE_LIMITED', 'a10']]);
  });

  it('also counts wrong current passwords of changePassword, per (account, address)', async () => {
    const { token } = await signUpOrg(app);
    const address = newAddress();
    const seen: string[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await app.gql(CHANGE, { c: `wrong ${i} battery`, n: 'a new long password' }, { token, ...from(address) });
      seen.push(r.errors?.[0]?.extensions?.code ?? r.data.changePassword.userErrors[0].code);
    }
    expect(seen).toEqual([...Array(10).fill('INVALID_CREDENTIALS'), 'RATE_LIMITED']);
    const fine = await app.gql(CHANGE, { c: PASSWORD, n: 'a new long password' }, { token, ...from(newAddress()) });
    expect(fine.data.changePassword.userErrors).toEqual([]);
  });
});

describe('progressive delays', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_RATE_LIMIT: '10', LOGIN_DELAY_AFTER: '2', TRUST_PROXY: 'true' });
  });
  afterAll(() => app?.stop());

  it('make a failing pair wait 1 s, then 2 s, between attempts; other addresses never wait', async () => {
    const { email } = await signUpOrg(app);
    const address = newAddress();
    const attempt = (password: string, at = address) => app.gql(LOG_IN, { email, password }, from(at));
    expect(outcome(await attempt('wrong 1 battery'))).toBe('INVALID_CREDENTIALS');
    expect(outcome(await attempt('wrong 2 battery'))).toBe('INVALID_CREDENTIALS');
    const wait1 = await attempt(PASSWORD);
    expect(outcome(wait1)).toBe('RATE_LIMITED');
    expect(wait1.headers.get('retry-after')).toBe('1');
    expect(outcome(await attempt(PASSWORD, newAddress()))).toBe('OK');
    await new Promise((r) => setTimeout(r, 1_100));
    expect(outcome(await attempt('wrong 3 battery'))).toBe('INVALID_CREDENTIALS');
    const wait2 = await attempt(PASSWORD);
    expect(outcome(wait2)).toBe('RATE_LIMITED');
    expect(Number(wait2.headers.get('retry-after'))).toBe(2);
    await new Promise((r) => setTimeout(r, 2_100));
    expect(outcome(await attempt(PASSWORD))).toBe('OK');
  });
});

describe('signUp', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ SIGNUP_RATE_LIMIT: '10', TRUST_PROXY: 'true' });
  });
  afterAll(() => app?.stop());
  const signUp = (address: string, patch: Record<string, unknown> = {}) =>
    app.gql(SIGN_UP, { organizationName: 'Mass Org', name: 'Mo Mass', email: uniqueEmail('mass'), password: PASSWORD, ...patch }, from(address));

  it('allows 10 organizations an hour per address, then answers RATE_LIMITED (429); refused input does not count', async () => {
    const address = newAddress();
    const before = Number((await app.sql<{ n: string }>('select count(*) as n from organization'))[0]?.n);
    expect(outcome(await signUp(address, { password: 'short' }))).toBe('INVALID_INPUT');
    const results = await Promise.all(Array.from({ length: 40 }, () => signUp(address)));
    expect(tally(results.map(outcome))).toEqual({ OK: 10, RATE_LIMITED: 30 });
    const refused = results.find((r) => outcome(r) === 'RATE_LIMITED')!;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(Number((await app.sql<{ n: string }>('select count(*) as n from organization'))[0]?.n)).toBe(before + 10);
    expect(outcome(await signUp(newAddress()))).toBe('OK');
  });
});
