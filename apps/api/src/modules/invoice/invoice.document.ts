import type { EntityManager } from '@mikro-orm/postgresql';
import { findById } from '../../common/lookup.js';
import { Client } from '../client/client.entity.js';
import { Organization } from '../../common/organization.entity.js';
import { Project } from '../project/project.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { renderInvoicePdf } from './invoice.pdf.js';

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
  const content = await renderInvoicePdf({
    organization: { name: organization.name, currency: organization.currency },
    client: { name: client.name, email: client.email },
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
  return { filename: `${invoice.number}.pdf`, content };
}
