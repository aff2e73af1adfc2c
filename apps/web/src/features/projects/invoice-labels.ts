import type { InvoiceStatus } from '@/gql/graphql';

const labels: Record<InvoiceStatus, string> = {
  OPEN: 'Open',
  SENT_TO_CLIENT: 'Sent',
  EXPORTED: 'Exported',
  PAID: 'Paid',
  VOID: 'Void',
};

export function invoiceStatusLabel(status: InvoiceStatus): string {
  return labels[status];
}
