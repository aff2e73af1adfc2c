import {
  checkExportBatch,
  decideCreateInvoice,
  decideExport,
  decidePayment,
  decideUpdateInvoice,
  decideVoidInvoice,
  dueDate,
  NumberSeries,
  notFound,
  todayUtc,
  under,
  type Decision,
  type EventDraft,
  type InvoiceDecision,
  type InvoiceLineRequest,
} from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { fail } from '../../common/errors.js';
import { findById, findManyById, mustFind } from '../../common/lookup.js';
import { recordActivity } from '../activity/activity.service.js';
import { queueEmail } from '../email/outbox.js';
import { raiseHandOff } from '../notification/hand-off.js';
import { nextNumber } from '../numbering/numbering.service.js';
import { Organization } from '../../common/organization.entity.js';
import type { SalesOrderLine } from '../sales-order/sales-order-line.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { changeStatus, linesOf, recordOrderEvents, salesOrderFacts, setLocked } from '../sales-order/sales-order.state.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { takeParties } from './invoice.document.js';
import { planSendInvoice, type InvoiceEmail } from './invoice.email.js';
import { Invoice } from './invoice.entity.js';
import { decided, invoiceFacts, lockedOrder, lockInvoice, moveOrderStock, writeOrderLines } from './invoice.state.js';
import { Payment } from './payment.entity.js';

/** Writes the decided lines and amounts, and the order's figures as they stand right after (the document's own). */
async function writeInvoice(em: EntityManager, invoice: Invoice, lines: SalesOrderLine[], d: InvoiceDecision): Promise<void> {
  const existing = await em.find(InvoiceLine, { invoice }, { refresh: true });
  const drafts = new Map(d.lines.map((l) => [l.salesOrderLineId, l]));
  for (const il of existing) {
    const draft = drafts.get(il.salesOrderLine.id);
    if (!draft) em.remove(il);
    else Object.assign(il, { quantity: draft.quantity, totalCents: draft.totalCents, released: draft.released });
    drafts.delete(il.salesOrderLine.id);
  }
  const byId = new Map(lines.map((l) => [l.id, l]));
  for (const draft of drafts.values()) {
    const line = byId.get(draft.salesOrderLineId);
    if (line)
      em.create(InvoiceLine, {
        invoice,
        position: draft.position,
        salesOrderLine: line,
        description: draft.description,
        quantity: draft.quantity,
        unitPriceCents: draft.unitPriceCents,
        totalCents: draft.totalCents,
        taxable: draft.taxable,
        released: draft.released,
      });
  }
  invoice.subtotalCents = d.subtotalCents;
  invoice.taxableSubtotalCents = d.taxableCents;
  invoice.taxCents = d.taxCents;
  invoice.totalCents = d.totalCents;
  invoice.depositAppliedCents = d.depositAppliedCents;
  invoice.depositAppliedNamed = d.depositAppliedNamed;
  invoice.orderInvoicedAfterCents = d.order.figures.invoicedCents;
  invoice.orderRemainingAfterCents = d.order.figures.remainingCents;
  invoice.stillToFollow = d.stillToFollow;
}

/** The order after an invoice was created or edited: its status and lock as the decision says. */
function settleOrder(em: EntityManager, order: SalesOrder, d: InvoiceDecision): void {
  changeStatus(em, order, d.order.status, null);
  setLocked(em, order, d.order.locked, null);
}

export interface NewInvoice {
  salesOrderId: string;
  lines?: InvoiceLineRequest[] | null;
  invoiceDate?: string | null;
  depositAppliedCents?: number | null;
}

export async function createInvoice(em: EntityManager, viewer: Viewer, input: NewInvoice): Promise<Invoice> {
  const { order, lines, facts } = await lockedOrder(em, input.salesOrderId, ['input', 'salesOrderId']);
  const d = decided(decideCreateInvoice(facts, input.lines, input.depositAppliedCents), ['input']);
  const client = await order.client.loadOrFail();
  const invoiceDate = input.invoiceDate ?? todayUtc();
  const invoice = em.create(Invoice, {
    number: await nextNumber(em, viewer.organizationId, NumberSeries.INVOICE),
    salesOrder: order,
    project: order.project,
    client: order.client,
    invoiceDate,
    dueDate: dueDate(invoiceDate, client.paymentTermsDays),
    subtotalCents: 0,
    taxCents: 0,
    totalCents: 0,
  });
  await writeInvoice(em, invoice, lines, d);
  await takeParties(em, invoice, viewer.organizationId, client.id);
  writeOrderLines(lines, d.order.lines);
  await moveOrderStock(em, lines, d.stock, invoice, viewer.userId);
  recordOrderEvents(em, order, renamed(d.events, invoice.number), viewer.userId, invoice.id);
  settleOrder(em, order, d);
  return invoice;
}

/** Events decided before the document had its number: "Invoice created" → "INV-1001 created". */
function renamed(events: readonly EventDraft[], number: string): EventDraft[] {
  return events.map((e) => ({ ...e, message: e.message.replace(/^Invoice created/, `${number} created`), params: e.kind === 'invoice.created' && e.params ? { ...e.params, invoice: number } : e.params }));
}

/** What `createInvoice` would make now, or its refusals: the same decision, nothing written. */
export async function previewInvoice(em: EntityManager, input: NewInvoice): Promise<Decision<InvoiceDecision>> {
  const order = await findById(em, SalesOrder, input.salesOrderId);
  if (!order) return { ok: false, errors: [notFound('sales order', ['input', 'salesOrderId'])] };
  const lines = await linesOf(em, order);
  const d = decideCreateInvoice(await salesOrderFacts(em, order, lines), input.lines, input.depositAppliedCents);
  return d.ok ? d : { ok: false, errors: under(['input'], d.errors) };
}

export interface InvoiceEdit {
  invoiceId: string;
  lines?: InvoiceLineRequest[] | null;
  dueDate?: string | null;
  depositAppliedCents?: number | null;
  expectedVersion?: number | null;
}

export async function updateInvoice(em: EntityManager, viewer: Viewer, input: InvoiceEdit): Promise<Invoice> {
  const { invoice, order, lines, orderFacts, facts } = await lockInvoice(em, input.invoiceId, ['input', 'invoiceId']);
  const d = decided(decideUpdateInvoice(facts, orderFacts, input), ['input']);
  if ('lines' in d) {
    await writeInvoice(em, invoice, lines, d);
    writeOrderLines(lines, d.order.lines);
    await moveOrderStock(em, lines, d.stock, invoice, viewer.userId);
    settleOrder(em, order, d);
  }
  if (input.dueDate != null) invoice.dueDate = input.dueDate;
  // Still OPEN: not issued yet, so it takes the parties as they are now.
  await takeParties(em, invoice, invoice.organization.id, invoice.client.id);
  recordOrderEvents(em, order, d.events, viewer.userId, invoice.id);
  return invoice;
}

/** What `updateInvoice` would make of the invoice now, or its refusals: nothing written. */
export async function previewInvoiceEdit(em: EntityManager, input: InvoiceEdit): Promise<Decision<InvoiceDecision | null>> {
  const invoice = await findById(em, Invoice, input.invoiceId);
  if (!invoice) return { ok: false, errors: [notFound('invoice', ['input', 'invoiceId'])] };
  const order = await invoice.salesOrder.loadOrFail();
  const lines = await linesOf(em, order);
  const d = decideUpdateInvoice(await invoiceFacts(em, invoice), await salesOrderFacts(em, order, lines), input);
  if (!d.ok) return { ok: false, errors: under(['input'], d.errors) };
  return { ok: true, value: 'lines' in d.value ? d.value : null };
}

export async function exportInvoices(em: EntityManager, viewer: Viewer, ids: string[]): Promise<Invoice[]> {
  const batch = checkExportBatch(ids);
  if (batch.length) fail(...batch);
  const found = await findManyById(em, Invoice, ids, true);
  const missing = found.flatMap((inv, i) => (inv ? [] : [notFound('invoice', ['ids', i])]));
  if (missing.length) fail(...missing);
  const invoices = found.flatMap((inv) => (inv ? [inv] : []));
  const d = decided(decideExport(invoices));
  invoices.forEach((inv, i) => {
    inv.status = d.statuses[i] ?? 'EXPORTED';
    for (const e of d.events[i] ?? []) recordActivity(em, { ...e, projectId: inv.project.id, entityId: inv.id, actorId: viewer.userId });
  });
  return invoices;
}

export interface NewPayment {
  invoiceId: string;
  amountCents: number;
  receivedOn?: string | null;
  reference?: string | null;
}

export async function recordPayment(em: EntityManager, viewer: Viewer, input: NewPayment): Promise<Invoice> {
  const invoice = await mustFind(em, Invoice, input.invoiceId, ['input', 'invoiceId'], 'invoice', true);
  const organization = await em.findOneOrFail(Organization, invoice.organization.id);
  const d = decided(decidePayment(invoice, input.amountCents, input.reference, organization.currency), ['input']);
  em.create(Payment, { invoice, amountCents: input.amountCents, receivedOn: input.receivedOn ?? todayUtc(), reference: input.reference?.trim() || null, actor: viewer.userId });
  invoice.paidCents = d.paidCents;
  invoice.status = d.status;
  for (const e of d.events) recordActivity(em, { ...e, projectId: invoice.project.id, entityId: invoice.id, actorId: viewer.userId });
  return invoice;
}

/** Sends the invoice with its PDF to the client's e-mail (or the addresses given), through the outbox. */
export async function sendInvoice(em: EntityManager, viewer: Viewer, id: string, to: string[] | null | undefined): Promise<Invoice> {
  const invoice = await mustFind(em, Invoice, id, ['id'], 'invoice', true);
  const d = decided(await planSendInvoice(em, invoice, to));
  // Issued now if it was still OPEN: it keeps the parties as they are at this moment.
  if (invoice.status === 'OPEN') await takeParties(em, invoice, invoice.organization.id, invoice.client.id);
  invoice.status = d.status;
  invoice.sentAt = new Date();
  invoice.sentTo = d.email.to;
  await queueEmail(em, { kind: 'INVOICE', to: d.email.to, subject: d.email.subject, text: d.email.text, invoiceId: invoice.id });
  for (const e of d.events) recordActivity(em, { ...e, projectId: invoice.project.id, entityId: invoice.id, actorId: viewer.userId });
  raiseHandOff(em, { kind: 'INVOICE_SENT', invoiceId: invoice.id, sentTo: d.email.to, actorId: viewer.userId });
  return invoice;
}

/** The e-mail sendInvoice would send now, or its refusals: the same plan, nothing written. */
export async function previewSendInvoice(em: EntityManager, id: string, to: string[] | null | undefined): Promise<Decision<InvoiceEmail>> {
  const invoice = await findById(em, Invoice, id);
  if (!invoice) return { ok: false, errors: [notFound('invoice', ['id'])] };
  const d = await planSendInvoice(em, invoice, to);
  return d.ok ? { ok: true, value: d.value.email } : d;
}

export async function voidInvoice(em: EntityManager, viewer: Viewer, id: string, reason: string): Promise<Invoice> {
  const { invoice, order, lines, orderFacts, facts } = await lockInvoice(em, id, ['id']);
  const otherLive = await em.count(Invoice, { salesOrder: order, kind: 'STANDARD', status: { $ne: 'VOID' }, id: { $ne: invoice.id } });
  const d = decided(decideVoidInvoice(facts, orderFacts, reason, otherLive));
  writeOrderLines(lines, d.lines);
  await moveOrderStock(em, lines, d.stock, invoice, viewer.userId);
  invoice.status = 'VOID';
  invoice.voidReason = d.reason;
  recordOrderEvents(em, order, d.events, viewer.userId, invoice.id);
  if (invoice.kind === 'STANDARD') {
    setLocked(em, order, false, null);
    if (d.orderStatus) changeStatus(em, order, d.orderStatus, null);
  }
  return invoice;
}
