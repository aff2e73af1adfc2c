// No silent lost updates (issue 12, finding 8): every document people edit — clients, suppliers,
// products, users, notes, invoices — carries a `version`, and an edit that names the version its
// author saw (`expectedVersion`) answers CONFLICT when someone else edited it first, writing
// nothing. Without a version an edit applies as before. A note's version starts at 1 and rises by
// 1 with each edit of its body, not with pinning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_USER, startTestApp, type TestApp } from '../../support/api-app.js';
import { ok, OPS, product, project, salesOrder, team, type Team } from '../../support/workflow.js';

const ERRORS = 'userErrors { code message field }';
const UPDATE = {
  client: `mutation($input: UpdateClientInput!) { updateClient(input: $input) { client { id name version } ${ERRORS} } }`,
  supplier: `mutation($input: UpdateSupplierInput!) { updateSupplier(input: $input) { supplier { id name version } ${ERRORS} } }`,
  product: `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { id name version } ${ERRORS} } }`,
  user: `mutation($input: UpdateUserInput!) { updateUser(input: $input) { user { id name version } ${ERRORS} } }`,
};
const ADD_NOTE = `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id body version pinned } ${ERRORS} } }`;
const EDIT_NOTE = `mutation($id: ID!, $body: String!, $v: Int) { editNote(id: $id, body: $body, expectedVersion: $v) { note { id body version } ${ERRORS} } }`;
const PIN = `mutation($id: ID!, $pinned: Boolean!) { setNotePinned(id: $id, pinned: $pinned) { note { id pinned version } ${ERRORS} } }`;

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
}, 120_000);
afterAll(() => app?.stop());

type Kind = keyof typeof UPDATE;

/** A fresh record of `kind` and how to edit its name (token, input of the update). */
async function fresh(kind: Kind): Promise<{ id: string; edit: (name: string, expectedVersion?: number) => Promise<any>; read: () => Promise<{ name: string; version: number }> }> {
  let id: string;
  let input: (name: string) => Record<string, unknown>;
  let token = t.admin.token;
  let read: () => Promise<{ name: string; version: number }>;
  if (kind === 'client') {
    id = (await ok(t, t.order.token, OPS.createClient, { name: 'Versioned Client' }, 'createClient')).client.id;
    input = (name) => ({ clientId: id, name });
    token = t.order.token;
    read = async () => (await app.gql(`{ clients { id name version } }`, {}, { token })).data.clients.find((c: { id: string }) => c.id === id);
  } else if (kind === 'supplier') {
    id = (await ok(t, t.purchasing.token, OPS.createSupplier, { name: 'Versioned Supplier' }, 'createSupplier')).supplier.id;
    input = (name) => ({ supplierId: id, name });
    token = t.purchasing.token;
    read = async () => (await app.gql(`{ suppliers { id name version } }`, {}, { token })).data.suppliers.find((s: { id: string }) => s.id === id);
  } else if (kind === 'product') {
    id = (await product(t, true, 500)).id;
    input = (name) => ({ productId: id, name });
    token = t.purchasing.token;
    read = async () => (await app.gql(`{ products { id name version } }`, {}, { token })).data.products.find((p: { id: string }) => p.id === id);
  } else {
    const created = await app.gql(CREATE_USER, { name: 'Versioned User', email: `versioned.${Date.now()}.${Math.random()}@example.com`, password: 'correct horse battery', roles: ['ORDER_REP'] }, { token });
    id = created.data.createUser.user.id;
    input = (name) => ({ userId: id, name });
    read = async () => (await app.gql(`{ users { id name version } }`, {}, { token })).data.users.find((u: { id: string }) => u.id === id);
  }
  return {
    id,
    read,
    edit: async (name, expectedVersion) => (await app.gql(UPDATE[kind], { input: { ...input(name), ...(expectedVersion === undefined ? {} : { expectedVersion }) } }, { token })).data[`update${kind.charAt(0).toUpperCase()}${kind.slice(1)}`],
  };
}

describe.each(['client', 'supplier', 'product', 'user'] as Kind[])('%s edits', (kind) => {
  it('apply with the current version, answer CONFLICT with a stale one and write nothing, apply without one', async () => {
    const record = await fresh(kind);
    const v1 = (await record.read()).version;
    expect(v1).toBe(1);
    const first = await record.edit('Edited by Ann', v1);
    expect(first.userErrors).toEqual([]);
    const v2 = (await record.read()).version;
    expect(v2).toBeGreaterThan(v1);

    // Bob saw v1 too: his edit is refused, and Ann's stays.
    const stale = await record.edit('Edited by Bob', v1);
    expect(stale.userErrors).toEqual([{ code: 'CONFLICT', message: expect.stringMatching(/Someone else changed this .* since you opened it/), field: expect.arrayContaining(['expectedVersion']) }]);
    expect(await record.read()).toMatchObject({ name: 'Edited by Ann', version: v2 });

    // Without a version, an edit applies as before.
    expect((await record.edit('Edited by Cy')).userErrors).toEqual([]);
    expect((await record.read()).name).toBe('Edited by Cy');
  });

  it('under 20 concurrent edits from the same version, exactly one applies; the others are CONFLICT', async () => {
    const record = await fresh(kind);
    const { version } = await record.read();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => record.edit(`Concurrent ${i}`, version)));
    const applied = results.filter((r) => r.userErrors.length === 0);
    expect(applied).toHaveLength(1);
    expect(results.filter((r) => r.userErrors[0]?.code === 'CONFLICT')).toHaveLength(19);
    expect((await record.read()).name).toBe(applied[0][kind].name);
  });
});

describe('note edits', () => {
  it('count versions from 1, +1 per body edit and never for pinning; a stale version is CONFLICT', async () => {
    const prj = await project(t);
    const added = await ok(t, t.order.token, ADD_NOTE, { input: { projectId: prj.id, body: 'first words' } }, 'addNote');
    const id = added.note.id as string;
    expect(added.note.version).toBe(1);
    expect((await ok(t, t.order.token, PIN, { id, pinned: true }, 'setNotePinned')).note.version).toBe(1);
    expect((await ok(t, t.order.token, EDIT_NOTE, { id, body: 'second words', v: 1 }, 'editNote')).note.version).toBe(2);
    expect((await ok(t, t.order.token, PIN, { id, pinned: false }, 'setNotePinned')).note.version).toBe(2);
    expect((await ok(t, t.admin.token, EDIT_NOTE, { id, body: 'third words' }, 'editNote')).note.version).toBe(3);

    const stale = await app.gql(EDIT_NOTE, { id, body: 'lost words', v: 2 }, { token: t.order.token });
    expect(stale.data.editNote).toEqual({ note: null, userErrors: [{ code: 'CONFLICT', message: expect.stringContaining('since you opened it'), field: ['expectedVersion'] }] });
    const [row] = await app.sql<{ body: string; version: number }>('select body, version from note where id = $1', [id]);
    expect(row).toEqual({ body: 'third words', version: 3 });

    // Order of checks: the author check (top-level FORBIDDEN) before the version, the version before the body.
    expect((await app.gql(EDIT_NOTE, { id, body: 'x', v: 1 }, { token: t.invoicing.token })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(EDIT_NOTE, { id, body: '   ', v: 1 }, { token: t.order.token })).data.editNote.userErrors.map((e: { code: string }) => e.code)).toEqual(['CONFLICT']);
  });

  it('under 20 concurrent edits from the same version, exactly one applies', async () => {
    const prj = await project(t);
    const id = (await ok(t, t.order.token, ADD_NOTE, { input: { projectId: prj.id, body: 'start' } }, 'addNote')).note.id;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => app.gql(EDIT_NOTE, { id, body: `edit ${i}`, v: 1 }, { token: t.order.token })));
    const codes = results.map((r) => r.data.editNote.userErrors[0]?.code ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(19);
    const [row] = await app.sql<{ version: number; n: string }>(`select version, (select count(*) from activity_event where entity_id = $1 and kind = 'note.edited') as n from note where id = $1`, [id]);
    expect(row).toEqual({ version: 2, n: '1' });
  });
});

describe('invoice edits', () => {
  it('answer CONFLICT with a stale version', async () => {
    const pen = await product(t, false, 100);
    const prj = await project(t);
    const so = await salesOrder(t, prj.id, [{ productId: pen.id, quantity: 4 }]);
    const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
    await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
    await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 4 }] } }, 'receivePurchaseOrder');
    const inv = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 2 }] } }, 'createInvoice')).invoice;
    const edit = (quantity: number, expectedVersion: number) =>
      app.gql(OPS.updateInvoice, { input: { invoiceId: inv.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity }], expectedVersion } }, { token: t.invoicing.token });
    expect((await edit(3, inv.version)).data.updateInvoice.userErrors).toEqual([]);
    expect((await edit(1, inv.version)).data.updateInvoice.userErrors.map((e: { code: string }) => e.code)).toEqual(['CONFLICT']);
    expect((await app.gql(OPS.invoice, { id: inv.id }, { token: t.invoicing.token })).data.invoice.lines[0].quantity).toBe(3);
  });
});
