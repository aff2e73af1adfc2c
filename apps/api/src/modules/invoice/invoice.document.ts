import type { EntityManager } from '@mikro-orm/postgresql';
import { findById } from '../../common/lookup.js';
import { Client } from '../client/client.entity.js';
import { Organization } from '../../common/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice, type DocumentParties } from './invoice.entity.js';
import { renderInvoicePdf } from './invoice.pdf.js';

/** Who a document is from and to, as the organization and the client read now. */
export function partiesOf(organization: Organization, client: Client): DocumentParties {
  return {
    from: { name: organization.name, address: organization.address ?? null },
    billTo: { name: client.name, address: client.billingAddress ?? null },
    remitTo: organization.remitTo ?? null,
    terms: organization.invoiceTerms ?? null,
  };
}

/**
 * Takes the parties onto the document (when it is made, edited while OPEN, or sent from OPEN): from
 * then on its PDF prints them, whatever the client or the organization change later.
 */
export async function takeParties(em: EntityManager, invoice: Invoice, organizationId: string, clientId: string): Promise<void> {
  const [organization, client] = await Promise.all([em.findOneOrFail(Organization, organizationId), em.findOneOrFail(Client, clientId)]);
  invoice.parties = partiesOf(organization, client);
}

/** The file name of a document's PDF, as downloaded and as attached to its e-mail: "INV-1001.pdf". */
export const pdfFileName = (invoice: Pick<Invoice, 'number'>): string => `${invoice.number}.pdf`;

/**
 * The invoice as a PDF, with its sales order's balance as it stood right after this invoice, or
 * null when the viewer's organization has no such invoice. `em` is scoped to that organization.
 */
export async function invoicePdf(em: EntityManager, invoiceId: string): Promise<{ filename: string; content: Buffer } | null> {
  const invoice = await findById(em, Invoice, invoiceId);
  if (!invoice) return null;
  const [organization, client, project, order, lines] = await Promise.all([
    em.findOneOrFail(Organization, invoice.organization.id),
    em.findOneOrFail(Client, invoice.client.id),
    em.findOneOrFail(Project, invoice.project.id),
    em.findOneOrFail(SalesOrder, invoice.salesOrder.id),
    em.find(InvoiceLine, { invoice }, { orderBy: { position: 'asc' } }),
  ]);
  const creditedInvoiceNumber = invoice.creditedInvoice ? (await em.findOneOrFail(Invoice, invoice.creditedInvoice.id)).number : null;
  // As issued: the parties the document was given; today's for documents made before they were kept.
  const parties = invoice.parties ?? partiesOf(organization, client);
  const content = await renderInvoicePdf({
    organization: { name: parties.from.name, currency: organization.currency, address: parties.from.address, remitTo: parties.remitTo, terms: parties.terms },
    client: { name: parties.billTo.name, email: client.email, address: parties.billTo.address },
    invoice: {
      number: invoice.number,
      status: invoice.status,
      invoiceDate: invoice.invoiceDate,
      dueDate: invoice.dueDate,
      subtotalCents: invoice.subtotalCents,
      taxCents: invoice.taxCents,
      totalCents: invoice.totalCents,
      paidCents: invoice.paidCents,
      balanceCents: invoice.balanceCents,
      voidReason: invoice.voidReason,
      kind: invoice.kind,
      depositAppliedCents: invoice.depositAppliedCents,
      creditedCents: invoice.creditedCents,
      refundedCents: invoice.refundedCents,
      creditedInvoiceNumber,
      reason: invoice.reason ?? null,
    },
    // As of itself: the order's figures right after this invoice, never today's.
    salesOrder: {
      number: order.number,
      taxRateBasisPoints: order.taxRateBasisPoints,
      invoicedAfterCents: invoice.orderInvoicedAfterCents ?? null,
      remainingAfterCents: invoice.orderRemainingAfterCents ?? null,
    },
    stillToFollow: invoice.stillToFollow ?? null,
    project: { number: project.number, name: project.name },
    lines: lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPriceCents: l.unitPriceCents, totalCents: l.totalCents })),
  });
  return { filename: pdfFileName(invoice), content };
}
