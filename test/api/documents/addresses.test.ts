// Documents name who they are from and to (issue 16): the organization's address, remit-to details
// and invoice terms (updateOrganization, admins only, with expectedVersion), the client's bill-to
// address (createClient/updateClient), printed on the invoice, deposit invoice and credit memo PDFs
// with dates as on screen and what is still to follow; an issued document keeps the addresses it was
// issued with. And the e-mail preview is the very message the outbox then holds.
import { formatDate } from '../../../packages/domain/src/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { MONEY } from '../../support/money.js';
import { readPdf } from '../../support/pdf.js';
import { ok, OPS, product, refused, salesOrder, team, type Team } from '../../support/workflow.js';

let app: TestApp;
let t: Team;
beforeAll(async () => {
  app = await startTestApp();
  t = await team(app);
});
afterAll(() => app?.stop());

const ERRORS = 'userErrors { code message field }';
const ADDRESS = 'line1 line2 city region postalCode country';
const UPDATE_ORG = `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { id name version remitTo invoiceTerms address { ${ADDRESS} } } ${ERRORS} } }`;
const ORG = `query { organization { id name version remitTo invoiceTerms address { ${ADDRESS} } } viewerCan { updateOrganization { allowed reason } } }`;
const CREATE_CLIENT = `mutation($name: String!, $email: String, $address: PostalAddressInput) { createClient(name: $name, email: $email, billingAddress: $address) { client { id version billingAddress { ${ADDRESS} } } ${ERRORS} } }`;
const UPDATE_CLIENT = `mutation($input: UpdateClientInput!) { updateClient(input: $input) { client { id version billingAddress { ${ADDRESS} } } ${ERRORS} } }`;
const SEND = `mutation($id: ID!, $to: [String!]) { sendInvoice(id: $id, to: $to) { invoice { id status sentTo } ${ERRORS} } }`;
const EMAIL_PREVIEW = `query($id: ID!, $to: [String!]) { invoiceEmailPreview(id: $id, to: $to) { to subject text attachmentName ${ERRORS} } }`;

const HQ = { line1: '1200 Commerce Drive', line2: 'Suite 300', city: 'Columbus', region: 'OH', postalCode: '43215', country: 'United States' };
const REMIT = 'Lockbox 4410\nColumbus, OH 43216\nACH routing 044000024';
const TERMS = 'Finance charge of 1.5% per month on balances past due.';
const BILL_TO = { line1: '742 Evergreen Terrace', line2: 'Accounts Payable', city: 'Springfield', region: 'IL', postalCode: '62704', country: 'United States' };

/** Whitespace collapsed: wrapped text joined back. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function pdfText(invoice: { pdfUrl: string }): Promise<string> {
  const res = await fetch(`${app.url}${invoice.pdfUrl}`, { headers: { authorization: `Bearer ${t.accountant.token}` } });
  expect(res.status).toBe(200);
  return (await readPdf(new Uint8Array(await res.arrayBuffer()))).text;
}

async function organization() {
  return (await app.gql(ORG, {}, { token: t.admin.token })).data.organization;
}

/** A client with a bill-to address and an order of 500 drop-ship mugs at $12.50 of which 300 shipped. */
async function partlyShippedOrder(clientId: string) {
  const mug = await product(t, false, 1250);
  const prj = await ok(t, t.order.token, OPS.createProject, { name: 'Fall fair', clientId, o: t.order.userId, p: t.production.userId, i: t.invoicing.userId }, 'createProject');
  const so = await salesOrder(t, prj.project.id, [{ productId: mug.id, quantity: 500 }], 825);
  const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
  await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 300 }] } }, 'receivePurchaseOrder');
  return { so, mug: so.lines[0].description as string };
}

describe('the organization settings', () => {
  it('an admin sets the address, remit-to and terms, sending the version seen; a stale version answers CONFLICT', async () => {
    const before = await organization();
    expect(before).toMatchObject({ address: null, remitTo: null, invoiceTerms: null });
    const saved = (
      await ok(t, t.admin.token, UPDATE_ORG, { input: { address: { ...HQ, line1: '  1200 Commerce Drive ' }, remitTo: `  ${REMIT}\n\n`, invoiceTerms: TERMS, expectedVersion: before.version } }, 'updateOrganization')
    ).organization;
    expect(saved).toMatchObject({ address: HQ, remitTo: REMIT, invoiceTerms: TERMS, name: before.name });
    expect(saved.version).toBeGreaterThan(before.version);
    expect(await organization()).toMatchObject({ address: HQ, remitTo: REMIT, invoiceTerms: TERMS });
    expect(await refused(t, t.admin.token, UPDATE_ORG, { input: { invoiceTerms: 'Other', expectedVersion: before.version } }, 'updateOrganization')).toEqual(['CONFLICT']);
    expect((await organization()).invoiceTerms).toBe(TERMS);
  });

  it('refuses parts beyond their limits on the field named, and anyone but an admin', async () => {
    const r = await app.gql(UPDATE_ORG, { input: { address: { city: 'x'.repeat(61) }, remitTo: 'y'.repeat(501) } }, { token: t.admin.token });
    expect(r.data.updateOrganization.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field.join('.')])).toEqual([
      ['INVALID_INPUT', 'input.address.city'],
      ['INVALID_INPUT', 'input.remitTo'],
    ]);
    for (const who of [t.order, t.invoicing, t.accountant]) {
      expect(await refused(t, who.token, UPDATE_ORG, { input: { invoiceTerms: 'Mine' } }, 'updateOrganization')).toEqual(['FORBIDDEN']);
      const can = (await app.gql(ORG, {}, { token: who.token })).data.viewerCan.updateOrganization;
      expect(can.allowed).toBe(false);
      expect(can.reason).toBe('Only admins change the organization settings.');
    }
    expect((await app.gql(ORG, {}, { token: t.admin.token })).data.viewerCan.updateOrganization.allowed).toBe(true);
  });
});

describe('the client bill-to address', () => {
  it('is given at creation, replaced whole on edit (blank parts cleared), cleared with null; too long is refused on its part', async () => {
    const created = (await ok(t, t.order.token, CREATE_CLIENT, { name: 'Initech', email: 'ap@initech.example', address: { line1: '4120 Freidrich Lane', city: 'Austin', region: 'TX', postalCode: '78744' } }, 'createClient')).client;
    expect(created.billingAddress).toEqual({ line1: '4120 Freidrich Lane', line2: null, city: 'Austin', region: 'TX', postalCode: '78744', country: null });
    const edited = (await ok(t, t.order.token, UPDATE_CLIENT, { input: { clientId: created.id, expectedVersion: created.version, billingAddress: { line1: '1 Main St', city: 'Dallas', region: ' ', country: 'USA' } } }, 'updateClient')).client;
    expect(edited.billingAddress).toEqual({ line1: '1 Main St', line2: null, city: 'Dallas', region: null, postalCode: null, country: 'USA' });
    expect(await refused(t, t.order.token, UPDATE_CLIENT, { input: { clientId: created.id, expectedVersion: created.version, billingAddress: null } }, 'updateClient')).toEqual(['CONFLICT']);
    const tooLong = await app.gql(UPDATE_CLIENT, { input: { clientId: created.id, billingAddress: { postalCode: '9'.repeat(21) } } }, { token: t.order.token });
    expect(tooLong.data.updateClient.userErrors).toEqual([{ code: 'INVALID_INPUT', message: 'Postal code is at most 20 characters.', field: ['input', 'billingAddress', 'postalCode'] }]);
    const cleared = (await ok(t, t.order.token, UPDATE_CLIENT, { input: { clientId: created.id, billingAddress: null } }, 'updateClient')).client;
    expect(cleared.billingAddress).toBeNull();
  });
});

describe('the PDFs of each kind: addresses, terms, remit-to, dates as on screen, what is still to follow', () => {
  let clientId: string;
  let so: { id: string; number: string };
  let mug: string;
  let invoice: any;
  let deposit: any;
  let memo: any;

  beforeAll(async () => {
    const org = await organization();
    await ok(t, t.admin.token, UPDATE_ORG, { input: { address: HQ, remitTo: REMIT, invoiceTerms: TERMS, expectedVersion: org.version } }, 'updateOrganization');
    clientId = (await ok(t, t.order.token, CREATE_CLIENT, { name: 'Globex Billing', email: 'ap@globex.example', address: BILL_TO }, 'createClient')).client.id;
    ({ so, mug } = await partlyShippedOrder(clientId));
    deposit = (await ok(t, t.invoicing.token, MONEY.requestDeposit, { input: { salesOrderId: so.id, amountCents: 50_000 } }, 'requestDeposit')).invoice;
    invoice = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    await ok(t, t.accountant.token, MONEY.exportInvoices, { ids: [invoice.id] }, 'exportInvoices');
    memo = (await ok(t, t.accountant.token, MONEY.createCreditMemo, { input: { invoiceId: invoice.id, lines: [{ invoiceLineId: invoice.lines[0].id, quantity: 5 }], reason: 'Five arrived chipped' } }, 'createCreditMemo')).invoice;
  }, 60_000);

  const from = (text: string) => {
    expect(text).toContain('1200 Commerce Drive');
    expect(text).toContain('Suite 300');
    expect(text).toContain('Columbus, OH 43215');
  };
  const billTo = (text: string) => {
    expect(text).toMatch(/BILL TO\s*Globex Billing\s*742 Evergreen Terrace\s*Accounts Payable\s*Springfield, IL 62704\s*United States/);
  };
  const noIsoDate = (text: string) => expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);

  it('the invoice: both addresses, Net 30, the remit-to details and terms, its dates, the 200 mugs still to follow', async () => {
    const text = await pdfText(invoice);
    from(text);
    billTo(text);
    const inv = (await app.gql(OPS.invoice, { id: invoice.id }, { token: t.admin.token })).data.invoice;
    expect(text).toMatch(new RegExp(`Invoice date\\s*${formatDate(inv.invoiceDate)}`));
    expect(text).toMatch(new RegExp(`Due date\\s*${formatDate(inv.dueDate)}`));
    expect(text).toMatch(/Terms\s*Net 30/);
    expect(flat(text)).toContain(`REMIT TO Please remit payment to Acme Promo by ${formatDate(inv.dueDate)}, quoting ${inv.number}. Lockbox 4410 Columbus, OH 43216 ACH routing 044000024`);
    expect(flat(text)).toContain(`TERMS ${TERMS}`);
    expect(text).toMatch(new RegExp(`Still to follow\\s*200 × ${mug}\\s*waiting for goods`));
    noIsoDate(text);
  });

  it('the deposit invoice: both addresses, remit-to and terms, its date, the whole order still to follow', async () => {
    const text = await pdfText(deposit);
    expect(text).toContain('DEPOSIT INVOICE');
    from(text);
    billTo(text);
    const dep = (await app.gql(OPS.invoice, { id: deposit.id }, { token: t.admin.token })).data.invoice;
    expect(text).toMatch(new RegExp(`Invoice date\\s*${formatDate(dep.invoiceDate)}`));
    expect(flat(text)).toContain('Lockbox 4410 Columbus, OH 43216');
    expect(flat(text)).toContain(`TERMS ${TERMS}`);
    // Asked before the invoice: 300 shipped and not billed, 200 waiting for goods.
    expect(text).toMatch(new RegExp(`Still to follow\\s*500 × ${mug}\\s*200 waiting for goods`));
    noIsoDate(text);
  });

  it('the credit memo: both addresses and its date; no terms, nothing to remit; what was still to follow after it', async () => {
    const text = await pdfText(memo);
    expect(text).toContain('CREDIT MEMO');
    from(text);
    billTo(text);
    const cm = (await app.gql(OPS.invoice, { id: memo.id }, { token: t.admin.token })).data.invoice;
    expect(text).toMatch(new RegExp(`Date\\s*${formatDate(cm.invoiceDate)}`));
    expect(text).not.toMatch(/Terms|TERMS|Remit|REMIT|Lockbox/);
    // Taken back without re-invoicing: the 200 mugs still wait for goods, the five are written off.
    expect(text).toMatch(new RegExp(`Still to follow\\s*200 × ${mug}\\s*waiting for goods`));
    noIsoDate(text);
  });

  it('an issued document keeps the addresses it was issued with; a new one prints the new ones', async () => {
    await ok(t, t.invoicing.token, SEND, { id: deposit.id }, 'sendInvoice');
    const client = (await app.gql(`query { clients { id version } }`, {}, { token: t.order.token })).data.clients.find((c: { id: string }) => c.id === clientId);
    await ok(t, t.order.token, UPDATE_CLIENT, { input: { clientId, expectedVersion: client.version, billingAddress: { line1: '99 New Road', city: 'Chicago', region: 'IL', postalCode: '60601' } } }, 'updateClient');
    const org = await organization();
    await ok(t, t.admin.token, UPDATE_ORG, { input: { remitTo: 'Pay by card only', expectedVersion: org.version } }, 'updateOrganization');
    for (const issued of [deposit, invoice, memo]) {
      const text = await pdfText(issued);
      billTo(text);
      expect(text).not.toContain('99 New Road');
      expect(text).not.toContain('Pay by card only');
    }
    // An OPEN document is not issued yet: sent now, it takes the client's address as it is.
    const second = (await ok(t, t.invoicing.token, MONEY.requestDeposit, { input: { salesOrderId: so.id, amountCents: 1_000 } }, 'requestDeposit')).invoice;
    const fresh = await pdfText(second);
    expect(fresh).toMatch(/BILL TO\s*Globex Billing\s*99 New Road\s*Chicago, IL 60601/);
    expect(flat(fresh)).toContain('Pay by card only');
  });
});

describe('the e-mail preview', () => {
  it('is the message sendInvoice then queues: recipients, subject, text, attachment', async () => {
    const { so } = await partlyShippedOrder(t.clientId);
    const inv = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    const preview = (await app.gql(EMAIL_PREVIEW, { id: inv.id }, { token: t.invoicing.token })).data.invoiceEmailPreview;
    expect(preview).toMatchObject({ to: ['ap@globex.example'], subject: `Invoice ${inv.number} from Acme Promo`, attachmentName: `${inv.number}.pdf`, userErrors: [] });
    expect(preview.text).toContain('$4,059.38');
    const given = (await app.gql(EMAIL_PREVIEW, { id: inv.id, to: ['Ops@Globex.example'] }, { token: t.invoicing.token })).data.invoiceEmailPreview;
    expect(given.to).toEqual(['ops@globex.example']);
    expect(given.text).toBe(preview.text);
    // Nothing was written by previewing.
    expect(await app.sql('select id from outbox_email where invoice_id = $1', [inv.id])).toEqual([]);

    await ok(t, t.invoicing.token, SEND, { id: inv.id, to: ['Ops@Globex.example'] }, 'sendInvoice');
    const [row] = await app.sql<{ to: string[]; subject: string; text: string }>('select "to", subject, text from outbox_email where invoice_id = $1', [inv.id]);
    expect(row).toEqual({ to: given.to, subject: given.subject, text: given.text });
  });

  it('answers the refusals sendInvoice would, on the same fields', async () => {
    const { so } = await partlyShippedOrder(t.clientId);
    const inv = (await ok(t, t.invoicing.token, MONEY.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
    const bad = (await app.gql(EMAIL_PREVIEW, { id: inv.id, to: ['not an address'] }, { token: t.invoicing.token })).data.invoiceEmailPreview;
    expect(bad).toMatchObject({ to: [], subject: null, text: null, userErrors: [{ code: 'INVALID_INPUT', message: 'not an address is not an e-mail address.', field: ['to', '0'] }] });
    const unknown = (await app.gql(EMAIL_PREVIEW, { id: '00000000-0000-4000-8000-000000000000' }, { token: t.invoicing.token })).data.invoiceEmailPreview;
    expect(unknown.userErrors.map((e: { code: string }) => e.code)).toEqual(['NOT_FOUND']);
    await ok(t, t.invoicing.token, OPS.voidInvoice, { id: inv.id, reason: 'wrong client' }, 'voidInvoice');
    const voided = (await app.gql(EMAIL_PREVIEW, { id: inv.id }, { token: t.invoicing.token })).data.invoiceEmailPreview;
    expect(voided.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_TRANSITION']);
  });
});
