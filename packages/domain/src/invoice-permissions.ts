import { checkCreditable, checkRefundable, checkSomethingToCredit } from './credit-memos.js';
import type { InvoiceFacts } from './invoice-facts.js';
import { checkInvoiceEditable, checkPayable, checkVoidable } from './invoice-decisions.js';
import { planExport, planSend } from './invoices.js';
import { can, type Permission } from './permissions.js';
import type { Role } from './roles.js';
import type { DepositFacts } from './sales-order-decisions.js';

type InvoiceForCan = Pick<InvoiceFacts, 'kind' | 'status' | 'totalCents' | 'paidCents' | 'depositAppliedCents' | 'creditedCents' | 'refundedCents'> & {
  lines: readonly { quantity: number; credited: number }[];
};

/** Invoice.can (the contract's InvoiceCan): the role, then the checks each mutation runs, in its order. */
export function invoiceCan(invoice: InvoiceForCan, roles: readonly Role[], deposits: DepositFacts): Record<'edit' | 'send' | 'export' | 'recordPayment' | 'recordRefund' | 'void' | 'createCreditMemo', Permission> {
  const transition = (d: { ok: true } | { ok: false; errors: readonly import('./errors.js').UserError[] }) => () => (d.ok ? [] : d.errors);
  return {
    edit: can(roles, 'manageInvoices', 'edit invoices', () => checkInvoiceEditable(invoice)),
    send: can(roles, 'manageInvoices', 'send invoices', transition(planSend(invoice.status))),
    export: can(roles, 'exportInvoices', 'export invoices', transition(planExport(invoice.status))),
    recordPayment: can(roles, 'recordPayments', 'record payments', () => checkPayable(invoice)),
    recordRefund: can(roles, 'recordPayments', 'record refunds', () => checkRefundable(invoice, deposits)),
    void: can(roles, 'manageInvoices', 'void invoices', () => checkVoidable(invoice)),
    createCreditMemo: can(roles, 'creditMemos', 'make credit memos', () => checkCreditable(invoice), () => checkSomethingToCredit(invoice)),
  };
}
