import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvoiceEmailPreviewDocument, SendInvoiceDocument, type InvoiceDetailFragment, type InvoiceEmailPreviewQuery, type SendInvoiceMutation } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { allowed, refused } from '@/shared/testing/permissions';
import InvoiceSendForm from './InvoiceSendForm.vue';

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

type Preview = InvoiceEmailPreviewQuery['invoiceEmailPreview'];

/** The server's e-mail for `to` (or the client's address): refused for an address that is not one. */
function emailFor(to: readonly string[] | null | undefined): Preview {
  const bad = (to ?? []).find((address) => !address.includes('@'));
  if (bad)
    return { __typename: 'InvoiceEmailPreview', to: [], subject: null, text: null, attachmentName: null, userErrors: [{ __typename: 'UserError', code: 'INVALID_INPUT', message: `${bad} is not an e-mail address.`, field: ['to', '0'] }] };
  return {
    __typename: 'InvoiceEmailPreview',
    to: to?.length ? [...to] : ['ap@globex.example'],
    subject: 'Invoice INV-1001 from Demo Distributing Co.',
    text: 'Dear Globex,\n\nplease find attached invoice INV-1001 dated Nov 22, 2026.\nTotal: $6,846.81; balance due: $0.00 by Dec 22, 2026.\n\nDemo Distributing Co.',
    attachmentName: 'INV-1001.pdf',
    userErrors: [],
  };
}

const sent: SendInvoiceMutation = { sendInvoice: { __typename: 'InvoicePayload', invoice: { ...invoice, sentTo: ['ops@globex.example'] }, userErrors: [] } };

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountForm() {
  const { client, calls } = createMockApolloClient([
    mockOperation(InvoiceEmailPreviewDocument, (v) => ({ data: { invoiceEmailPreview: emailFor(v.to as string[] | null) } })),
    mockOperation(SendInvoiceDocument, () => ({ data: sent })),
  ]);
  const wrapper = mount(InvoiceSendForm, { attachTo: document.body, props: { invoice }, global: { provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  return { wrapper, calls };
}

async function until(done: () => boolean): Promise<void> {
  await vi.waitFor(() => {
    if (!done()) throw new Error('still waiting for the preview');
  });
  await flushPromises();
}

/** Only the sends (the previews are asked as the form is used). */
const sends = (calls: { operationName: string }[]) => calls.filter((c) => c.operationName === 'SendInvoice');

const text = (wrapper: ReturnType<typeof mountForm>['wrapper'], testid: string) => wrapper.find(`[data-testid="${testid}"]`).text();

describe('InvoiceSendForm', () => {
  it('shows the e-mail as the server will send it, before Send: to, subject, attachment and message', async () => {
    const { wrapper, calls } = mountForm();
    await until(() => wrapper.find('[data-testid="invoice-email-subject"]').exists());
    expect(text(wrapper, 'invoice-email-to')).toBe('ap@globex.example');
    expect(text(wrapper, 'invoice-email-subject')).toBe('Invoice INV-1001 from Demo Distributing Co.');
    expect(text(wrapper, 'invoice-email-attachment')).toBe('INV-1001.pdf');
    expect(wrapper.get('[data-testid="invoice-email-text"]').element.textContent).toBe(emailFor(null).text);
    expect(calls.filter((c) => c.operationName === 'InvoiceEmailPreview')[0]!.variables).toEqual({ id: 'inv1', to: ['ap@globex.example'] });
    // The preview comes before the button that sends, and nothing was sent by previewing.
    const html = wrapper.html();
    expect(html.indexOf('data-testid="invoice-email-preview"')).toBeLessThan(html.indexOf('data-testid="invoice-send"'));
    expect(calls.some((c) => c.operationName === 'SendInvoice')).toBe(false);
  });

  it('asks again for the addresses typed, says why there is no e-mail for a wrong one, and sends to them', async () => {
    const { wrapper, calls } = mountForm();
    await until(() => wrapper.find('[data-testid="invoice-email-subject"]').exists());
    await wrapper.get('[data-testid="invoice-send-to"]').setValue('ops@globex.example, nope');
    await until(() => wrapper.find('[data-testid="invoice-email-preview-refusal"]').exists());
    expect(text(wrapper, 'invoice-email-preview-refusal')).toBe('nope is not an e-mail address.');
    expect(wrapper.find('[data-testid="invoice-email-subject"]').exists()).toBe(false);

    await wrapper.get('[data-testid="invoice-send-to"]').setValue('ops@globex.example');
    await until(() => wrapper.find('[data-testid="invoice-email-to"]').exists() && text(wrapper, 'invoice-email-to') === 'ops@globex.example');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(calls.find((c) => c.operationName === 'SendInvoice')!.variables).toEqual({ id: 'inv1', to: ['ops@globex.example'] });
    expect(wrapper.emitted('done')?.[0]).toEqual(['Invoice sent to ops@globex.example.']);
  });
  it("starts with the client's address in plain sight and sends to exactly it", async () => {
    const { wrapper, calls } = mountForm();
    const to = wrapper.get('[data-testid="invoice-send-to"]');
    expect((to.element as HTMLInputElement).value).toBe('ap@globex.example');
    expect(to.attributes('aria-required')).toBe('true');
    expect(wrapper.find('[data-testid="invoice-send-to-error"]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(sends(calls)).toEqual([{ operationName: 'SendInvoice', variables: { id: 'inv1', to: ['ap@globex.example'] } }]);
  });

  it('cleared, says under "To" that an address is needed and sends nothing', async () => {
    const { wrapper, calls } = mountForm();
    const to = wrapper.get('[data-testid="invoice-send-to"]');
    await to.setValue('');
    const error = wrapper.get('[data-testid="invoice-send-to-error"]');
    expect(error.text()).toBe('Enter at least one address to send to.');
    expect(to.attributes('aria-invalid')).toBe('true');
    expect(to.attributes('aria-describedby')).toContain(error.attributes('id'));
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(sends(calls)).toEqual([]);
  });

  it('flags an address that is not one as it is typed', async () => {
    const { wrapper, calls } = mountForm();
    await wrapper.get('[data-testid="invoice-send-to"]').setValue('ap@globex.example, billing');
    expect(wrapper.get('[data-testid="invoice-send-to-error"]').text()).toBe('billing is not an e-mail address.');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(sends(calls)).toEqual([]);
  });
});
