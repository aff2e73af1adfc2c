// Every mutation × every role (and anonymous), as one table: allowed or FORBIDDEN exactly as
// DOMAIN.md's table says (packages/domain PERMISSIONS), and nothing written when refused. The
// mutations come from the served schema: a new one fails this test until it is given a row.
import { PERMISSIONS, ROLES, may, type Action, type Role } from '../../../packages/domain/src/index.js';
import { getNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_IN, startTestApp, userWithRoles, type TestApp } from '../../support/api-app.js';
import { checkOrganization } from '../../support/invariants.js';
import { operationFor, rootFields, sampleArgs, servedSchema } from '../../support/schema-walk.js';
import { world, type Kind, type World } from '../../support/world.js';

/** Who may call each mutation: an action of PERMISSIONS, every signed-in user, or anyone. */
const WHO: Record<string, Action | 'everyone' | 'anyone' | 'author'> = {
  signUp: 'anyone',
  logIn: 'anyone',
  logOut: 'anyone',
  changePassword: 'everyone',
  setEmailOnMention: 'everyone',
  addNote: 'everyone',
  editNote: 'author', // only the author (the world's note is the production rep's) or an ADMIN
  deleteNote: 'author', // each call gets a fresh note of the production rep's
  setNotePinned: 'everyone',
  markNotificationsRead: 'everyone',
  markAllNotificationsRead: 'everyone',
  updateOrganization: 'manageOrganization',
  createUser: 'manageUsers',
  updateUser: 'manageUsers',
  createClient: 'manageClients',
  updateClient: 'manageClients',
  createProject: 'manageProjects',
  createSalesOrder: 'manageSalesOrders',
  cancelSalesOrderQuantity: 'cancelQuantity',
  setSalesOrderStatus: 'setSalesOrderStatus',
  createSupplier: 'manageSuppliers',
  updateSupplier: 'manageSuppliers',
  createProduct: 'manageProducts',
  updateProduct: 'manageProducts',
  adjustStock: 'adjustStock',
  scheduleSalesOrder: 'schedule',
  scheduleSalesOrders: 'schedule',
  createPurchaseOrder: 'managePurchaseOrders',
  createPurchaseOrdersForSalesOrder: 'managePurchaseOrders',
  setPurchaseOrderStage: 'managePurchaseOrders',
  setPurchaseOrderStatus: 'managePurchaseOrders',
  receivePurchaseOrder: 'managePurchaseOrders',
  flagPurchaseOrder: 'managePurchaseOrders',
  createInvoice: 'manageInvoices',
  updateInvoice: 'manageInvoices',
  sendInvoice: 'manageInvoices',
  voidInvoice: 'manageInvoices',
  exportInvoices: 'exportInvoices',
  recordPayment: 'recordPayments',
  recordRefund: 'recordPayments',
  requestDeposit: 'deposits',
  createCreditMemo: 'creditMemos',
  addChargeLine: 'chargeLines',
  createFollowUp: 'everyone',
  completeFollowUp: 'author', // the world's follow-up is the production rep's own (assignee and creator), or an ADMIN's
};

const ID_BY_NAME: Record<string, Kind> = {
  clientId: 'client', supplierId: 'supplier', productId: 'product', projectId: 'project', salesOrderId: 'salesOrder',
  salesOrderLineId: 'salesOrderLine', lineId: 'salesOrderLine', invoiceLineId: 'invoiceLine', purchaseOrderId: 'purchaseOrder', purchaseOrderLineId: 'purchaseOrderLine',
  invoiceId: 'invoice', orderRepId: 'user', productionRepId: 'user', invoicingRepId: 'user', userId: 'user', assigneeId: 'user',
};
const ID_BY_MUTATION: Record<string, Kind> = {
  editNote: 'note', deleteNote: 'note', setNotePinned: 'note', scheduleSalesOrder: 'salesOrder', scheduleSalesOrders: 'salesOrder', setSalesOrderStatus: 'salesOrder',
  setPurchaseOrderStage: 'purchaseOrder', setPurchaseOrderStatus: 'purchaseOrder', sendInvoice: 'invoice', voidInvoice: 'invoice',
  exportInvoices: 'invoice', markNotificationsRead: 'notification', completeFollowUp: 'followUp',
};

let app: TestApp;
let w: World;
let spareUser: string;
beforeAll(async () => {
  app = await startTestApp();
  w = await world(app);
  // updateUser acts on this one, never on a user whose role the table is testing.
  spareUser = (await userWithRoles(app, w.admin.token, ['ACCOUNTANT'], 'Spare Sam')).userId;
}, 120_000);
afterAll(() => app?.stop());

const tokenOf = (role: Role): string =>
  ({ ADMIN: w.admin, ORDER_REP: w.order, PRODUCTION_REP: w.production, INVOICING_REP: w.invoicing, ACCOUNTANT: w.accountant, PURCHASING: w.purchasing })[role].token;
const emailOf = (role: Role): string =>
  ({ ADMIN: w.admin, ORDER_REP: w.order, PRODUCTION_REP: w.production, INVOICING_REP: w.invoicing, ACCOUNTANT: w.accountant, PURCHASING: w.purchasing })[role].email;

function expected(mutation: string, role: Role | null): 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED' {
  const who = WHO[mutation];
  if (who === undefined) throw new Error(`${mutation} has no row in WHO`);
  if (who === 'anyone') return 'allowed';
  if (role === null) return 'UNAUTHENTICATED';
  if (who === 'everyone') return 'allowed';
  if (who === 'author') return role === 'ADMIN' || role === 'PRODUCTION_REP' ? 'allowed' : 'FORBIDDEN';
  return may([role], who) ? 'allowed' : 'FORBIDDEN';
}

async function freshNote(): Promise<string> {
  const r = await app.gql(`mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } } }`, { input: { projectId: w.ids.project, body: 'to be deleted' } }, { token: w.production.token });
  return r.data.addNote.note.id;
}

describe('authorization matrix', () => {
  it('names every mutation of the served schema and only actions DOMAIN.md knows', async () => {
    const schema = await servedSchema(app, w.admin.token);
    const unknown = rootFields(schema, 'Mutation').map((f) => f.name).filter((n) => !(n in WHO));
    expect(unknown, 'give these mutations a row in WHO').toEqual([]);
    for (const who of Object.values(WHO)) if (who !== 'everyone' && who !== 'anyone' && who !== 'author') expect(PERMISSIONS).toHaveProperty(who);
  });

  it('allows or refuses every mutation × every role exactly as the table says; nothing written when refused', async () => {
    const schema = await servedSchema(app, w.admin.token);
    const orgId = w.admin.organizationId;
    const table: string[] = [];
    const wrong: string[] = [];
    let calls = 0;
    for (const field of rootFields(schema, 'Mutation')) {
      const args = sampleArgs(field.args, (name, type, path) => {
        if (getNamedType(type).name !== 'ID') return undefined;
        const own = path.filter((p) => !/^\d+$/.test(p)).at(-1)!;
        const kind = own === 'id' || own === 'ids' ? ID_BY_MUTATION[field.name] : ID_BY_NAME[own];
        if (!kind) throw new Error(`${field.name}: which record does ${path.join('.')} name?`);
        const id = kind === 'user' ? spareUser : w.ids[kind];
        return type.toString().startsWith('[') ? [id] : id;
      });
      const query = operationFor('Mutation', field, args, 1);
      const row: string[] = [];
      for (const role of [...ROLES, null]) {
        let token = role ? tokenOf(role) : undefined;
        // logOut ends the session it is called with: a throwaway one.
        if (field.name === 'logOut' && role) token = (await app.gql(LOG_IN, { email: emailOf(role), password: 'correct horse battery' })).data.logIn.session.token;
        // deleteNote takes the note away: every call gets a fresh one of the production rep's.
        if (field.name === 'deleteNote') args.id = await freshNote();
        const want = expected(field.name, role);
        const before = want === 'allowed' ? null : (await checkOrganization(app, orgId)).fingerprint;
        const r = await app.gql(query, args, { token });
        calls++;
        const codes = (r.errors ?? []).map((e) => e.extensions?.code);
        const got = codes.includes('FORBIDDEN') ? 'FORBIDDEN' : codes.includes('UNAUTHENTICATED') ? 'UNAUTHENTICATED' : 'allowed';
        if (codes.includes('INTERNAL_SERVER_ERROR')) wrong.push(`${field.name} as ${role}: INTERNAL_SERVER_ERROR`);
        if (got !== want) wrong.push(`${field.name} as ${role ?? 'anonymous'}: expected ${want}, got ${got} ${JSON.stringify(r.errors ?? r.data)}`);
        if (before !== null) {
          const after = await checkOrganization(app, orgId);
          if (after.fingerprint !== before) wrong.push(`${field.name} as ${role ?? 'anonymous'}: refused, yet something was written`);
        }
        row.push(got === 'allowed' ? '✓' : got === 'FORBIDDEN' ? 'F' : 'U');
      }
      table.push(`${field.name.padEnd(34)} ${row.join(' ')}`);
    }
    console.info(`authorization matrix (${[...ROLES, 'anonymous'].join(' ')}), ${calls} calls:\n${table.join('\n')}`);
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(32 * 7);
  }, 120_000);
});
