// No account enumeration (issue 12, finding 6): signUp and createUser answered DUPLICATE for an
// e-mail with a user in any organization, telling anyone whether it exists. E-mail addresses are
// now unique per organization: both answer exactly as for an address never seen, and the accounts
// stay apart (each signs in with its own password). logIn spends the same time whether the address
// has no account, one, or several: compared by medians, with a generous bound, never absolute times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_USER, LOG_IN, SIGN_UP, signUpOrg, startTestApp, uniqueEmail, type GqlResult, type TestApp } from '../../support/api-app.js';

const PASSWORD = 'correct horse battery';
let app: TestApp;
beforeAll(async () => {
  // Each attempt from an address of its own, so the sign-in limits never answer for the password check.
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app?.stop());

/** An answer with what must differ (ids, tokens, the address itself) blanked. */
const shape = (r: GqlResult, email: string) =>
  JSON.parse(JSON.stringify({ status: r.status, data: r.data, errors: r.errors }).replaceAll(email, '<email>').replace(/"(id|token)":"[^"]+"/g, '"$1":"<$1>"'));

describe('signUp and createUser', () => {
  it('answer an e-mail of another organization’s user exactly as an unknown one', async () => {
    const taken = await signUpOrg(app, 'First Org');
    const fresh = uniqueEmail('fresh');
    const upTaken = await app.gql(SIGN_UP, { organizationName: 'Prober', name: 'Pat Prober', email: taken.email, password: 'prober horse battery' });
    const upFresh = await app.gql(SIGN_UP, { organizationName: 'Prober', name: 'Pat Prober', email: fresh, password: 'prober horse battery' });
    expect(upTaken.data.signUp.userErrors).toEqual([]);
    expect(shape(upTaken, taken.email)).toEqual(shape(upFresh, fresh));

    const admin = upFresh.data.signUp.session.token as string;
    const other = uniqueEmail('other');
    const createdTaken = await app.gql(CREATE_USER, { name: 'Rita Rep', email: taken.email, password: PASSWORD, roles: ['ORDER_REP'] }, { token: admin });
    const createdFresh = await app.gql(CREATE_USER, { name: 'Rita Rep', email: other, password: PASSWORD, roles: ['ORDER_REP'] }, { token: admin });
    expect(createdTaken.data.createUser.userErrors).toEqual([]);
    expect(shape(createdTaken, taken.email)).toEqual({ ...shape(createdFresh, other), data: { createUser: { ...shape(createdFresh, other).data.createUser, user: { ...shape(createdFresh, other).data.createUser.user, handle: expect.any(String) } } } });
  });

  it('keeps the accounts of one address apart: each opens with its own password, the oldest first', async () => {
    const original = await signUpOrg(app, 'Original Org');
    const later = await app.gql(SIGN_UP, { organizationName: 'Later Org', name: 'Same Person', email: original.email, password: 'a different passphrase' });
    const laterOrg = later.data.signUp.session.organization.id;
    const at = (n: number) => ({ headers: { 'x-forwarded-for': `198.51.100.${n}` } });
    expect((await app.gql(LOG_IN, { email: original.email, password: PASSWORD }, at(1))).data.logIn.session.organization.id).toBe(original.organizationId);
    expect((await app.gql(LOG_IN, { email: original.email, password: 'a different passphrase' }, at(2))).data.logIn.session.organization.id).toBe(laterOrg);
    expect((await app.gql(LOG_IN, { email: original.email, password: 'nobody’s passphrase' }, at(3))).data.logIn.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    // Same address and password in two organizations: the oldest account opens.
    const first = await signUpOrg(app, 'First Twin');
    const twin = await app.gql(SIGN_UP, { organizationName: 'Second Twin', name: 'Same Person', email: first.email, password: PASSWORD });
    expect(twin.data.signUp.session.organization.id).not.toBe(first.organizationId);
    expect((await app.gql(LOG_IN, { email: first.email, password: PASSWORD }, at(4))).data.logIn.session.organization.id).toBe(first.organizationId);
  });
});

describe('logIn timing', () => {
  it('is the same for an unknown address, an address with one account and one with several (medians)', async () => {
    const one = await signUpOrg(app, 'One Account');
    const several = await signUpOrg(app, 'Several Accounts');
    for (const name of ['Second']) await app.gql(SIGN_UP, { organizationName: name, name: 'Same Person', email: several.email, password: `${name} horse battery` });
    const kinds = { unknown: () => uniqueEmail('nobody'), one: () => one.email, several: () => several.email };
    const times: Record<keyof typeof kinds, number[]> = { unknown: [], one: [], several: [] };
    let n = 0;
    for (let round = 0; round < 15; round++) {
      for (const kind of ['unknown', 'one', 'several'] as const) {
        const email = kinds[kind];
        n++;
        const headers = { 'x-forwarded-for': `10.${Math.floor(n / 250)}.${n % 250}.7` };
        const started = performance.now();
        const r = await app.gql(LOG_IN, { email: email(), password: 'a wrong passphrase' }, { headers });
        times[kind].push(performance.now() - started);
        expect(r.data.logIn.userErrors[0].code).toBe('INVALID_CREDENTIALS');
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
    const m = { unknown: median(times.unknown), one: median(times.one), several: median(times.several) };
    console.info(`logIn medians of 15 (wrong password): unknown ${m.unknown.toFixed(1)} ms, one account ${m.one.toFixed(1)} ms, two accounts ${m.several.toFixed(1)} ms`);
    // Generous: the same work takes the same time up to the machine's noise; one password check
    // more or less per account would show as a third or more.
    for (const kind of ['one', 'several'] as const) {
      expect(m[kind] / m.unknown, kind).toBeGreaterThan(0.67);
      expect(m[kind] / m.unknown, kind).toBeLessThan(1.5);
    }
  }, 60_000);
});
