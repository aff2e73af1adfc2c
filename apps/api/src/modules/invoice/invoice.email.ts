import { decideSend, formatDate, formatMoney, INVOICE_KIND_LABEL, type Decision, type EventDraft, type InvoiceStatus } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Organization } from '../../common/organization.entity.js';
import { Client } from '../client/client.entity.js';
import { pdfFileName } from './invoice.document.js';
import type { Invoice } from './invoice.entity.js';

/** The e-mail that carries a document to the client: what sendInvoice queues and the send form previews. */
export interface InvoiceEmail {
  to: string[];
  subject: string;
  text: string;
  /** The PDF attached (rendered when the message leaves, from the document as it is then). */
  attachmentName: string;
}

/** The message itself, in the users' words: money and dates as on screen. */
export function invoiceEmail(invoice: Invoice, client: Pick<Client, 'name'>, organization: Pick<Organization, 'name' | 'currency'>, recipients: string[]): InvoiceEmail {
  const documentName = INVOICE_KIND_LABEL[invoice.kind];
  return {
    to: recipients,
    subject: `${documentName} ${invoice.number} from ${organization.name}`,
    text: [
      `Dear ${client.name},`,
      '',
      `please find attached ${documentName.toLowerCase()} ${invoice.number} dated ${formatDate(invoice.invoiceDate)}.`,
      `Total: ${formatMoney(invoice.totalCents, organization.currency)}; balance due: ${formatMoney(invoice.balanceCents, organization.currency)} by ${formatDate(invoice.dueDate)}.`,
      '',
      organization.name,
    ].join('\n'),
    attachmentName: pdfFileName(invoice),
  };
}

export interface SendPlan {
  status: InvoiceStatus;
  events: EventDraft[];
  email: InvoiceEmail;
}

/**
 * Sending `invoice` to `to` (or the client's invoice e-mail) now: the domain's decision and the
 * e-mail it would send, or its refusals. sendInvoice writes it; invoiceEmailPreview only shows it,
 * so the preview is the very message the outbox then holds.
 */
export async function planSendInvoice(em: EntityManager, invoice: Invoice, to: string[] | null | undefined): Promise<Decision<SendPlan>> {
  const [client, organization] = await Promise.all([em.findOneOrFail(Client, invoice.client.id), em.findOneOrFail(Organization, invoice.organization.id)]);
  const d = decideSend(invoice, to, { name: client.name, email: client.email ?? null });
  if (!d.ok) return d;
  return { ok: true, value: { status: d.value.status, events: d.value.events, email: invoiceEmail(invoice, client, organization, d.value.recipients) } };
}
