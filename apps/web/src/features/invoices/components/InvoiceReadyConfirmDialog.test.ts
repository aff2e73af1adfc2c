import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateInvoiceDocument, InvoicePreviewDocument, type CreateInvoiceMutation, type InvoicePreviewQuery } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { useToasts } from '@/shared/composables/use-toast';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { expectNoRoleLiterals } from '@/shared/testing/no-role-literals';
import InvoiceReadyConfirmDialog from './InvoiceReadyConfirmDialog.vue';
import source from './InvoiceReadyConfirmDialog.vue?raw';

// SO-1001: 500 mugs shipped and ready ($6,250.00 + tax), 200 tees still waiting for goods.
const order = {
  id: 'so1',
  number: 'SO-1001',
  lines: [
    { id: 'mugs', kind: 'GOODS', description: 'Ceramic mug', backordered: 0 },
    { id: 'tees', kind: 'GOODS', description: 'Classic tee', backordered: 200 },
  ],
};

const preview = (fields: Partial<InvoicePreviewQuery['invoicePreview']> = {}): InvoicePreviewQuery => ({
  invoicePreview: {
    __typename: 'InvoicePreview',
    lines: [{ __typename: 'InvoicePreviewLine', salesOrderLineId: 'mugs', quantity: 500, totalCents: 625_000 }],
    subtotalCents: 625_000,
    taxCents: 51_563,
    totalCents: 676_563,
    depositAppliedCents: 0,
    balanceCents: 676_563,
    orderInvoicedAfterCents: 676_563,
    orderRemainingAfterCents: 389_700,
    userErrors: [],
    ...fields,
  },
});

const created = { createInvoice: { __typename: 'InvoicePayload', userErrors: [], invoice: { __typename: 'Invoice', id: 'inv1', number: 'INV-1001', totalCents: 676_563 } } } as unknown as CreateInvoiceMutation;

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountDialog(answer: InvoicePreviewQuery = preview()) {
  const { client, calls } = createMockApolloClient([mockOperation(InvoicePreviewDocument, () => ({ data: answer })), mockOperation(CreateInvoiceDocument, () => ({ data: created }))]);
  const wrapper = mount(InvoiceReadyConfirmDialog, {
    attachTo: document.body,
    props: { order, currency: 'USD' },
    global: { provide: { [apolloClientKey as symbol]: client }, stubs: { RouterLink: true } },
  });
  mounted.push(wrapper);
  return { wrapper, calls };
}

const text = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
const confirmButton = () => document.querySelector<HTMLButtonElement>('[data-testid="invoice-ready-confirm-confirm"]')!;

describe('InvoiceReadyConfirmDialog: "Invoice what is ready", confirmed with the server’s preview', () => {
  it('states the invoice the server would make: lines, total, the order after, and that only ready goods are billed', async () => {
    const { calls } = mountDialog();
    expect(confirmButton().disabled).toBe(true);
    expect(text('invoice-ready-confirm-blocked')).toBe('Asking the server what the invoice would be…');
    await vi.waitFor(() => expect(text('invoice-ready-summary')).toBeDefined());
    expect(calls).toEqual([{ operationName: 'InvoicePreview', variables: { input: { salesOrderId: 'so1' } } }]);
    expect(text('invoice-ready-summary')).toBe('This creates an invoice of $6,765.63 for the units ready now; SO-1001 then has $3,897.00 remaining.');
    expect([...document.querySelectorAll('[data-testid="invoice-ready-line"]')].map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent!.trim()).join(' '))).toEqual(['Ceramic mug 500 $6,250.00']);
    expect(text('invoice-ready-total')).toBe('$6,765.63');
    expect(text('invoice-ready-backordered')).toBe('Only the ready goods are billed. Still waiting for goods, and staying on the order: 200 × Classic tee.');
    expect(confirmButton().textContent!.trim()).toBe('Create invoice for $6,765.63');
    expect(confirmButton().disabled).toBe(false);
  });

  it('Cancel makes nothing', async () => {
    const { wrapper, calls } = mountDialog();
    await vi.waitFor(() => expect(text('invoice-ready-summary')).toBeDefined());
    document.querySelector<HTMLButtonElement>('[data-testid="invoice-ready-confirm-cancel"]')!.click();
    await flushPromises();
    expect(wrapper.emitted('cancel')).toHaveLength(1);
    expect(calls.map((c) => c.operationName)).toEqual(['InvoicePreview']);
  });

  it('Confirm creates the invoice (no lines: every ready quantity) and a toast links it', async () => {
    const { wrapper, calls } = mountDialog();
    await vi.waitFor(() => expect(confirmButton().disabled).toBe(false));
    confirmButton().click();
    await vi.waitFor(() => expect(wrapper.emitted('created')).toBeTruthy());
    expect(calls.at(-1)).toEqual({ operationName: 'CreateInvoice', variables: { input: { salesOrderId: 'so1' } } });
    expect(wrapper.emitted('created')![0]).toEqual([{ id: 'inv1', number: 'INV-1001' }]);
    expect(useToasts().toasts.value.at(-1)).toMatchObject({ message: 'INV-1001 created for SO-1001 ($6,765.63).', link: { to: { name: 'invoice', params: { id: 'inv1' } }, label: 'Open INV-1001' } });
  });

  it('when the server would refuse, says why and Confirm waits', async () => {
    mountDialog(preview({ lines: [], subtotalCents: null, taxCents: null, totalCents: null, userErrors: [{ __typename: 'UserError', code: 'INVALID_INPUT', message: 'Nothing is ready to invoice yet: 200 tees wait for goods.', field: ['input', 'salesOrderId'] }] }));
    await vi.waitFor(() => expect(text('invoice-ready-confirm-blocked')).toBe('Nothing is ready to invoice yet: 200 tees wait for goods.'));
    expect(confirmButton().disabled).toBe(true);
    expect(document.querySelector('[data-testid="invoice-ready-summary"]')).toBeNull();
  });

  it('holds no role table', () => expectNoRoleLiterals(source, 'InvoiceReadyConfirmDialog'));
});
