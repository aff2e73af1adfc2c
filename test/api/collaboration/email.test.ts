// E-mail through the durable outbox: the invoice goes out with its PDF to a real SMTP server; with
// the server down the message waits and is delivered once after it returns; mentions e-mail those
// who want it. And the PDF download is organization-checked.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../support/api-app.js';
import { readPdf } from '../../support/pdf.js';
import { startSmtp, waitUntil, type TestSmtp } from '../../support/smtp.js';
import { ok, OPS, product, project, refused, salesOrder, team, type Team } from '../../support/workflow.js';

let smtp: TestSmtp;
let app: TestApp;
let t: Team;
beforeAll(async () => {
  smtp = await startSmtp();
  app = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'billing@acme.example' });
  t = await team(app);
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const SEND = `mutation($id: ID!, $to: [String!]) { sendInvoice(id: $id, to: $to) { invoice { id number status sentAt sentTo totalCents } userErrors { code message field } } }`;

/** An invoice of 300 mugs at $12.50 + 8.25 % tax on a drop-ship order of 500. */
async function partialInvoice() {
  const mug = await product(t, false, 1250);
  const prj = await project(t);
  const so = await salesOrder(t, prj.id, [{ productId: mug.id, quantity: 500 }], 825);
  const [po] = (await ok(t, t.production.token, OPS.createPurchaseOrdersForSalesOrder, { id: so.id }, 'createPurchaseOrdersForSalesOrder')).purchaseOrders;
  await ok(t, t.production.token, OPS.setStage, { id: po.id, stage: 'SUBMITTED' }, 'setPurchaseOrderStage');
  await ok(t, t.production.token, OPS.receive, { input: { purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lines[0].id, quantity: 300 }] } }, 'receivePurchaseOrder');
  const invoice = (await ok(t, t.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id } }, 'createInvoice')).invoice;
  return { invoice, so, prj };
}

const outbox = (invoiceId: string) => app.sql<{ sent_at: Date | null; attempts: number; last_error: string | null }>('select sent_at, attempts, last_error from outbox_email where invoice_id = $1', [invoiceId]);

describe('sendInvoice', () => {
  it('e-mails the client the invoice with its PDF, marks it SENT_TO_CLIENT and tells the order rep', async () => {
    const { invoice } = await partialInvoice();
    const sent = (await ok(t, t.invoicing.token, SEND, { id: invoice.id }, 'sendInvoice')).invoice;
    expect(sent).toMatchObject({ status: 'SENT_TO_CLIENT', sentTo: ['ap@globex.example'] });
    expect(sent.sentAt).not.toBeNull();

    const mail = await waitUntil(() => smtp.messages.find((m) => m.subject?.includes(invoice.number)), 15_000, 'the invoice e-mail');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain('ap@globex.example');
    expect(mail.from?.text).toContain('billing@acme.example');
    expect(mail.text).toContain('$4,059.38');
    const attachment = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(attachment?.filename).toBe(`${invoice.number}.pdf`);
    const text = (await readPdf(attachment!.content)).text;
    expect(text).toContain(invoice.number);
    expect(text).toContain('4,059.38'); // total
    expect(text).toContain('2,706.25'); // what remains on the order after this invoice

    // The worker records the send after the SMTP server has the message: wait for that commit.
    await expect.poll(async () => (await outbox(invoice.id))[0]?.sent_at ?? null, { timeout: 15_000 }).not.toBeNull();
    const told = await app.sql<{ recipient_id: string; kind: string }>('select recipient_id, kind from notification where invoice_id = $1', [invoice.id]);
    expect(told).toEqual([{ recipient_id: t.order.userId, kind: 'INVOICE_SENT' }]);
  }, 30_000);

  it('sends to the addresses given; refuses bad ones, none at all, and a void invoice, writing nothing', async () => {
    const { invoice } = await partialInvoice();
    expect(await refused(t, t.invoicing.token, SEND, { id: invoice.id, to: ['not an address'] }, 'sendInvoice')).toEqual(['INVALID_INPUT']);
    await app.sql('update client set email = null where id = $1', [t.clientId]);
    try {
      expect(await refused(t, t.invoicing.token, SEND, { id: invoice.id }, 'sendInvoice')).toEqual(['INVALID_INPUT']);
    } finally {
      await app.sql(`update client set email = 'ap@globex.example' where id = $1`, [t.clientId]);
    }
    expect(await outbox(invoice.id)).toEqual([]);
    const sent = (await ok(t, t.invoicing.token, SEND, { id: invoice.id, to: ['Ops@Globex.example', 'cfo@globex.example'] }, 'sendInvoice')).invoice;
    expect(sent.sentTo).toEqual(['ops@globex.example', 'cfo@globex.example']);
    await ok(t, t.invoicing.token, OPS.voidInvoice, { id: invoice.id, reason: 'wrong client' }, 'voidInvoice');
    expect(await refused(t, t.invoicing.token, SEND, { id: invoice.id }, 'sendInvoice')).toEqual(['INVALID_TRANSITION']);
    expect(await refused(t, t.order.token, SEND, { id: invoice.id }, 'sendInvoice')).toEqual(['FORBIDDEN']);
  });

  it('keeps the e-mail while the SMTP server is down and delivers it exactly once after it returns', async () => {
    const { invoice } = await partialInvoice();
    await smtp.stop();
    try {
      await ok(t, t.invoicing.token, SEND, { id: invoice.id }, 'sendInvoice');
      const failed = await waitUntil(async () => {
        const [row] = await outbox(invoice.id);
        return row && row.attempts >= 1 && row;
      }, 15_000, 'a failed attempt');
      expect(failed.sent_at).toBeNull();
      expect(failed.last_error).toBeTruthy();
    } finally {
      await smtp.start();
    }
    await waitUntil(async () => (await outbox(invoice.id))[0]?.sent_at, 30_000, 'delivery after the outage');
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages.filter((m) => m.subject?.includes(invoice.number))).toHaveLength(1);
  }, 60_000);
});

describe('mention e-mails', () => {
  it('go to the mentioned who want them, not to those who opted out', async () => {
    const h = Object.fromEntries(((await app.gql('{ users { id handle } }', {}, { token: t.admin.token })).data.users as { id: string; handle: string }[]).map((u) => [u.id, u.handle]));
    await app.gql('mutation { setEmailOnMention(enabled: false) { user { id } } }', {}, { token: t.accountant.token });
    const prj = await project(t);
    const marker = `marker-${Date.now()}`;
    await ok(t, t.production.token, `mutation($input: AddNoteInput!) { addNote(input: $input) { note { id } userErrors { code } } }`, { input: { projectId: prj.id, body: `@${h[t.invoicing.userId]} @${h[t.accountant.userId]} ${marker}` } }, 'addNote');
    const mail = await waitUntil(() => smtp.messages.find((m) => m.text?.includes(marker)), 15_000, 'the mention e-mail');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain(t.invoicing.email);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.messages.filter((m) => m.text?.includes(marker))).toHaveLength(1);
  }, 30_000);
});

describe('the invoice PDF download', () => {
  it('is served to the organization and a 404 to anyone else', async () => {
    const { invoice } = await partialInvoice();
    const get = (token?: string, id = invoice.id) => fetch(`${app.url}/invoices/${id}.pdf`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const res = await get(t.accountant.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = (await readPdf(new Uint8Array(await res.arrayBuffer()))).text;
    expect(text).toContain(invoice.number);
    expect(text).toContain('Globex');
    const cookie = await fetch(`${app.url}/invoices/${invoice.id}.pdf`, { headers: { cookie: `baton_session=${t.accountant.token}` } });
    expect(cookie.status).toBe(200);

    const stranger = await team(app, 'Stranger Org');
    for (const r of [await get(stranger.admin.token), await get(), await get(t.accountant.token, 'nope'), await get(t.accountant.token, '00000000-0000-4000-8000-000000000000')]) {
      expect(r.status).toBe(404);
      expect(await r.text()).not.toContain(invoice.number);
    }
    expect(invoice.pdfUrl).toBe(`/invoices/${invoice.id}.pdf`);
  });
});

describe('without SMTP_URL', () => {
  it('writes each message as an .eml file into the data folder', async () => {
    const local = await startTestApp();
    try {
      const lt = await team(local);
      const mug = await product(lt, false, 100);
      const prj = await project(lt);
      const so = await salesOrder(lt, prj.id, [{ productId: mug.id, quantity: 1 }]);
      await ok(lt, lt.production.token, OPS.setSalesOrderStatus, { id: so.id, status: 'READY_TO_BE_INVOICED' }, 'setSalesOrderStatus');
      const inv = (await ok(lt, lt.invoicing.token, OPS.createInvoice, { input: { salesOrderId: so.id, lines: [{ salesOrderLineId: so.lines[0].id, quantity: 1 }] } }, 'createInvoice')).invoice;
      await ok(lt, lt.invoicing.token, SEND, { id: inv.id }, 'sendInvoice');
      const folder = path.join(local.dataDir, 'mail');
      const file = await waitUntil(() => fs.existsSync(folder) && fs.readdirSync(folder).find((f) => f.endsWith('.eml')), 15_000, 'the .eml file');
      const eml = fs.readFileSync(path.join(folder, file), 'utf8');
      expect(eml).toContain(`Subject: Invoice ${inv.number}`);
      expect(eml).toContain('application/pdf');
    } finally {
      await local.stop();
    }
  }, 30_000);
});
