// updateClient and updateSupplier: who may, what they change, and refusals that write nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpOrg, startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, team, type Team } from '../../support/workflow.js';
import { writesNothing } from './db-snapshot.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

const ERRORS = 'userErrors { code message field }';
const UPDATE_CLIENT = `mutation($input: UpdateClientInput!) { updateClient(input: $input) { client { id name email paymentTermsDays } ${ERRORS} } }`;
const UPDATE_SUPPLIER = `mutation($input: UpdateSupplierInput!) { updateSupplier(input: $input) { supplier { id name email } ${ERRORS} } }`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function newClient(name = 'Initech') {
  const r = await ok(t, t.order.token, OPS.createClient, { name, email: 'ap@initech.example', terms: 30 }, 'createClient');
  return r.client.id as string;
}

async function newSupplier(name = 'Widget Works') {
  const r = await ok(t, t.purchasing.token, OPS.createSupplier, { name }, 'createSupplier');
  return r.supplier.id as string;
}

const activityOf = (id: string) => app.sql<{ kind: string; message: string; actor_id: string }>('select kind, message, actor_id from activity_event where entity_id = $1', [id]);

describe('updateClient', () => {
  it('lets an ORDER_REP change the name, invoice e-mail and payment terms, logged as client.updated', async () => {
    const id = await newClient();
    const r = await app.gql(UPDATE_CLIENT, { input: { clientId: id, name: '  Initech Corp ', email: 'Billing@Initech.example', paymentTermsDays: 45 } }, { token: t.order.token });
    expect(r.data.updateClient).toEqual({ client: { id, name: 'Initech Corp', email: 'billing@initech.example', paymentTermsDays: 45 }, userErrors: [] });
    const listed = await app.gql('{ clients { id name email paymentTermsDays } }', {}, { token: t.accountant.token });
    expect(listed.data.clients).toContainEqual({ id, name: 'Initech Corp', email: 'billing@initech.example', paymentTermsDays: 45 });
    expect(await activityOf(id)).toEqual([
      { kind: 'client.updated', message: 'Client Initech Corp edited: name, invoice e-mail billing@initech.example, payment terms 45 days', actor_id: t.order.userId },
    ]);
  });

  it('keeps what is left out, clears the e-mail with null or blank, and lets an ADMIN do it too', async () => {
    const id = await newClient();
    const terms = await app.gql(UPDATE_CLIENT, { input: { clientId: id, paymentTermsDays: 0 } }, { token: t.admin.token });
    expect(terms.data.updateClient.client).toEqual({ id, name: 'Initech', email: 'ap@initech.example', paymentTermsDays: 0 });
    const cleared = await app.gql(UPDATE_CLIENT, { input: { clientId: id, email: null } }, { token: t.order.token });
    expect(cleared.data.updateClient.client).toEqual({ id, name: 'Initech', email: null, paymentTermsDays: 0 });
    await app.gql(UPDATE_CLIENT, { input: { clientId: id, email: 'a@b.example' } }, { token: t.order.token });
    const blank = await app.gql(UPDATE_CLIENT, { input: { clientId: id, email: '   ' } }, { token: t.order.token });
    expect(blank.data.updateClient.client.email).toBeNull();
  });

  it('refuses out-of-range values with INVALID_INPUT on each field and writes nothing', async () => {
    const id = await newClient();
    const r = await writesNothing(app, () => app.gql(UPDATE_CLIENT, { input: { clientId: id, name: '  ', email: 'not-an-address', paymentTermsDays: 366 } }, { token: t.order.token }));
    expect(r.data.updateClient.client).toBeNull();
    expect(r.data.updateClient.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field])).toEqual([
      ['INVALID_INPUT', ['input', 'name']],
      ['INVALID_INPUT', ['input', 'email']],
      ['INVALID_INPUT', ['input', 'paymentTermsDays']],
    ]);
  });

  it('answers NOT_FOUND for a client of another organization, an unknown or a malformed id', async () => {
    const other = await signUpOrg(app, 'Other Org');
    const theirs = (await ok(t, other.token, OPS.createClient, { name: 'Theirs' }, 'createClient')).client.id;
    for (const clientId of [theirs, UNKNOWN_ID, 'nope']) {
      const r = await writesNothing(app, () => app.gql(UPDATE_CLIENT, { input: { clientId, name: 'Mine now' } }, { token: t.order.token }));
      expect(r.data.updateClient).toEqual({ client: null, userErrors: [{ code: 'NOT_FOUND', message: 'No such client.', field: ['input', 'clientId'] }] });
    }
  });

  it('is FORBIDDEN to roles that do not manage clients, and needs a sign-in', async () => {
    const id = await newClient();
    for (const who of ['purchasing', 'production', 'invoicing', 'accountant'] as const) {
      const r = await writesNothing(app, () => app.gql(UPDATE_CLIENT, { input: { clientId: id, name: 'X' } }, { token: t[who].token }));
      expect(r.errors?.map((e) => e.extensions?.code), who).toEqual(['FORBIDDEN']);
    }
    const anonymous = await app.gql(UPDATE_CLIENT, { input: { clientId: id, name: 'X' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('updateSupplier', () => {
  it('lets PURCHASING change the name and e-mail, keeping what is left out, logged as supplier.updated', async () => {
    const id = await newSupplier();
    const r = await app.gql(UPDATE_SUPPLIER, { input: { supplierId: id, email: 'Orders@Widgets.example' } }, { token: t.purchasing.token });
    expect(r.data.updateSupplier).toEqual({ supplier: { id, name: 'Widget Works', email: 'orders@widgets.example' }, userErrors: [] });
    const renamed = await app.gql(UPDATE_SUPPLIER, { input: { supplierId: id, name: 'Widget Works Ltd' } }, { token: t.admin.token });
    expect(renamed.data.updateSupplier.supplier).toEqual({ id, name: 'Widget Works Ltd', email: 'orders@widgets.example' });
    expect((await activityOf(id)).map((a) => a.kind)).toEqual(['supplier.updated', 'supplier.updated']);
  });

  it('changes nothing and logs nothing when the values are the same', async () => {
    const id = await newSupplier('Same Co');
    const r = await writesNothing(app, () => app.gql(UPDATE_SUPPLIER, { input: { supplierId: id, name: 'Same Co', email: null } }, { token: t.purchasing.token }));
    expect(r.data.updateSupplier.userErrors).toEqual([]);
  });

  it('refuses a blank name and a bad e-mail with INVALID_INPUT and writes nothing', async () => {
    const id = await newSupplier();
    const r = await writesNothing(app, () => app.gql(UPDATE_SUPPLIER, { input: { supplierId: id, name: '', email: 'x@' } }, { token: t.purchasing.token }));
    expect(r.data.updateSupplier.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field])).toEqual([
      ['INVALID_INPUT', ['input', 'name']],
      ['INVALID_INPUT', ['input', 'email']],
    ]);
  });

  it('answers NOT_FOUND for a supplier of another organization', async () => {
    const other = await signUpOrg(app, 'Other Suppliers');
    const theirs = (await ok(t, other.token, OPS.createSupplier, { name: 'Theirs' }, 'createSupplier')).supplier.id;
    const r = await writesNothing(app, () => app.gql(UPDATE_SUPPLIER, { input: { supplierId: theirs, name: 'Mine' } }, { token: t.purchasing.token }));
    expect(r.data.updateSupplier.userErrors).toEqual([{ code: 'NOT_FOUND', message: 'No such supplier.', field: ['input', 'supplierId'] }]);
  });

  it('is FORBIDDEN to an ORDER_REP', async () => {
    const id = await newSupplier();
    const r = await writesNothing(app, () => app.gql(UPDATE_SUPPLIER, { input: { supplierId: id, name: 'X' } }, { token: t.order.token }));
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
