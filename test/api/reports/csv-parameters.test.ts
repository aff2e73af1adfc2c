// The CSV link's parameters are validated as GraphQL validates the same InvoicesReportFilter: real
// calendar dates, known statuses, ids, booleans, no unknown fields, well-formed text; a bad one is
// answered with a JSON 400 before any byte of the file (issue 12, finding 9: 2023-02-30 was a 200
// with the header, then a cut stream and a database error in the log; unknown statuses passed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
}, 120_000);
afterAll(() => app?.stop());

const encode = (filter: unknown) => Buffer.from(JSON.stringify(filter)).toString('base64url');
const get = (query: string) => fetch(`${app.url}/reports/invoices.csv${query}`, { headers: { authorization: `Bearer ${t.accountant.token}` } });

describe('the invoices CSV parameters', () => {
  it.each([
    ['an impossible date', { from: '2023-02-30' }, /calendar date/],
    ['a 13th month', { to: '2024-13-01' }, /calendar date/],
    ['a date that is not a string', { from: 20240101 }, /Date/],
    ['an unknown status', { statuses: ['NOPE'] }, /InvoiceStatus/],
    ['a lower-case status', { statuses: ['open'] }, /InvoiceStatus/],
    ['a boolean given as text', { withRemainingBalance: 'yes' }, /Boolean/],
    ['an unknown field', { colour: 'red' }, /colour/],
    ['from after to', { from: '2024-05-01', to: '2024-04-01' }, /after/],
    ['a malformed id', { clientId: 'not-an-id' }, /valid id/],
    ['a NUL in the search', { search: 'a\u0000b' }, /NUL/],
    ['a lone surrogate in the search', { search: 'a\ud800b' }, /surrogate/],
  ])('refuses %s with a JSON 400 before any byte of the file', async (_what, filter, message) => {
    const res = await get(`?filter=${encode(filter)}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]?.message).toMatch(message);
    expect(body.errors[0]?.message).not.toMatch(/Did you mean/);
  });

  it.each([
    ['not base64url JSON', '?filter=%%%'],
    ['a JSON array', `?filter=${encode(['OPEN'])}`],
    ['the filter given twice', `?filter=${encode({})}&filter=${encode({})}`],
  ])('refuses %s with a JSON 400', async (_what, query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serves a valid filter (a leap day, known statuses, text in NFC)', async () => {
    const res = await get(`?filter=${encode({ from: '2024-02-29', to: '2024-12-31', statuses: ['OPEN', 'PAID'], withRemainingBalance: false, search: 'Cafe\u0301' })}`);
    expect(res.status).toBe(200);
    expect((await res.text()).split('\n')[0]).toMatch(/^Invoice,Kind,Invoice date,/);
  });
});
