import type { InvoiceStatus } from '@/gql/graphql';

const labels: Record<InvoiceStatus, string> = {
  OPEN: 'Open',
  SENT_TO_CLIENT: 'Sent to client',
  EXPORTED: 'Exported',
  PAID: 'Paid',
  VOID: 'Void',
};

export function invoiceStatusLabel(status: InvoiceStatus): string {
  return labels[status];
}

/** The badge modifier for a status: paid is done, void is crossed out, the rest still need work. */
export function invoiceStatusBadge(status: InvoiceStatus): string {
  if (status === 'PAID') return 'badge badge--ok';
  if (status === 'VOID') return 'badge badge--danger';
  return 'badge badge--accent';
}
