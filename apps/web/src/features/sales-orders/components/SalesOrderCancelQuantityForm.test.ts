import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { CancelSalesOrderQuantityDocument } from '@/gql/graphql';
import { apolloClientKey } from '@/shared/composables/apollo-client';
import { createMockApolloClient, mockOperation } from '@/shared/testing/mock-apollo-client';
import { line, salesOrder } from '../testing/sales-order-fixtures';
import SalesOrderCancelQuantityForm from './SalesOrderCancelQuantityForm.vue';

const mounted: { unmount(): void }[] = [];
afterEach(() => mounted.splice(0).forEach((w) => w.unmount()));

function mountForm() {
  const mugs = line('l1', 1, { description: 'Mugs', quantity: 500, remaining: 200 });
  const { client, calls } = createMockApolloClient([
    mockOperation(CancelSalesOrderQuantityDocument, () => ({ data: { cancelSalesOrderQuantity: { __typename: 'SalesOrderPayload' as const, salesOrder: salesOrder(), userErrors: [] } } })),
  ]);
  const wrapper = mount(SalesOrderCancelQuantityForm, { props: { line: mugs }, attachTo: document.body, global: { provide: { [apolloClientKey as symbol]: client } } });
  mounted.push(wrapper);
  return { wrapper, calls };
}

describe('SalesOrderCancelQuantityForm', () => {
  it('flags a quantity out of 1..remaining as it is typed, under the quantity', async () => {
    const { wrapper } = mountForm();
    const input = wrapper.get('[data-testid="cancel-quantity-input"]');
    for (const [typed, message] of [
      ['0', 'Cancel a whole number of at least 1.'],
      ['-5', 'Cancel a whole number of at least 1.'],
      ['2.5', 'Cancel a whole number of at least 1.'],
      ['201', 'Cancel between 1 and 200.'],
    ] as const) {
      await input.setValue(typed);
      const error = wrapper.get('[data-testid="cancel-quantity-error"]');
      expect(error.text(), typed).toBe(message);
      expect(input.attributes('aria-invalid')).toBe('true');
      expect(input.attributes('aria-describedby')).toBe(error.attributes('id'));
    }
    await input.setValue('200');
    expect(wrapper.find('[data-testid="cancel-quantity-error"]').exists()).toBe(false);
  });

  it('says why "Cancel quantity" is disabled, and asks for the reason once the field is left', async () => {
    const { wrapper, calls } = mountForm();
    const button = wrapper.get('[data-testid="cancel-quantity-submit"]');
    expect(button.attributes('disabled')).toBeDefined();
    const why = wrapper.get('[data-testid="cancel-quantity-why"]');
    expect(why.text()).toBe('Say why the quantity is cancelled.');
    expect(button.attributes('aria-describedby')).toBe(why.attributes('id'));
    expect(button.attributes('title')).toBe('Say why the quantity is cancelled.');
    expect(wrapper.find('[data-testid="cancel-quantity-reason-error"]').exists()).toBe(false);
    await wrapper.get('[data-testid="cancel-quantity-reason"]').trigger('blur');
    expect(wrapper.get('[data-testid="cancel-quantity-reason-error"]').text()).toBe('Say why the quantity is cancelled.');

    await wrapper.get('[data-testid="cancel-quantity-reason"]').setValue('Client changed their mind');
    expect(button.attributes('disabled')).toBeUndefined();
    expect(wrapper.find('[data-testid="cancel-quantity-why"]').exists()).toBe(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(calls).toEqual([{ operationName: 'CancelSalesOrderQuantity', variables: { lineId: 'l1', quantity: 200, reason: 'Client changed their mind' } }]);
  });
});
