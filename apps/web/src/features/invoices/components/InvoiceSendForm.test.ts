import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { SendInvoiceDocument, type InvoiceDetailFragment } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import InvoiceSendForm from './InvoiceSendForm.vue';

// The form reads only these fields of the invoice.
const invoice = { id: 'inv1', sentAt: null, sentTo: [], client: { __typename: 'Client', id: 'c1', name: 'Globex', email: 'ap@globex.example' } } as unknown as InvoiceDetailFragment;

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountForm() {
  const { client, calls } = createMockApolloClient([
    // The answer matters not here (the page shows it): only what was sent.
    mockOperation(SendInvoiceDocument, () => ({ data: { sendInvoice: { __typename: 'InvoicePayload' as const, invoice: null, userErrors: [] } } })),
  ]);
  const wrapper = mount(InvoiceSendForm, { props: { invoice }, attachTo: document.body, global: { provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  return { wrapper, calls, to: wrapper.get('[data-testid="invoice-send-to"]') };
}

describe('InvoiceSendForm', () => {
  it("starts with the client's address in plain sight and sends to exactly it", async () => {
    const { wrapper, calls, to } = mountForm();
    expect((to.element as HTMLInputElement).value).toBe('ap@globex.example');
    expect(to.attributes('aria-required')).toBe('true');
    expect(wrapper.find('[data-testid="invoice-send-to-error"]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(calls).toEqual([{ operationName: 'SendInvoice', variables: { id: 'inv1', to: ['ap@globex.example'] } }]);
  });

  it('cleared, says under "To" that an address is needed and sends nothing', async () => {
    const { wrapper, calls, to } = mountForm();
    await to.setValue('');
    const error = wrapper.get('[data-testid="invoice-send-to-error"]');
    expect(error.text()).toBe('Enter at least one address to send to.');
    expect(to.attributes('aria-invalid')).toBe('true');
    expect(to.attributes('aria-describedby')).toContain(error.attributes('id'));
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(calls).toEqual([]);
  });

  it('flags an address that is not one as it is typed', async () => {
    const { wrapper, calls, to } = mountForm();
    await to.setValue('ap@globex.example, billing');
    expect(wrapper.get('[data-testid="invoice-send-to-error"]').text()).toBe('billing is not an e-mail address.');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(calls).toEqual([]);
  });
});
