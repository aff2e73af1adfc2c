import {
  centsToDecimal,
  checkEmail,
  normalizeEmail,
  afterInvoiced,
  afterVoided,
  dueDate,
  ErrorCode,
  isOpenSalesOrder,
  somethingRemains,
  anythingReady,
  NumberSeries,
  planExport,
  planInvoice,
  planInvoiceEdit,
  planPayment,
  planSend,
  planVoid,
  todayUtc,
  totals,
  userError,
  type InvoiceLineRequest,
} from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { checkVersion, fail } from '../../common/errors.js';
import { findById, findManyById, mustFind } from '../../common/lookup.js';
import { recordActivity } from '../activity/activity.service.js';
import { nextNumber } from '../numbering/numbering.service.js';
import { lockProducts, moveStock } from '../product/product.service.js';
import type { SalesOrderLine } from '../sales-order/sales-order-line.entity.js';
import type { SalesOrder } from '../sales-order/sales-order.entity.js';
import { changeStatus, linesOf, lockSalesOrder, purchaseOrderSummary, setLocked } from '../sales-order/sales-order.state.js';
import { Client } from '../client/client.entity.js';
import { queueEmail } from '../email/outbox.js';
import { raiseHandOff } from '../notification/hand-off.js';
import { Organization } from '../../common/organization.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { Payment } from './payment.entity.js';

const prefixed = (field: string[] | undefined) => (field ? ['input', ...field] : undefined);

/**
 * Moves quantities onto (delta > 0) or off (delta < 0) invoices for a locked order's lines:
 * `invoiced` follows, and inventoried goods leave stock (on hand −, scheduled −) or come back to
 * on hand. Products are locked here, after the order (the lock order everywhere: PO, SO, product).
 */
async function applyDeltas(em: EntityManager, lines: SalesOrderLine[], deltas: Map<string, number>, invoice: Invoice, actorId: string): Promise<void> {
  const stocked = lines.filter((l) => l.inventoried && l.product && deltas.has(l.id));
  const products = await lockProducts(em, stocked.map((l) => l.product!.id));
  for (const line of lines) {
    const delta = deltas.get(line.id);
    if (!delta) continue;
    line.invoiced += delta;
    if (!line.inventoried || !line.product) continue;
    const product = products.get(line.product.id)!;
    if (delta > 0) {
      line.scheduled -= delta;
      moveStock(em, product, -delta, 'RELEASE', { documentId: invoice.id, actorId, reason: `released on ${invoice.number}` });
    } else {
      moveStock(em, product, -delta, 'RETURN', { documentId: invoice.id, actorId, reason: `returned from ${invoice.number}` });
    }
  }
}

/** Writes the invoice's lines for `quantities` and its totals (the lines always add up). */
async function writeLines(em: EntityManager, invoice: Invoice, order: SalesOrder, lines: SalesOrderLine[], quantities: Map<string, number>): Promise<void> {
  const existing = await em.find(InvoiceLine, { invoice }, { refresh: true });
  for (const il of existing) {
    const q = quantities.get(il.salesOrderLine.id);
    if (!q) em.remove(il);
    else {
      il.quantity = q;
      il.totalCents = q * il.unitPriceCents;
    }
  }
  const have = new Set(existing.map((il) => il.salesOrderLine.id));
  for (const line of lines) {
    const q = quantities.get(line.id);
    if (!q || have.has(line.id)) continue;
    em.create(InvoiceLine, { invoice, position: line.position, salesOrderLine: line, description: line.description, quantity: q, unitPriceCents: line.unitPriceCents, totalCents: q * line.unitPriceCents });
  }
  const t = totals(
    lines.filter((l) => quantities.has(l.id)).map((l) => ({ quantity: quantities.get(l.id)!, unitPriceCents: l.unitPriceCents })),
    order.taxRateBasisPoints,
  );
  invoice.subtotalCents = t.subtotalCents;
  invoice.taxCents = t.taxCents;
  invoice.totalCents = t.totalCents;
}

/** After an invoice is created or edited: something remains → BACKORDERED, else INVOICED and locked. */
function settleOrder(em: EntityManager, order: SalesOrder, lines: SalesOrderLine[]): void {
  const after = afterInvoiced(somethingRemains(lines.map((l) => l.state())));
  changeStatus(em, order, after.status, null);
  setLocked(em, order, after.locked, null);
}

export interface NewInvoice {
  salesOrderId: string;
  lines?: InvoiceLineRequest[] | null;
  invoiceDate?: string | null;
}

export async function createInvoice(em: EntityManager, viewer: Viewer, input: NewInvoice): Promise<Invoice> {
  const order = await lockSalesOrder(em, input.salesOrderId, ['input', 'salesOrderId']);
  const lines = await linesOf(em, order);
  const plan = planInvoice(order, lines.map((l) => l.state()), input.lines);
  if (!plan.ok) fail(...plan.errors.map((e) => ({ ...e, field: prefixed(e.field) })));
  if (!isOpenSalesOrder(order.status)) fail(userError(ErrorCode.INVALID_TRANSITION, `${order.number} is ${order.status}.`, ['input', 'salesOrderId']));
  const client = await order.client.load();
  const invoiceDate = input.invoiceDate ?? todayUtc();
  const invoice = em.create(Invoice, {
    number: await nextNumber(em, viewer.organizationId, NumberSeries.INVOICE),
    salesOrder: order,
    project: order.project,
    client: order.client,
    invoiceDate,
    dueDate: dueDate(invoiceDate, client!.paymentTermsDays),
    subtotalCents: 0,
    taxCents: 0,
    totalCents: 0,
  });
  await writeLines(em, invoice, order, lines, plan.value);
  await applyDeltas(em, lines, plan.value, invoice, viewer.userId);
  recordActivity(em, {
    kind: 'invoice.created',
    message: `${invoice.number} created for ${order.number}: ${[...plan.value.values()].reduce((a, b) => a + b, 0)} units, total ${invoice.totalCents} cents`,
    projectId: order.project.id,
    entityId: invoice.id,
    actorId: viewer.userId,
  });
  settleOrder(em, order, lines);
  return invoice;
}

/** The invoice and its order, locked in the usual order (sales order first, then the invoice). */
async function lockInvoice(em: EntityManager, id: unknown, field: string[]): Promise<{ invoice: Invoice; order: SalesOrder; lines: SalesOrderLine[] }> {
  const found = await mustFind(em, Invoice, id, field, 'invoice');
  const order = await lockSalesOrder(em, found.salesOrder.id, field);
  const invoice = (await findById(em, Invoice, found.id, true))!;
  return { invoice, order, lines: await linesOf(em, order) };
}

export interface InvoiceEdit {
  invoiceId: string;
  lines?: InvoiceLineRequest[] | null;
  dueDate?: string | null;
  expectedVersion?: number | null;
}

export async function updateInvoice(em: EntityManager, viewer: Viewer, input: InvoiceEdit): Promise<Invoice> {
  const { invoice, order, lines } = await lockInvoice(em, input.invoiceId, ['input', 'invoiceId']);
  checkVersion(invoice.version, input.expectedVersion, 'invoice');
  if (input.dueDate != null && input.dueDate < invoice.invoiceDate)
    fail(userError(ErrorCode.INVALID_INPUT, 'The due date cannot be before the invoice date.', ['input', 'dueDate']));
  if (input.lines?.length) {
    const current = new Map((await em.find(InvoiceLine, { invoice }, { refresh: true })).map((il) => [il.salesOrderLine.id, il.quantity]));
    const plan = planInvoiceEdit({ status: invoice.status, orderLocked: order.locked }, current, lines.map((l) => l.state()), input.lines);
    if (!plan.ok) fail(...plan.errors.map((e) => ({ ...e, field: prefixed(e.field) })));
    await writeLines(em, invoice, order, lines, plan.value.quantities);
    if (invoice.totalCents < invoice.paidCents)
      fail(userError(ErrorCode.INVALID_INPUT, `${invoice.paidCents} cents are already paid; the total cannot go below that.`, ['input', 'lines']));
    await applyDeltas(em, lines, plan.value.deltas, invoice, viewer.userId);
    settleOrder(em, order, lines);
  } else if (invoice.status !== 'OPEN') {
    fail(userError(ErrorCode.LOCKED, `A ${invoice.status} invoice can no longer change.`));
  }
  if (input.dueDate != null) invoice.dueDate = input.dueDate;
  recordActivity(em, { kind: 'invoice.updated', message: `${invoice.number} edited: total ${invoice.totalCents} cents, due ${invoice.dueDate}`, projectId: order.project.id, entityId: invoice.id, actorId: viewer.userId });
  return invoice;
}

export async function exportInvoices(em: EntityManager, viewer: Viewer, ids: string[]): Promise<Invoice[]> {
  if (ids.length === 0 || ids.length > 500) fail(userError(ErrorCode.INVALID_INPUT, 'Export 1 to 500 invoices at a time.', ['ids']));
  if (new Set(ids).size !== ids.length) fail(userError(ErrorCode.INVALID_INPUT, 'Name each invoice once.', ['ids']));
  const found = await findManyById(em, Invoice, ids, true);
  const missing = found.flatMap((inv, i) => (inv ? [] : [userError(ErrorCode.NOT_FOUND, 'No such invoice.', ['ids', i])]));
  if (missing.length) fail(...missing);
  const refused = found.flatMap((inv, i) => {
    const d = planExport(inv!.status);
    return d.ok ? [] : d.errors.map((e) => ({ ...e, message: `${inv!.number}: ${e.message}`, field: ['ids', String(i)] }));
  });
  if (refused.length) fail(...refused);
  for (const inv of found) {
    inv!.status = 'EXPORTED';
    recordActivity(em, { kind: 'invoice.exported', message: `${inv!.number} exported to accounting`, projectId: inv!.project.id, entityId: inv!.id, actorId: viewer.userId });
  }
  return found.map((inv) => inv!);
}

export interface NewPayment {
  invoiceId: string;
  amountCents: number;
  receivedOn?: string | null;
  reference?: string | null;
}

export async function recordPayment(em: EntityManager, viewer: Viewer, input: NewPayment): Promise<Invoice> {
  const invoice = await mustFind(em, Invoice, input.invoiceId, ['input', 'invoiceId'], 'invoice', true);
  if (input.reference != null && input.reference.length > 200) fail(userError(ErrorCode.INVALID_INPUT, 'A reference is at most 200 characters.', ['input', 'reference']));
  const d = planPayment(invoice, input.amountCents);
  if (!d.ok) fail(...d.errors.map((e) => ({ ...e, field: prefixed(e.field) })));
  em.create(Payment, { invoice, amountCents: input.amountCents, receivedOn: input.receivedOn ?? todayUtc(), reference: input.reference?.trim() || null, actor: viewer.userId });
  invoice.paidCents = d.value.paidCents;
  const from = invoice.status;
  invoice.status = d.value.status;
  recordActivity(em, {
    kind: 'invoice.payment_recorded',
    message: `${invoice.number}: payment of ${input.amountCents} cents, balance ${invoice.balanceCents}${from !== invoice.status ? `, now ${invoice.status}` : ''}`,
    projectId: invoice.project.id,
    entityId: invoice.id,
    actorId: viewer.userId,
  });
  return invoice;
}

/** Sends the invoice with its PDF to the client's e-mail (or the addresses given), through the outbox. */
export async function sendInvoice(em: EntityManager, viewer: Viewer, id: string, to: string[] | null | undefined): Promise<Invoice> {
  const invoice = await mustFind(em, Invoice, id, ['id'], 'invoice', true);
  if (to && to.length > 20) fail(userError(ErrorCode.INVALID_INPUT, 'Send to at most 20 addresses.', ['to']));
  const bad = (to ?? []).flatMap((address, i) => (checkEmail(address).length ? [userError(ErrorCode.INVALID_INPUT, `${address} is not an e-mail address.`, ['to', i])] : []));
  if (bad.length) fail(...bad);
  const client = await em.findOneOrFail(Client, invoice.client.id);
  const recipients = [...new Set((to?.length ? to : client.email ? [client.email] : []).map(normalizeEmail))];
  if (recipients.length === 0) fail(userError(ErrorCode.INVALID_INPUT, `${client.name} has no invoice e-mail; give the addresses to send to.`, ['to']));
  const send = planSend(invoice.status);
  if (!send.ok) fail(...send.errors);
  const organization = await em.findOneOrFail(Organization, invoice.organization.id);
  invoice.status = send.value;
  invoice.sentAt = new Date();
  invoice.sentTo = recipients;
  await queueEmail(em, {
    kind: 'INVOICE',
    to: recipients,
    subject: `Invoice ${invoice.number} from ${organization.name}`,
    text: [
      `Dear ${client.name},`,
      '',
      `please find attached invoice ${invoice.number} dated ${invoice.invoiceDate}.`,
      `Total: ${organization.currency} ${centsToDecimal(invoice.totalCents)}; balance due: ${organization.currency} ${centsToDecimal(invoice.balanceCents)} by ${invoice.dueDate}.`,
      '',
      organization.name,
    ].join('\n'),
    invoiceId: invoice.id,
  });
  recordActivity(em, { kind: 'invoice.sent', message: `${invoice.number} sent to ${recipients.join(', ')}`, projectId: invoice.project.id, entityId: invoice.id, actorId: viewer.userId });
  raiseHandOff(em, { kind: 'INVOICE_SENT', invoiceId: invoice.id, sentTo: recipients, actorId: viewer.userId });
  return invoice;
}

export async function voidInvoice(em: EntityManager, viewer: Viewer, id: string, reason: string): Promise<Invoice> {
  const { invoice, order, lines } = await lockInvoice(em, id, ['id']);
  const d = planVoid(invoice, reason);
  if (!d.ok) fail(...d.errors);
  const invoiceLines = await em.find(InvoiceLine, { invoice }, { refresh: true });
  await applyDeltas(em, lines, new Map(invoiceLines.map((il) => [il.salesOrderLine.id, -il.quantity])), invoice, viewer.userId);
  invoice.status = 'VOID';
  invoice.voidReason = reason.trim();
  recordActivity(em, { kind: 'invoice.voided', message: `${invoice.number} voided (${reason.trim()})`, projectId: order.project.id, entityId: invoice.id, actorId: viewer.userId });
  const otherLive = await em.count(Invoice, { salesOrder: order, status: { $ne: 'VOID' }, id: { $ne: invoice.id } });

  setLocked(em, order, false, null);
  if (isOpenSalesOrder(order.status) || order.status === 'INVOICED') {
    changeStatus(em, order, afterVoided(otherLive > 0, anythingReady(lines.map((l) => l.state())), await purchaseOrderSummary(em, order)), null);
  }
  return invoice;
}
