import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { VoidInvoiceDocument, type InvoiceDetailFragment, type VoidInvoiceMutation } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { useToasts } from '@/shared/composables/use-toast';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { allowed, refused } from '@/shared/testing/permissions';
import InvoiceAccountingPanel from './InvoiceAccountingPanel.vue';

// INV-1002 billed 20 mugs of SO-1001 for $1,298.00.
const invoice = {
  __typename: 'Invoice',
  id: 'inv2',
  number: 'INV-1002',
  kind: 'STANDARD',
  status: 'SENT_TO_CLIENT',
  totalCents: 129_800,
  can: {
    __typename: 'InvoiceCan',
    edit: refused('LOCKED', 'Sent: it can no longer be edited.'),
    send: allowed,
    export: allowed,
    recordPayment: allowed,
    void: allowed,
    createCreditMemo: allowed,
    recordRefund: refused('INVALID_INPUT', 'Nothing is owed back on this invoice.'),
  },
  lines: [{ __typename: 'InvoiceLine', id: 'il1', description: 'Ceramic mug', quantity: 20, credited: 0, unitPriceCents: 6490, totalCents: 129_800, salesOrderLine: { __typename: 'SalesOrderLine', id: 'mugs', kind: 'GOODS' } }],
  salesOrder: { __typename: 'SalesOrder', id: 'so1', number: 'SO-1001' },
} as unknown as InvoiceDetailFragment;

const voided: VoidInvoiceMutation = {
  voidInvoice: { __typename: 'InvoicePayload', userErrors: [], invoice: { ...invoice, status: 'VOID', salesOrder: { ...invoice.salesOrder, status: 'READY_TO_BE_INVOICED' } } as never },
};

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

async function mountPanel() {
  const { client, calls } = createMockApolloClient([mockOperation(VoidInvoiceDocument, () => ({ data: voided }))]);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)', name: 'sales-order', component: { render: () => null } }] });
  await router.push('/');
  const wrapper = mount(InvoiceAccountingPanel, {
    attachTo: document.body,
    props: { invoice, currency: 'USD' },
    global: { plugins: [router], provide: { [apolloClientKey as symbol]: client } },
  });
  mounted.push(wrapper);
  return { wrapper, calls };
}

const dialog = () => document.querySelector<HTMLDialogElement>('[data-testid="void-confirm"]');
const press = (testId: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!.click();

describe('InvoiceAccountingPanel: voiding is confirmed first, stating what it undoes', () => {
  it('asks "Void INV-1002 for $1,298.00?" with its units going back to the order; Cancel changes nothing', async () => {
    const { wrapper, calls } = await mountPanel();
    await wrapper.get('[data-testid="invoice-void-reason-input"]').setValue('Billed twice');
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    expect(dialog()!.querySelector('h2')!.textContent).toBe('Void INV-1002 for $1,298.00?');
    expect(dialog()!.querySelector('[data-testid="void-confirm-units"]')!.textContent!.trim()).toBe(
      'Its units return to SO-1001 to be invoiced again: 20 × Ceramic mug. Stocked goods it released go back on hand.',
    );
    expect(dialog()!.textContent).toContain('Reason: Billed twice');
    press('void-confirm-cancel');
    await flushPromises();
    expect(dialog()).toBeNull();
    expect(calls).toEqual([]);
    expect(wrapper.emitted('done')).toBeUndefined();
  });

  it('Confirm voids it with the reason, and a toast links the order', async () => {
    const { wrapper, calls } = await mountPanel();
    await wrapper.get('[data-testid="invoice-void-reason-input"]').setValue('Billed twice');
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    press('void-confirm-confirm');
    await vi.waitFor(() => expect(wrapper.emitted('done')).toBeTruthy());
    expect(calls).toEqual([{ operationName: 'VoidInvoice', variables: { id: 'inv2', reason: 'Billed twice' } }]);
    expect(dialog()).toBeNull();
    expect(useToasts().toasts.value.at(-1)).toMatchObject({ message: 'INV-1002 voided.', link: { to: { name: 'sales-order', params: { id: 'so1' } }, label: 'Open SO-1001' } });
  });
});
