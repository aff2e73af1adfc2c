import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CreateCreditMemoDocument,
  CreditMemoPreviewDocument,
  type CreateCreditMemoInput,
  type CreateCreditMemoMutation,
  type CreditMemoPreviewQuery,
  type InvoiceDetailFragment,
} from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { expectNoRoleLiterals } from '@/shared/testing/no-role-literals';
import { allowed, refused } from '@/shared/testing/permissions';
import InvoiceCreditMemoDialog from './InvoiceCreditMemoDialog.vue';
import source from './InvoiceCreditMemoDialog.vue?raw';

type Preview = CreditMemoPreviewQuery['creditMemoPreview'];
type UserError = Preview['userErrors'][number];

// INV-1001, sent: 500 mugs at $12.50 (3 credited already) and the $75.00 setup, at 8.25 %.
const invoice: InvoiceDetailFragment = {
  __typename: 'Invoice',
  id: 'inv1',
  version: 3,
  number: 'INV-1001',
  kind: 'STANDARD',
  status: 'SENT_TO_CLIENT',
  invoiceDate: '2026-11-22',
  dueDate: '2026-12-22',
  createdAt: '2026-11-22T10:00:00Z',
  subtotalCents: 632_500,
  taxCents: 52_181,
  totalCents: 684_681,
  paidCents: 684_681,
  depositAppliedCents: 0,
  creditedCents: 4_060,
  refundedCents: 0,
  balanceCents: -4_060,
  reason: null,
  pdfUrl: '/invoices/inv1.pdf',
  sentAt: '2026-11-22T11:00:00Z',
  sentTo: ['ap@globex.example'],
  voidReason: null,
  orderInvoicedAfterCents: 684_681,
  orderRemainingAfterCents: 0,
  can: {
    __typename: 'InvoiceCan',
    edit: refused('LOCKED', 'A sent invoice can no longer change.'),
    send: allowed,
    export: allowed,
    recordPayment: refused('INVALID_INPUT', 'Nothing is due on this invoice.'),
    void: refused('LOCKED', 'A payment is recorded on this invoice: it cannot be voided.'),
    createCreditMemo: allowed,
    recordRefund: allowed,
  },
  creditMemos: [],
  creditedInvoice: null,
  client: { __typename: 'Client', id: 'c1', name: 'Globex', email: 'ap@globex.example', paymentTermsDays: 30 },
  project: { __typename: 'Project', id: 'prj1', number: 'PRJ-1001', name: 'Spring promo' },
  lines: [
    { __typename: 'InvoiceLine', id: 'il-mugs', description: 'Mug', quantity: 500, credited: 3, unitPriceCents: 1250, totalCents: 625_000, salesOrderLine: { __typename: 'SalesOrderLine', id: 'mugs', kind: 'GOODS' } },
    { __typename: 'InvoiceLine', id: 'il-setup', description: 'Setup', quantity: 1, credited: 0, unitPriceCents: 7500, totalCents: 7500, salesOrderLine: { __typename: 'SalesOrderLine', id: 'setup', kind: 'SETUP' } },
  ],
  salesOrder: {
    __typename: 'SalesOrder',
    id: 'so1',
    version: 7,
    number: 'SO-1001',
    status: 'INVOICED',
    locked: true,
    taxRateBasisPoints: 825,
    remainingCents: 0,
    invoicedCents: 680_621,
    totalCents: 680_621,
    depositPaidCents: 0,
    depositAvailableCents: 0,
    client: { __typename: 'Client', id: 'c1', name: 'Globex' },
    project: { __typename: 'Project', id: 'prj1', number: 'PRJ-1001', name: 'Spring promo' },
    lines: [],
  },
};

/** The server's preview of `input`: 2 mugs come to -$27.06 with their tax; refusals as the test names them. */
function preview(input: CreateCreditMemoInput, refuse?: (input: CreateCreditMemoInput) => UserError[]): Preview {
  const errors = refuse?.(input) ?? [];
  if (errors.length)
    return {
      __typename: 'CreditMemoPreview',
      lines: [],
      subtotalCents: null,
      taxCents: null,
      totalCents: null,
      invoiceCreditedAfterCents: null,
      invoiceBalanceAfterCents: null,
      orderInvoicedAfterCents: null,
      orderRemainingAfterCents: null,
      userErrors: errors,
    };
  const mugs = input.lines.find((l) => l.invoiceLineId === 'il-mugs')?.quantity ?? 0;
  const subtotal = -mugs * 1250;
  const tax = -Math.round(mugs * 103.125);
  return {
    __typename: 'CreditMemoPreview',
    lines: input.lines.map((l) => ({ __typename: 'CreditMemoPreviewLine', invoiceLineId: l.invoiceLineId, quantity: l.quantity, restocked: 0, totalCents: -l.quantity * 1250 })),
    subtotalCents: subtotal,
    taxCents: tax,
    totalCents: subtotal + tax,
    invoiceCreditedAfterCents: 4_060 - (subtotal + tax),
    invoiceBalanceAfterCents: -4_060 + subtotal + tax,
    orderInvoicedAfterCents: 680_621 + subtotal + tax,
    orderRemainingAfterCents: input.reinvoice ? -(subtotal + tax) : 0,
    userErrors: [],
  };
}

const reasonMissing = (input: CreateCreditMemoInput): UserError[] =>
  input.reason.trim() ? [] : [{ __typename: 'UserError', code: 'INVALID_INPUT', message: 'Say why the units are credited.', field: ['input', 'reason'] }];
const overCredit = (input: CreateCreditMemoInput): UserError[] =>
  input.lines.flatMap((l, i) =>
    l.invoiceLineId === 'il-mugs' && l.quantity > 497
      ? [{ __typename: 'UserError' as const, code: 'OVER_CREDIT' as const, message: 'Only 497 of this line are left to credit.', field: ['input', 'lines', String(i), 'quantity'] }]
      : [],
  );

const made: CreateCreditMemoMutation = {
  createCreditMemo: {
    __typename: 'InvoicePayload',
    invoice: { ...invoice, id: 'cm1', number: 'CM-1002', kind: 'CREDIT_MEMO', creditedInvoice: { ...invoice, creditedInvoice: null } },
    userErrors: [],
  },
};

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountDialog(refuse?: (input: CreateCreditMemoInput) => UserError[]) {
  const { client, calls } = createMockApolloClient([
    mockOperation(CreditMemoPreviewDocument, (v) => ({ data: { creditMemoPreview: preview(v.input, refuse) } })),
    mockOperation(CreateCreditMemoDocument, () => ({ data: made })),
  ]);
  const wrapper = mount(InvoiceCreditMemoDialog, {
    attachTo: document.body,
    props: { invoice, currency: 'USD' },
    global: { provide: { [apolloClientKey as symbol]: client } },
  });
  mounted.push(wrapper);
  return { wrapper, calls };
}

async function until(done: () => boolean): Promise<void> {
  await vi.waitFor(() => {
    if (!done()) throw new Error('still waiting for the preview');
  });
  await flushPromises();
}

const submit = (wrapper: ReturnType<typeof mountDialog>['wrapper']) => wrapper.get('[data-testid="credit-memo-submit"]');
const reasonShown = (wrapper: ReturnType<typeof mountDialog>['wrapper']) => {
  const describedBy = submit(wrapper).attributes('aria-describedby');
  return describedBy ? wrapper.get(`[id="${describedBy}"]`).text() : '';
};

describe('InvoiceCreditMemoDialog', () => {
  it('offers each line up to what is left to credit, and shows the server’s preview of the memo before it is made', async () => {
    const { wrapper, calls } = mountDialog(reasonMissing);
    const rows = wrapper.findAll('[data-testid="credit-memo-line"]');
    expect(rows.map((r) => r.find('td').text())).toEqual(['Mug', 'Setup']);
    expect(wrapper.get('[data-testid="credit-memo-restock"]').element).toHaveProperty('checked', true);
    expect(wrapper.get('[data-testid="credit-memo-reinvoice"]').element).toHaveProperty('checked', false);

    await wrapper.get('[data-testid="credit-memo-reason"]').setValue('Two mugs arrived broken');
    await rows[0]!.get('[data-testid="credit-memo-quantity"]').setValue('2');
    await until(() => wrapper.get('[data-testid="credit-memo-preview-total"]').text() === '-$27.06');

    expect(calls.at(-1)).toEqual({
      operationName: 'CreditMemoPreview',
      variables: { input: { invoiceId: 'inv1', lines: [{ invoiceLineId: 'il-mugs', quantity: 2 }], reason: 'Two mugs arrived broken', reinvoice: false, restock: true } },
    });
    expect(wrapper.get('[data-testid="credit-memo-preview-tax"]').text()).toBe('-$2.06');
    expect(wrapper.get('[data-testid="credit-memo-preview-balance"]').text()).toBe('-$67.66');
    expect(wrapper.find('[data-testid="credit-memo-preview-refund"]').exists()).toBe(true);
    expect(rows[0]!.get('[data-testid="credit-memo-line-total"]').text()).toBe('-$25.00');
    expect(submit(wrapper).attributes('disabled')).toBeUndefined();
  });

  it('makes exactly what was previewed, then hands the new memo to the page', async () => {
    const { wrapper, calls } = mountDialog();
    await wrapper.get('[data-testid="credit-memo-reason"]').setValue('Wrong colour');
    await wrapper.findAll('[data-testid="credit-memo-quantity"]')[0]!.setValue('5');
    await wrapper.get('[data-testid="credit-memo-reinvoice"]').setValue(true);
    await until(() => submit(wrapper).attributes('disabled') === undefined);

    await wrapper.get('form').trigger('submit');
    await until(() => wrapper.emitted('created') !== undefined);
    const sent = calls.filter((c) => c.operationName === 'CreateCreditMemo');
    expect(sent).toEqual([
      {
        operationName: 'CreateCreditMemo',
        variables: { input: { invoiceId: 'inv1', lines: [{ invoiceLineId: 'il-mugs', quantity: 5 }], reason: 'Wrong colour', reinvoice: true, restock: true } },
      },
    ]);
    expect(wrapper.emitted('created')?.[0]).toEqual([{ id: 'cm1', number: 'CM-1002' }]);
  });

  it('keeps the button disabled with the server’s reason while the preview refuses', async () => {
    const { wrapper } = mountDialog((input) => [...reasonMissing(input), ...overCredit(input)].slice(0, 1));
    // Nothing typed yet: the server's first refusal is the reason.
    await until(() => reasonShown(wrapper) === 'Say why the units are credited.');
    expect(submit(wrapper).attributes('disabled')).toBeDefined();

    // More than is left on a line: the refusal shows on that line and beside the button.
    await wrapper.get('[data-testid="credit-memo-reason"]').setValue('Returned');
    const mugs = wrapper.findAll('[data-testid="credit-memo-quantity"]')[0]!;
    await mugs.setValue('498');
    await until(() => wrapper.find('[data-testid="credit-memo-line-error"]').exists());
    expect(wrapper.get('[data-testid="credit-memo-line-error"]').text()).toBe('Only 497 of this line are left to credit.');
    expect(mugs.attributes('aria-invalid')).toBe('true');
    expect(submit(wrapper).attributes('disabled')).toBeDefined();
    expect(reasonShown(wrapper)).toBe('Only 497 of this line are left to credit.');

    // Not a number: checked here, without asking the server.
    await mugs.setValue('two');
    await flushPromises();
    expect(wrapper.get('[data-testid="credit-memo-line-error"]').text()).toBe('Enter a whole number, 0 or more.');
    expect(reasonShown(wrapper)).toBe('Correct the quantities marked above.');
  });

  it('holds no role of its own: what the viewer may do comes from the invoice’s can', () => {
    expectNoRoleLiterals(source, 'InvoiceCreditMemoDialog.vue');
  });
});
