// Tenant isolation, enumerated over the served schema: every Query, Mutation and Subscription field
// that takes an ID (as an argument or inside an input object) is called by organization B with
// organization A's ids, and must answer exactly as for ids that do not exist — null, NOT_FOUND,
// 404 — with none of A's ids in the answer and A's data unchanged. A new field is enrolled by
// itself; one whose ids this test cannot place fails it until it is added to ID_KINDS.
import { getNamedType, isScalarType, type GraphQLField, type GraphQLInputType, getNullableType, isListType, isInputObjectType } from 'graphql';
import { createClient } from 'graphql-ws';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signUpOrg, startTestApp, type TestApp } from '../../support/api-app.js';
import { checkOrganization } from '../../support/invariants.js';
import { operationFor, rootFields, sampleArgs, servedSchema, type Root } from '../../support/schema-walk.js';
import { world, type Kind, type World } from '../../support/world.js';
import { one } from '../../support/lists.js';

/** Which record an ID names, by argument or input field name… */
const BY_NAME: Record<string, Kind> = {
  clientId: 'client',
  supplierId: 'supplier',
  productId: 'product',
  projectId: 'project',
  salesOrderId: 'salesOrder',
  salesOrderLineId: 'salesOrderLine',
  lineId: 'salesOrderLine',
  purchaseOrderId: 'purchaseOrder',
  purchaseOrderLineId: 'purchaseOrderLine',
  invoiceId: 'invoice',
  invoiceLineId: 'invoiceLine',
  noteId: 'note',
  userId: 'user',
  orderRepId: 'user',
  productionRepId: 'user',
  invoicingRepId: 'user',
  repId: 'user',
  assigneeId: 'user',
};
/** …and, for a bare `id`/`ids`, by the field. */
const BY_FIELD: Record<string, Kind> = {
  'Query.invoice': 'invoice',
  'Query.salesOrder': 'salesOrder',
  'Query.purchaseOrder': 'purchaseOrder',
  'Query.purchaseOrderStagePreview': 'purchaseOrder',
  'Query.invoiceEmailPreview': 'invoice',
  'Query.project': 'project',
  'Mutation.editNote': 'note',
  'Mutation.deleteNote': 'note',
  'Mutation.setNotePinned': 'note',
  'Mutation.scheduleSalesOrder': 'salesOrder',
  'Mutation.scheduleSalesOrders': 'salesOrder',
  'Mutation.setSalesOrderStatus': 'salesOrder',
  'Mutation.setPurchaseOrderStage': 'purchaseOrder',
  'Mutation.setPurchaseOrderStatus': 'purchaseOrder',
  'Mutation.sendInvoice': 'invoice',
  'Mutation.voidInvoice': 'invoice',
  'Mutation.exportInvoices': 'invoice',
  'Mutation.markNotificationsRead': 'notification',
  'Mutation.completeFollowUp': 'followUp',
};

let app: TestApp;
let a: World;
let b: Awaited<ReturnType<typeof signUpOrg>>;
beforeAll(async () => {
  app = await startTestApp();
  a = await world(app, 'Org A');
  b = await signUpOrg(app, 'Org B');
}, 120_000);
afterAll(() => app?.stop());

function takesId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return takesId(t.ofType as GraphQLInputType, seen);
  if (isScalarType(t)) return t.name === 'ID';
  if (isInputObjectType(t) && !seen.has(t.name)) {
    seen.add(t.name);
    return Object.values(t.getFields()).some((f) => takesId(f.type, seen));
  }
  return false;
}

/** Arguments for `field` with every ID set to `idOf(kind)`; throws for an ID it cannot place. */
function argsWith(root: Root, field: GraphQLField<unknown, unknown>, idOf: (k: Kind) => string) {
  return sampleArgs(field.args, (name, type, path) => {
    if (getNamedType(type).name !== 'ID') return undefined;
    const own = path.filter((p) => !/^\d+$/.test(p)).at(-1)!;
    const kind = own === 'id' || own === 'ids' ? BY_FIELD[`${root}.${field.name}`] : BY_NAME[own];
    if (!kind) throw new Error(`${root}.${field.name}: which record does "${path.join('.')}" name? Add it to ID_KINDS (BY_NAME/BY_FIELD) of this test.`);
    return isListType(getNullableType(type)) ? [idOf(kind)] : idOf(kind);
  });
}

const aIds = () => Object.values(a.ids);

/** The answer with the given ids replaced by their kind, so two answers can be compared. */
function normalized(body: unknown, ids: Record<string, string>): string {
  let text = JSON.stringify(body).replace(/"requestId":"[^"]+"/g, '"requestId":"…"');
  for (const [kind, id] of Object.entries(ids)) text = text.split(id).join(`<${kind}>`);
  return text;
}

describe('every field taking an ID, called by B with A’s ids', () => {
  it('answers exactly as for ids that do not exist, leaks none of A’s ids, and changes nothing of A’s', async () => {
    const schema = await servedSchema(app, b.token);
    const orgA = a.admin.organizationId;
    const before = await checkOrganization(app, orgA);
    const tested: string[] = [];
    for (const root of ['Query', 'Mutation'] as const) {
      for (const field of rootFields(schema, root)) {
        if (!field.args.some((arg) => takesId(arg.type))) continue;
        const randomIds = Object.fromEntries(Object.keys(a.ids).map((k) => [k, randomUUID()])) as Record<Kind, string>;
        const foreign = argsWith(root, field, (k) => a.ids[k]);
        const missing = argsWith(root, field, (k) => randomIds[k]);
        const query = operationFor(root, field, foreign);
        const withForeign = await app.gql(query, foreign, { token: b.token });
        const withMissing = await app.gql(query, missing, { token: b.token });
        const label = `${root}.${field.name}`;
        const text = JSON.stringify(withForeign);
        for (const id of aIds()) expect(text, `${label} leaked ${id}`).not.toContain(id);
        expect(normalized({ data: withForeign.data, errors: withForeign.errors }, a.ids), label).toBe(normalized({ data: withMissing.data, errors: withMissing.errors }, randomIds));
        expect(withForeign.errors?.map((e) => e.extensions?.code) ?? [], label).not.toContain('INTERNAL_SERVER_ERROR');
        if (root === 'Mutation') {
          const payload = withForeign.data?.[field.name];
          if (payload && typeof payload === 'object') expect(payload.userErrors.map((e: { code: string }) => e.code), label).toContain('NOT_FOUND');
          else expect(payload, label).toBe(0); // markNotificationsRead: how many changed
        }
        tested.push(label);
      }
    }
    // Every by-id read and every mutation naming a record is in; the list grows with the schema.
    expect(tested).toEqual(expect.arrayContaining(['Query.invoice', 'Query.salesOrder', 'Query.purchaseOrder', 'Query.project', 'Mutation.createInvoice', 'Mutation.voidInvoice', 'Mutation.addNote', 'Mutation.markNotificationsRead']));
    expect(tested.length).toBeGreaterThanOrEqual(25);
    console.info(`tenant isolation: ${tested.length} fields taking ids, each called with A's ids and with missing ones`);
    const after = await checkOrganization(app, orgA);
    expect(after.violations).toEqual([]);
    expect(after.fingerprint).toBe(before.fingerprint);
    const { n } = one(await app.sql<{ n: number }>('select count(*)::int as n from note where organization_id = $1', [orgA]));
    expect(n).toBe(1);
  });

  it('covers every Subscription field taking an ID: refused as for a missing id, no event of A’s', async () => {
    const schema = await servedSchema(app, b.token);
    const client = createClient({ url: app.url.replace('http', 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${b.token}` }, retryAttempts: 0 });
    const first = (query: string, variables: Record<string, unknown>) =>
      new Promise<unknown>((resolve) => {
        const stop = client.subscribe({ query, variables }, { next: (v) => (stop(), resolve(v)), error: (e) => resolve({ error: e }), complete: () => resolve('complete') });
        setTimeout(() => (stop(), resolve('nothing')), 1500);
      });
    try {
      let count = 0;
      for (const field of rootFields(schema, 'Subscription')) {
        if (!field.args.some((arg) => takesId(arg.type))) continue;
        const randomIds = Object.fromEntries(Object.keys(a.ids).map((k) => [k, randomUUID()])) as Record<Kind, string>;
        const foreign = argsWith('Subscription', field, (k) => a.ids[k]);
        const query = operationFor('Subscription', field, foreign, 1);
        const pending = first(query, foreign);
        // Something happens on A's project meanwhile: B must not see it.
        await app.gql(`mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } } }`, { input: { projectId: a.ids.project, body: 'meanwhile' } }, { token: a.order.token });
        const got = await pending;
        const missing = await first(query, argsWith('Subscription', field, (k) => randomIds[k]));
        expect(normalized(got, a.ids)).toBe(normalized(missing, randomIds));
        for (const id of aIds()) expect(JSON.stringify(got)).not.toContain(id);
        count++;
      }
      expect(count).toBeGreaterThanOrEqual(1);
    } finally {
      await client.dispose();
    }
  });

  it('answers the PDF and CSV downloads of A’s records with the same 404 / empty report as missing ones', async () => {
    const get = (p: string) => fetch(`${app.url}${p}`, { headers: { authorization: `Bearer ${b.token}` } });
    const pdf = await get(`/invoices/${a.ids.invoice}.pdf`);
    const missingPdf = await get(`/invoices/${randomUUID()}.pdf`);
    expect(pdf.status).toBe(404);
    expect(await pdf.text()).toBe(await missingPdf.text());
    // A's own admin does get it (the id is real).
    expect((await fetch(`${app.url}/invoices/${a.ids.invoice}.pdf`, { headers: { authorization: `Bearer ${a.admin.token}` } })).status).toBe(200);

    const csv = await get(`/reports/invoices.csv?filter=${Buffer.from(JSON.stringify({ clientId: a.ids.client })).toString('base64url')}`);
    const missingCsv = await get(`/reports/invoices.csv?filter=${Buffer.from(JSON.stringify({ clientId: randomUUID() })).toString('base64url')}`);
    expect(csv.status).toBe(200);
    expect(missingCsv.status).toBe(200);
    const text = await csv.text();
    expect(text).toBe(await missingCsv.text());
    for (const id of aIds()) expect(text).not.toContain(id);
    const all = await (await get('/reports/invoices.csv')).text();
    expect(all).not.toMatch(/INV-/);
  });
});
