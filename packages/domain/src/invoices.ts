import { addDays } from './dates.js';
import { allow, ErrorCode, refuse, userError, type Decision } from './errors.js';
import { INVOICE_STATUS_PHRASE } from './words.js';

export const InvoiceStatus = { OPEN: 'OPEN', SENT_TO_CLIENT: 'SENT_TO_CLIENT', EXPORTED: 'EXPORTED', PAID: 'PAID', VOID: 'VOID' } as const;
export type InvoiceStatus = (typeof InvoiceStatus)[keyof typeof InvoiceStatus];

export const isLiveInvoice = (s: InvoiceStatus): boolean => s !== 'VOID';

/** A standard invoice bills order lines; a deposit bills an amount ahead of the goods; a credit memo takes back units of one standard invoice. */
export const InvoiceKind = { STANDARD: 'STANDARD', DEPOSIT: 'DEPOSIT', CREDIT_MEMO: 'CREDIT_MEMO' } as const;
export type InvoiceKind = (typeof InvoiceKind)[keyof typeof InvoiceKind];

export interface InvoiceLineRequest {
  salesOrderLineId: string;
  quantity: number;
}

export function dueDate(invoiceDate: string, paymentTermsDays: number): string {
  return addDays(invoiceDate, paymentTermsDays);
}

/** sendInvoice: OPEN or SENT_TO_CLIENT (a re-send) → SENT_TO_CLIENT. */
export function planSend(status: InvoiceStatus): Decision<InvoiceStatus> {
  return status === 'OPEN' || status === 'SENT_TO_CLIENT'
    ? allow('SENT_TO_CLIENT')
    : refuse(userError(ErrorCode.INVALID_TRANSITION, `This invoice ${INVOICE_STATUS_PHRASE[status]}; only open or sent invoices are sent.`));
}

/** Export hands OPEN or SENT_TO_CLIENT invoices to accounting. */
export function planExport(status: InvoiceStatus): Decision<InvoiceStatus> {
  return status === 'OPEN' || status === 'SENT_TO_CLIENT'
    ? allow('EXPORTED')
    : refuse(userError(ErrorCode.INVALID_TRANSITION, `This invoice ${INVOICE_STATUS_PHRASE[status]}; only open or sent invoices are exported.`));
}
